"""The council table in Excel, read back with openpyxl: real numbers equal to the computations,
display formats, the official heading block, a header that stays and prints on every page."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from reports.council_table import council_table
from reports.exports import render_export

FIRST_DATA_ROW = 11


@pytest.fixture
def sheet(lai_chau):
    data = render_export("xlsx", year=2024, all_indicators=True)
    return load_workbook(io.BytesIO(data)).active


def test_every_figure_is_a_number_equal_to_the_computation(sheet):
    rows = council_table(year=2024, all_indicators=True)
    by_name = {}
    for r in range(FIRST_DATA_ROW, sheet.max_row + 1):
        if sheet.cell(r, 3).value:  # an indicator row has a unit; headings do not
            by_name.setdefault(sheet.cell(r, 2).value, []).append(r)
    assert sum(len(v) for v in by_name.values()) == len(rows)
    for council_row in rows:
        y = council_row.row
        r = by_name[y.indicator.name].pop(0)
        yoy = y.yoy_points if y.indicator.is_rate else y.yoy_pct
        expected = [y.plan, y.actual, y.completion_pct, yoy, y.next_plan, y.next_plan_vs_actual_pct]
        for offset, value in enumerate(expected):
            cell = sheet.cell(r, 4 + offset)
            if value is None:
                assert cell.value == "–", (y.indicator.code, offset)  # undefined, never 0
            else:
                assert isinstance(cell.value, float | int), (y.indicator.code, offset)
                assert cell.value == pytest.approx(float(value), rel=1e-12)
        assert sheet.cell(r, 3).value == y.indicator.unit


def test_display_formats_follow_the_indicator_and_percentages_show_one_decimal(sheet):
    formats = {}
    for r in range(FIRST_DATA_ROW, sheet.max_row + 1):
        name = sheet.cell(r, 2).value
        formats[name] = [sheet.cell(r, c).number_format for c in (4, 5, 6, 7)]
    budget = formats["Thu ngân sách nhà nước trên địa bàn"]
    # 182 (plan) and 122,195 (actual): each cell shows its significant decimals, at most
    # the indicator's three, never "182,000".
    # The plan of 182 is derived (from the actual and the completion the report states): its
    # format carries the "*" of the footnote.
    assert budget[:3] == ['#,##0"*"', "#,##0.000", '#,##0.0"%"']
    income = formats["Thu nhập bình quân đầu người"]
    assert income[:2] == ['#,##0"*"', "#,##0"]
    retail = formats["Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng"]
    assert retail[3].startswith('+#,##0.0"%"')  # change on last year, relative
    rates = [f[3] for f in formats.values() if "điểm" in f[3]]
    assert rates, "a rate's change on last year is in points"


def test_the_sheet_carries_the_heading_block_title_and_a_merged_two_row_header(sheet):
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN"
    assert sheet["A2"].value == "THÀNH PHỐ LAI CHÂU"
    assert sheet["D1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert sheet["D2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert sheet["A5"].value == "PHỤ BIỂU"
    assert "NĂM 2024 VÀ KẾ HOẠCH NĂM 2025" in sheet["A6"].value
    merged = {str(m) for m in sheet.merged_cells.ranges}
    assert {"A9:A10", "B9:B10", "C9:C10", "J9:J10", "D9:G9", "H9:I9"} <= merged
    assert sheet["D9"].value == "Năm 2024" and sheet["H9"].value == "Năm 2025"
    assert sheet["D10"].value == "Kế hoạch (NQ HĐND)"
    assert sheet["E10"].value == "Ước TH"
    assert sheet["A11"].value == "A" and sheet["B11"].value == "KINH TẾ"


def test_the_sheet_prints_on_a4_landscape_with_the_header_repeated(sheet):
    assert sheet.freeze_panes == "C11"
    assert sheet.print_title_rows == "$9:$10"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 == "9"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["B"].width >= 40


def test_text_is_set_in_times_new_roman(sheet):
    cells = [sheet.cell(r, c) for r in range(1, sheet.max_row + 1) for c in range(1, 11)]
    fonts = {cell.font.name for cell in cells if cell.value is not None}
    assert fonts == {"Times New Roman"}
