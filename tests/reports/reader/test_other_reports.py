"""Whole reports written as other places write them, read end to end: a district's nine
months (a news page), a province's quarter (with a table), a commune's year."""

from __future__ import annotations

from decimal import Decimal as D

from reports.reader.document import read_text
from reports.reader.matching import Catalogue, CatalogueEntry

CATALOGUE = Catalogue(
    [
        CatalogueEntry("VDT", "Tổng vốn đầu tư toàn xã hội", "tỷ đồng"),
        CatalogueEntry("THU-NS", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng"),
        CatalogueEntry("KHACH", "Lượt khách du lịch", "lượt"),
        CatalogueEntry("HO-NGHEO", "Tỷ lệ hộ nghèo", "%"),
        CatalogueEntry("SL-LUONGTHUC", "Tổng sản lượng lương thực có hạt", "tấn"),
    ]
)

DISTRICT_NEWS = """Huyện Tam Đường: kinh tế - xã hội 9 tháng đầu năm 2024 tiếp tục phát triển

Tam Đường, ngày 02/10/2024 - Theo báo cáo của UBND huyện, 9 tháng đầu năm, tổng vốn đầu tư \
toàn xã hội trên địa bàn đạt khoảng 1.250 tỷ đồng, bằng 74,2% KH năm, tăng 9,2% so với cùng \
kỳ. Thu ngân sách nhà nước trên địa bàn ước đạt 95,2 tỷ đồng, bằng 81,3% dự toán tỉnh giao và \
76,5% Nghị quyết HĐND huyện giao. Huyện đón hơn 120.000 lượt khách du lịch, gấp 1,5 lần cùng kỳ.
"""

PROVINCE_QUARTER = """UBND TỈNH LAI CHÂU

Số: 85/BC-UBND

Lai Châu, ngày 05 tháng 4 năm 2024

BÁO CÁO

Tình hình kinh tế - xã hội quý I năm 2024

| Chỉ tiêu | ĐVT | Kế hoạch năm 2024 | Ước TH quý I | So với KH (%) | So với cùng kỳ (%) |
|---|---|---|---|---|---|
| Thu ngân sách nhà nước trên địa bàn | tỷ đồng | 2.150 | 612,4 | 28,5 | 108,2 |
| Tỷ lệ hộ nghèo | % | 10,5 | 11,2 | | |

Quý I, tổng sản lượng lương thực có hạt đạt 23.400 tấn, giảm 350 tấn so với cùng kỳ.
"""

COMMUNE_YEAR = """ỦY BAN NHÂN DÂN XÃ SAN THÀNG

Số: 41/BC-UBND

San Thàng, ngày 15 tháng 01 năm 2025

BÁO CÁO
Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2024

Năm 2024, tỷ lệ hộ nghèo của xã còn 2,1%, giảm 0,8% so với năm 2023, đạt kế hoạch. Tổng sản \
lượng lương thực có hạt đạt 1.860 tấn, đạt 103,3% kế hoạch.

Phương hướng, nhiệm vụ năm 2025

Phấn đấu tổng sản lượng lương thực có hạt đạt 1.900 tấn; tỷ lệ hộ nghèo giảm còn dưới 1,5%.
"""


def summary(figure: dict) -> tuple:
    return (
        figure["indicator_code"],
        D(figure["value"]),
        figure["unit"],
        figure["qualifier"],
        figure["period"],
        figure["kind"],
    )


def test_a_districts_nine_months_in_a_news_page():
    read = read_text(DISTRICT_NEWS, catalogue=CATALOGUE)
    assert read["report"] == {"number": "", "date": "2024-10-02", "period": "2024-M9"}
    investment, revenue, visitors = read["figures"]
    assert summary(investment) == ("VDT", D("1250"), "tỷ đồng", "about", "2024-M9", "actual")
    assert investment["completion"] == [{"pct": "74.2", "baseline": "plan"}]
    assert investment["yoy_pct"] == "9.2"
    assert summary(revenue) == ("THU-NS", D("95.2"), "tỷ đồng", "", "2024-M9", "estimate")
    assert revenue["completion"] == [
        {"pct": "81.3", "baseline": "province"},
        {"pct": "76.5", "baseline": "council"},
    ]
    assert summary(visitors) == ("KHACH", D("120000"), "lượt khách", "over", "2024-M9", "actual")
    assert visitors["yoy_pct"] == "50"


def test_a_provinces_quarter_with_its_table():
    read = read_text(PROVINCE_QUARTER, catalogue=CATALOGUE)
    assert read["report"] == {"number": "85/BC-UBND", "date": "2024-04-05", "period": "2024-Q1"}
    plan, revenue, poverty_plan, poverty, food = read["figures"]
    assert summary(plan) == ("THU-NS", D("2150"), "tỷ đồng", "", "2024", "plan")
    assert summary(revenue) == ("THU-NS", D("612.4"), "tỷ đồng", "", "2024-Q1", "estimate")
    assert revenue["completion"] == [{"pct": "28.5", "baseline": "plan"}]
    assert revenue["yoy_pct"] == "8.2"
    assert (poverty_plan["kind"], poverty["kind"], poverty["indicator_code"]) == (
        "plan",
        "estimate",
        "HO-NGHEO",
    )
    assert summary(food) == ("SL-LUONGTHUC", D("23400"), "tấn", "", "2024-Q1", "actual")
    assert food["yoy_abs"] == "-350"


def test_a_communes_year_and_its_plan_for_the_next():
    read = read_text(COMMUNE_YEAR, catalogue=CATALOGUE)
    assert read["report"] == {"number": "41/BC-UBND", "date": "2025-01-15", "period": "2024"}
    poverty, food, food_plan, poverty_plan = read["figures"]
    # Reported after the year ended: official figures, not estimates.
    assert summary(poverty) == ("HO-NGHEO", D("2.1"), "%", "", "2024", "actual")
    assert poverty["yoy_points"] == "-0.8"
    assert poverty["completion"] == [{"pct": "100", "baseline": "plan"}]
    assert summary(food) == ("SL-LUONGTHUC", D("1860"), "tấn", "", "2024", "actual")
    assert food["completion"] == [{"pct": "103.3", "baseline": "plan"}]
    assert summary(food_plan) == ("SL-LUONGTHUC", D("1900"), "tấn", "", "2025", "plan")
    assert summary(poverty_plan) == ("HO-NGHEO", D("1.5"), "%", "under", "2025", "plan")
