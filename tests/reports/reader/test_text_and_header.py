"""Sentences, sections and the header of a report."""

from __future__ import annotations

from datetime import date

import pytest

from reports.reader.header import read_header
from reports.reader.sentences import split_sentences, split_unit

HEADER_5268 = """ỦY BAN NHÂN DÂN
THÀNH PHỐ LAI CHÂU

Số: 5268 /BC-UBND

Thành phố Lai Châu, ngày 28 tháng 11 năm 2024

**BÁO CÁO**

**Tình hình thực hiện Kế hoạch phát triển kinh tế - xã hội,
bảo đảm quốc phòng an ninh năm 2024, Kế hoạch năm 2025**
"""


def test_the_header_gives_number_date_and_the_titles_period():
    header = read_header(HEADER_5268)
    assert (header.number, header.date, header.period) == (
        "5268/BC-UBND",
        date(2024, 11, 28),
        "2024",
    )


def test_a_blank_number_and_day_leave_the_year():
    header = read_header(
        "Số: /BC-UBND Thành phố Lai Châu, ngày tháng 10 năm 2024\n\nBÁO CÁO\n\nTình hình thực "
        "hiện Nghị quyết số 11-NQ/TW ngày 10/02/2022 của Bộ Chính trị ... đến năm 2030, tầm nhìn "
        "đến năm 2045"
    )
    assert (header.number, header.date, header.period) == ("", None, "2024")


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("Báo cáo kết quả thực hiện nhiệm vụ 9 tháng đầu năm 2024", "2024-M9"),
        ("Báo cáo tình hình kinh tế - xã hội 6 tháng năm 2025", "2025-M6"),
        ("Báo cáo kinh tế - xã hội quý I năm 2024", "2024-Q1"),
    ],
)
def test_the_title_names_the_period(title, period):
    text = f"Số: 12/BC-UBND\n\nHuyện Tam Đường, ngày 25/09/2024\n\nBÁO CÁO\n\n{title}\n"
    assert read_header(text).period == period


def test_sentences_end_at_a_full_stop_before_a_capital_only():
    text = (
        "(1). Thu nhập bình quân đạt 62 triệu đồng. Tỷ lệ tăng dân số tự nhiên 9,73‰, đạt "
        "103,2% KH. Trụ sở tại TP. Lai Châu có 4.475 m² sàn."
    )
    assert split_unit(text) == [
        "(1). Thu nhập bình quân đạt 62 triệu đồng.",
        "Tỷ lệ tăng dân số tự nhiên 9,73‰, đạt 103,2% KH.",
        "Trụ sở tại TP. Lai Châu có 4.475 m² sàn.",
    ]


def test_a_sentence_broken_by_a_page_and_its_footnotes_is_joined():
    text = (
        "Thu NSNN trên địa bàn là 122.195\n\n<sup>(7)</sup> Tiêm vắc xin 95% liều.\n\n"
        "triệu đồng, đạt 68% so với kế hoạch tỉnh giao."
    )
    texts = [s.text for s in split_sentences(text, "2024")]
    assert (
        "Thu NSNN trên địa bàn là 122.195 triệu đồng, đạt 68% so với kế hoạch tỉnh giao." in texts
    )
    assert "Tiêm vắc xin 95% liều." in texts


def test_a_heading_of_next_years_plan_starts_a_plan_section():
    text = (
        "## 1. Kết quả năm 2024\n\nThu ngân sách đạt 160 tỷ đồng.\n\n"
        "#### **II. MỤC TIÊU VÀ CÁC CHỈ TIÊU CHỦ YẾU NĂM 2025**\n\n"
        "- (2). Tổng thu ngân sách đạt 170,3 tỷ đồng.\n"
    )
    sections = [
        (s.text, s.section.period, s.section.is_plan) for s in split_sentences(text, "2024")
    ]
    assert sections == [
        ("Thu ngân sách đạt 160 tỷ đồng.", "2024", False),
        ("- (2). Tổng thu ngân sách đạt 170,3 tỷ đồng.", "2025", True),
    ]


def test_table_rows_are_sentences_of_their_own_with_their_tables_headings():
    text = "| Chỉ tiêu | ĐVT | Kết quả |\n|---|---|---|\n| Thu ngân sách | tỷ đồng | 160 |\n"
    rows = [s for s in split_sentences(text, "2024") if s.is_table_row]
    assert [(r.text, r.header) for r in rows] == [
        ("Thu ngân sách | tỷ đồng | 160", ("Chỉ tiêu", "ĐVT", "Kết quả"))
    ]
