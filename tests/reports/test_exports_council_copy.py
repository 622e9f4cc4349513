"""The council's copy of the annex, read back from every file: no checking notes in it (they go
to the checking sheet and the web), a title block for the report it goes with, a CSV for
people, text that never becomes a formula, and a PDF whose columns hold their text."""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import replace
from decimal import Decimal as D

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import Role
from reports.exports import render_snapshot
from reports.models import Export
from reports.selectors import council_snapshot
from reports.snapshot import TitleBlock
from tests.factories import IndicatorFactory, TargetFactory, ValueFactory

DISAGREE = "các báo cáo nêu số khác nhau"
EXTRACTED = "Số liệu trích từ cơ sở dữ liệu"
# A moment in another year than the table's: the title block must still say 2024.
MADE_AT = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def snapshot(lai_chau):
    made = council_snapshot(year=2024, made_at=MADE_AT)
    assert any(r.reports_disagree for r in made.indicators), "the data holds a disagreement"
    return made


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_councils_copy_carries_no_checking_notes_in_any_file(snapshot):
    docx = _docx_text(render_snapshot("docx", snapshot))
    pdf = _pdf_text(render_snapshot("pdf", snapshot))
    csv_text = render_snapshot("csv", snapshot).decode("utf-8-sig")
    for text in (docx, pdf, csv_text):
        assert DISAGREE not in text
        assert EXTRACTED not in text
    table = load_workbook(io.BytesIO(render_snapshot("xlsx", snapshot))).worksheets[0]
    cells = [str(c.value) for row in table.iter_rows() for c in row if c.value is not None]
    assert not any(DISAGREE in c or EXTRACTED in c for c in cells)


def test_the_checking_notes_go_to_a_checking_sheet_of_the_workbook(snapshot):
    book = load_workbook(io.BytesIO(render_snapshot("xlsx", snapshot)))
    assert book.sheetnames == ["Phụ biểu 2024", "Kiểm tra số liệu"]
    check = book["Kiểm tra số liệu"]
    cells = [str(c.value) for row in check.iter_rows() for c in row if c.value is not None]
    assert any(EXTRACTED in c for c in cells)
    disagreeing = [r.name for r in snapshot.indicators if r.reports_disagree]
    rows = [[c.value for c in row] for row in check.iter_rows(min_row=5)]
    assert [r[1] for r in rows] == disagreeing
    assert all(r[2] == DISAGREE for r in rows)


def test_the_title_block_defaults_to_the_tables_year_not_the_day_the_file_is_made(snapshot):
    text = _docx_text(render_snapshot("docx", snapshot))
    assert "năm 2026" not in text
    assert "năm 2024 của UBND thành phố Lai Châu)" in text
    assert "Lai Châu, ngày      tháng      năm 2024" in text


def test_the_title_block_names_the_report_the_annex_goes_with(snapshot):
    block = TitleBlock("5268/BC-UBND", datetime.date(2024, 11, 28), "Thành phố Lai Châu")
    signed = replace(snapshot, title_block=block)
    expected = "(Kèm theo Báo cáo số 5268/BC-UBND ngày 28/11/2024 của UBND thành phố Lai Châu)"
    place = "Thành phố Lai Châu, ngày 28 tháng 11 năm 2024"
    docx = _docx_text(render_snapshot("docx", signed))
    pdf = _pdf_text(render_snapshot("pdf", signed))
    sheet = load_workbook(io.BytesIO(render_snapshot("xlsx", signed))).worksheets[0]
    cells = [c.value for row in sheet.iter_rows(max_row=8) for c in row if c.value]
    for texts in (docx, pdf, " ".join(cells)):
        assert expected in texts and place in texts
    assert signed.data_digest() != snapshot.data_digest(), "another file, another fingerprint"


def test_the_export_form_takes_the_report_number_date_and_place(client, lai_chau):
    from tests.builders import make_user

    client.force_login(make_user(Role.LEADERSHIP))
    response = client.post(
        reverse("reports:export_create"),
        {
            "year": 2024,
            "baseline": "council",
            "scope": "main",
            "kind": "table",
            "format": "docx",
            "report_number": "5268/BC-UBND",
            "report_date": "28/11/2024",
            "place": "Lai Châu",
        },
    )
    assert response.status_code == 302
    block = Export.objects.get().snapshot["title_block"]
    assert block == {
        "report_number": "5268/BC-UBND",
        "report_date": "2024-11-28",
        "place": "Lai Châu",
    }
    page = client.get(reverse("reports:index"), {"year": 2024}).content.decode()
    assert 'name="report_number"' in page and 'name="report_date"' in page


def test_a_report_dated_before_its_year_is_refused(client, lai_chau):
    from tests.builders import make_user

    client.force_login(make_user(Role.LEADERSHIP))
    form = {"year": 2024, "kind": "table", "format": "docx", "report_date": "01/12/2023"}
    response = client.post(reverse("reports:export_create"), form, follow=True)
    assert not Export.objects.exists()
    assert "không thể có ngày trước năm 2024" in response.content.decode()


def test_the_councils_csv_is_a_table_for_people(snapshot):
    data = render_snapshot("csv", snapshot)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:5] == [
        "STT",
        "Chỉ tiêu",
        "ĐVT",
        "Năm 2024 - Kế hoạch (NQ HĐND)",
        "Năm 2024 - Ước TH",
    ]
    assert rows[0][-1] == "Đánh giá, ghi chú"
    budget = next(r for r in rows if r[1] == "Thu ngân sách nhà nước trên địa bàn")
    assert budget[2:6] == ["tỷ đồng", "182*", "122,195", "67,1%"]  # * a derived plan
    assert budget[-1] == "Không đạt"  # words, not "not_achieved"
    assert rows[1][:2] == ["I", "KINH TẾ"]  # the headings stay in place


