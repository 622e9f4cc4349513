"""The one table exporter (indicators.table_files), read back from the files the sector page
hands out: CSV bytes for Windows Excel, xlsx numbers with their formats, formulas kept out."""

from __future__ import annotations

import csv
import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from indicators import table_files
from tests.factories import IndicatorFactory, SectorFactory, TargetFactory, ValueFactory

HYPERLINK = '=HYPERLINK("http://example.com","Bấm vào")'


@pytest.fixture
def sector(db):
    sector = SectorFactory(code="KT", name="Kinh tế")
    budget = IndicatorFactory(
        code="BUDGET", name="Thu ngân sách", sector=sector, unit="tỷ đồng", decimals=3, order=1
    )
    TargetFactory(indicator=budget, year=2024, value=D("182.000"))
    ValueFactory(indicator=budget, year=2024, value=D("17.500"))
    ValueFactory(indicator=budget, year=2023, value=D("20"), kind="actual")
    rate = IndicatorFactory(
        code="RATE", name="-Tỷ lệ hộ nghèo", sector=sector, unit="%", decimals=2, order=2
    )
    TargetFactory(indicator=rate, year=2024, value=D("3.5"))
    ValueFactory(indicator=rate, year=2024, value=D("3.25"))
    ValueFactory(indicator=rate, year=2023, value=D("4.10"), kind="actual")
    evil = IndicatorFactory(code="EVIL", name=HYPERLINK, sector=sector, order=3)
    TargetFactory(indicator=evil, year=2024, value=D("10"))
    return sector


def _csv(client) -> tuple[bytes, list[dict[str, str]]]:
    data = client.get("/sectors/KT/", {"year": 2024, "_export": "csv"}).content
    return data, list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_sector_csv_opens_in_windows_excel_with_vietnamese_headers(client, sector):
    data, rows = _csv(client)
    assert data.startswith(b"\xef\xbb\xbf")  # byte-order mark: Excel reads UTF-8
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == [
        "Mã",
        "Chỉ tiêu",
        "ĐVT",
        "Phòng ban",
        "Kế hoạch",
        "Thực hiện",
        "Loại số thực hiện",
        "% so KH",
        "So cùng kỳ",
        "Đánh giá",
    ]
    budget = next(r for r in rows if r["Mã"] == "BUDGET")
    assert (budget["Kế hoạch"], budget["Thực hiện"]) == ("182", "17,5")  # not "17.500000"
    assert budget["% so KH"] == "9,6%"  # one decimal, not 28 digits
    assert budget["So cùng kỳ"] == "−12,5%"
    assert budget["Đánh giá"] == "Không đạt"  # a status word, not "not_achieved"
    assert budget["Loại số thực hiện"] == "Ước thực hiện"
    evil = next(r for r in rows if r["Mã"] == "EVIL")
    assert (evil["Thực hiện"], evil["% so KH"]) == ("–", "–")  # undefined, never blank or 0


def test_the_sector_csv_neutralises_formulas_in_text_but_not_in_figures(client, sector):
    _data, rows = _csv(client)
    names = {r["Mã"]: r["Chỉ tiêu"] for r in rows}
    assert names["EVIL"] == "'" + HYPERLINK
    assert names["RATE"] == "'-Tỷ lệ hộ nghèo"
    rate = next(r for r in rows if r["Mã"] == "RATE")
    assert rate["So cùng kỳ"] == "−0,85 điểm %"


def test_the_sector_xlsx_keeps_figures_as_numbers_formatted_at_display_precision(client, sector):
    data = client.get("/sectors/KT/", {"year": 2024, "_export": "xlsx"}).content
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.title == "Kinh tế 2024"  # not "Export Data"
    header = [c.value for c in ws[1]]
    col = {name: i for i, name in enumerate(header)}
    rows = {r[col["Mã"]].value: r for r in ws.iter_rows(min_row=2)}
    plan, actual = rows["BUDGET"][col["Kế hoạch"]], rows["BUDGET"][col["Thực hiện"]]
    assert (plan.value, plan.number_format) == (182, "#,##0")
    assert (actual.value, actual.number_format) == (17.5, "#,##0.0")
    completion = rows["BUDGET"][col["% so KH"]]
    assert completion.data_type == "n" and completion.number_format == '#,##0.0"%"'
    change = rows["RATE"][col["So cùng kỳ"]]
    assert change.value == pytest.approx(-0.85) and change.data_type == "n"
    assert "điểm %" in change.number_format
    name = rows["EVIL"][col["Chỉ tiêu"]]
    assert name.data_type == "s" and name.value == HYPERLINK  # text, never a live formula
    assert rows["RATE"][col["Chỉ tiêu"]].data_type == "s"


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+2", "'=1+2"),
        ("+84 912", "'+84 912"),
        ("-Giảm", "'-Giảm"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Thu ngân sách", "Thu ngân sách"),
    ],
)
def test_text_a_spreadsheet_would_run_is_neutralised(text, safe):
    assert table_files.neutralised(text) == safe


def test_a_negative_figure_stays_a_figure_in_csv():
    table = table_files.TableFile(
        sheet="x",
        headers=["Tên", "Số"],
        rows=[[table_files.text("-a"), table_files.figure(D("-4.5"), 1)]],
    )
    data = table_files.csv_bytes(table).decode("utf-8-sig")
    assert data.splitlines()[1] == '\'-a,"-4,5"'


def test_a_lone_mark_is_not_a_formula():
    assert table_files.neutralised("-") == "-"
    assert table_files.neutralised("+") == "+"
