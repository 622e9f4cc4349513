"""`export_council_table --period M6` (M3, M9, Q1…Q4): a period's table against the annual
plan, with the pace, in every format (domain.md, contract additions)."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.council_table import JSON_FIELDS, PERIOD_JSON_FIELDS, council_table
from tests.factories import IndicatorFactory, SourceReportFactory, TargetFactory, ValueFactory


def export(capsysbinary, *args: str) -> bytes:
    call_command("export_council_table", *args)
    return capsysbinary.readouterr().out


@pytest.fixture
def revenue(db):
    """A main flow: plan 200 in 2024; quarters 30 and 50 of 2024; in 2023 a plan of 180 and a
    stated six-month figure of 72 (40% of that year's plan)."""
    indicator = IndicatorFactory(code="THU", is_main=True, council_group=1, aggregation="sum")
    report = SourceReportFactory(number="5268/BC-UBND")
    TargetFactory(indicator=indicator, year=2024, value=D(200), report=report)
    TargetFactory(indicator=indicator, year=2023, value=D(180), report=report)
    ValueFactory(indicator=indicator, year=2024, quarter=1, kind="actual", value=D(30))
    ValueFactory(indicator=indicator, year=2024, quarter=2, kind="actual", value=D(50))
    ValueFactory(indicator=indicator, year=2023, months=6, kind="actual", value=D(72))
    return indicator


@pytest.fixture
def planned_only(db):
    """A main indicator with a 2024 plan and nothing achieved yet."""
    indicator = IndicatorFactory(code="KH-ONLY", is_main=True, council_group=2)
    TargetFactory(indicator=indicator, year=2024, value=D(10))
    return indicator


def by_code(rows: list[dict]) -> dict[str, dict]:
    return {row["code"]: row for row in rows}


def test_six_months_json_adds_period_and_pace_against_the_annual_plan(
    revenue, planned_only, capsysbinary
):
    rows = json.loads(export(capsysbinary, "--year", "2024", "--period", "M6"))
    assert all(list(row) == PERIOD_JSON_FIELDS for row in rows)
    thu = by_code(rows)["THU"]
    assert thu["period"] == "2024-M6"
    assert (thu["plan"], thu["actual"], thu["actual_kind"]) == (200, 80, "actual")  # 30 + 50
    assert thu["completion_pct"] == pytest.approx(40)  # % KH năm
    assert thu["pace_pct"] == pytest.approx(40)  # 2023's six months reached 72 / 180
    assert thu["yoy_pct"] == pytest.approx((80 / 72 - 1) * 100)
    assert (thu["next_plan"], thu["next_plan_vs_actual_pct"]) == (None, None)
    assert thu["status"] == "not_achieved"
    assert by_code(rows)["KH-ONLY"]["status"] == "no_actual"


def test_nine_months_without_the_third_quarter_have_no_actual_and_a_calendar_pace(
    revenue, capsysbinary
):
    (thu,) = json.loads(export(capsysbinary, "--year", "2024", "--period", "M9"))
    assert (thu["period"], thu["actual"], thu["status"]) == ("2024-M9", None, "no_actual")
    assert thu["pace_pct"] == pytest.approx(75)  # no 2023 nine months: 9 / 12


def test_a_quarter_is_its_own_figure(revenue, capsysbinary):
    (thu,) = json.loads(export(capsysbinary, "--year", "2024", "--period", "Q2"))
    assert (thu["period"], thu["actual"], thu["completion_pct"]) == ("2024-Q2", 50, 25)
    assert thu["pace_pct"] == pytest.approx(25)  # a quarter of the calendar


def test_the_year_keeps_its_fields_and_says_no_actual_for_a_plan_without_one(
    planned_only, capsysbinary
):
    (row,) = json.loads(export(capsysbinary, "--year", "2024"))
    assert list(row) == JSON_FIELDS
    assert (row["plan"], row["actual"], row["status"]) == (10, None, "no_actual")


def test_csv_of_a_period_has_its_columns(revenue, capsysbinary):
    text = export(capsysbinary, "--year", "2024", "--period", "M6", "--format", "csv").decode()
    header, line = text.lstrip("\ufeff").splitlines()[:2]
    assert header.split(",") == PERIOD_JSON_FIELDS
    period, pace = line.split(",")[-2:]
    assert (period, D(pace)) == ("2024-M6", D(40))


def test_every_format_carries_the_period_in_its_title(revenue, tmp_path):
    title = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU 6 THÁNG ĐẦU NĂM 2024"
    for format in ("docx", "xlsx", "pdf"):
        call_command(
            "export_council_table", "--year", "2024", "--period", "M6", "--format", format,
            "-o", str(tmp_path / f"t.{format}"),
        )  # fmt: skip
    doc = Document(str(tmp_path / "t.docx"))
    assert title in [p.text for p in doc.paragraphs]
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert sheet["A6"].value == title
    assert sheet["D9"].value == "6 tháng đầu năm 2024"
    reader = PdfReader(io.BytesIO((tmp_path / "t.pdf").read_bytes()))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert title in text


def test_a_periods_table_reads_three_queries(revenue, planned_only, django_assert_num_queries):
    # Indicators, values (this year and last), targets (this year and last).
    with django_assert_num_queries(3):
        rows = council_table(year=2024, period="M6")
    assert {r.row.indicator.code for r in rows} == {"THU", "KH-ONLY"}