@pytest.fixture
def formula_named(db):
    evil = IndicatorFactory(
        code="EVIL",
        name='=HYPERLINK("http://example.com","Xem")',
        unit="tỷ đồng",
        is_main=True,
        council_group=1,
        decimals=1,
    )
    TargetFactory(indicator=evil, value=D("100"))
    ValueFactory(indicator=evil, value=D("90"))
    ValueFactory(indicator=evil, year=2023, value=D("100"), kind="actual")
    return evil


def test_names_that_look_like_formulas_stay_text_in_the_councils_spreadsheets(formula_named):
    snapshot = council_snapshot(year=2024)
    sheet = load_workbook(io.BytesIO(render_snapshot("xlsx", snapshot))).worksheets[0]
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    name = cells[formula_named.name]
    assert name.data_type == "s"  # a string cell, not a live formula
    row = name.row
    change = sheet.cell(row, 7)
    assert change.data_type == "n" and change.value == pytest.approx(-10)  # a negative number
    rows = list(csv.reader(io.StringIO(render_snapshot("csv", snapshot).decode("utf-8-sig"))))
    line = next(r for r in rows if "HYPERLINK" in r[1])
    assert line[1] == "'" + formula_named.name
    assert line[6] == "−10,0%"


def test_every_figure_of_the_pdf_stays_inside_its_column(lai_chau):
    """ "+30,32 điểm %" ran into the next column of the all-indicators PDF (page 10): laid out
    by WeasyPrint as the PDF is, every line of every figure cell fits its cell; the change
    wraps before "điểm"."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from reports.exports import pdf

    snapshot = council_snapshot(year=2024, all_indicators=True)
    document = HTML(string=pdf.html(snapshot)).render()
    overflowing, checked = [], 0
    for page in document.pages:
        for cell in page._page_box.descendants():
            if not isinstance(cell, boxes.TableCellBox):
                continue
            right = cell.content_box_x() + cell.width
            for text in cell.descendants():
                if isinstance(text, boxes.TextBox):
                    checked += 1
                    if text.position_x + text.width > right + 0.5:
                        overflowing.append(text.text)
    assert checked and not overflowing
    assert '<td class="num change">+30,32 điểm\u00a0%</td>' in pdf.html(snapshot)


def test_the_machine_csv_neutralises_text_and_keeps_numbers_as_they_are():
    from reports.exports.csv import records_csv

    record = {
        "code": "X",
        "name": "=HYPERLINK(1)",
        "unit": "%",
        "direction": "higher",
        "plan": D("-1.5"),
        "actual": None,
        "actual_kind": None,
        "completion_pct": None,
        "yoy_pct": None,
        "yoy_points": D("-0.13"),
        "next_plan": None,
        "next_plan_vs_actual_pct": None,
        "status": "no_plan",
    }
    rows = list(csv.reader(io.StringIO(records_csv([record]).decode("utf-8-sig"))))
    assert rows[1][:5] == ["X", "'=HYPERLINK(1)", "%", "higher", "-1.5"]
    assert rows[1][9] == "-0.13"


def test_a_derived_plan_is_marked_in_every_file_with_a_footnote(snapshot):
    derived = next(r for r in snapshot.indicators if r.plan_derived and r.plan is not None)
    stated = next(r for r in snapshot.indicators if not r.plan_derived and r.plan is not None)
    note = "(*) Kế hoạch suy ra từ số thực hiện và tỷ lệ hoàn thành mà báo cáo nêu"
    doc = Document(io.BytesIO(render_snapshot("docx", snapshot)))
    cells = {r.cells[1].text: [c.text for c in r.cells] for r in doc.tables[1].rows[2:]}
    assert cells[derived.name][3].endswith("*")
    assert not cells[stated.name][3].endswith("*")
    assert note in _docx_text(render_snapshot("docx", snapshot))
    assert note in _pdf_text(render_snapshot("pdf", snapshot))
    rows = list(csv.reader(io.StringIO(render_snapshot("csv", snapshot).decode("utf-8-sig"))))
    assert next(r for r in rows if r[1] == derived.name)[3].endswith("*")
    sheet = load_workbook(io.BytesIO(render_snapshot("xlsx", snapshot))).worksheets[0]
    plan = next(row[3] for row in sheet.iter_rows() if row[1].value == derived.name)
    assert plan.data_type == "n" and plan.number_format.endswith('"*"')  # still a number
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any(note in t for t in texts)


def test_no_footnote_on_derived_plans_when_none_is(snapshot):
    stated = replace(snapshot, rows=[replace(r, plan_derived=False) for r in snapshot.rows])
    assert "(*)" not in _docx_text(render_snapshot("docx", stated))


def test_the_council_page_marks_derived_plans_and_flags_disagreements(client, lai_chau):
    from tests.builders import make_user

    client.force_login(make_user(Role.LEADERSHIP))
    html = client.get(reverse("reports:index"), {"year": 2024}).content.decode()
    assert 'title="Kế hoạch suy ra từ số thực hiện và tỷ lệ hoàn thành mà báo cáo nêu">*' in html
    assert 'title="Các báo cáo nêu số khác nhau"' in html  # the checking note stays on the web
