"""The figure grammar on sentences of report 5268/BC-UBND, the examples of issue 14 and of the
contract, and sentences written the way other districts and provinces write them."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from reports.reader.grammar import Context, Figure, sentence_figures
from reports.reader.sentences import Section, Sentence

NOVEMBER = Context("2024", estimate_by_default=True)
AFTER_THE_YEAR = Context("2024")


def figures(text: str, context: Context = AFTER_THE_YEAR, section: str = "2024") -> list[Figure]:
    return sentence_figures(Sentence(text, Section(section)), context)


def only(text: str, context: Context = AFTER_THE_YEAR) -> Figure:
    found = figures(text, context)
    assert len(found) == 1, [(f.value, f.unit) for f in found]
    return found[0]


def completions(figure: Figure) -> list[tuple[D, str]]:
    return [(c.pct, c.baseline) for c in figure.completion]


def test_the_issue_sentence_gives_value_both_completions_and_the_change():
    figure = only(
        "Thu ngân sách nhà nước trên địa bàn ước thực hiện 412,508 tỷ đồng, bằng 97,4% dự toán "
        "tỉnh giao, bằng 88,1% dự toán HĐND huyện giao, tăng 6,35% so với cùng kỳ"
    )
    assert figure.label == "Thu ngân sách nhà nước trên địa bàn"
    assert (figure.value, figure.unit, figure.kind) == (D("412.508"), "tỷ đồng", "estimate")
    assert completions(figure) == [(D("97.4"), "province"), (D("88.1"), "council")]
    assert figure.yoy_pct == D("6.35")
    assert figure.yoy_points is None and figure.yoy_abs is None


def test_seed_retail_sales_keep_completion_change_and_the_parts_in_brackets():
    found = figures(
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng đạt 4.475 tỷ đồng, đạt 100% kế "
        "hoạch giao, tăng 8% so với cùng kỳ năm 2023 (Trong đó: Thương nghiệp (theo giá hiện "
        "hành) ước đạt 4.227 tỷ đồng; Dịch vụ lưu trú, ăn uống và dịch vụ tiêu dùng ước đạt 248 "
        "tỷ đồng).",
        NOVEMBER,
    )
    assert [(f.value, f.period) for f in found] == [
        (D("4475"), "2024"),
        (D("4227"), "2024"),
        (D("248"), "2024"),
    ]
    assert completions(found[0]) == [(D("100"), "plan")]
    assert found[0].yoy_pct == D("8")
    assert found[1].label == "Thương nghiệp" and not found[1].completion


def test_the_province_and_the_council_joined_by_and():
    figure = only(
        "Tổng thu NSDP là 543.753 triệu đồng, đạt 114% so với kế hoạch tỉnh và 113% Nghị quyết "
        "HĐND thành phố giao."
    )
    assert completions(figure) == [(D("114"), "province"), (D("113"), "council")]


def test_a_bare_reached_the_plan_is_a_hundred_percent():
    figure = only(
        "(1). Thu nhập bình quân đầu người ước thực hiện 62 triệu đồng/người/năm, đạt kế hoạch "
        "giao."
    )
    assert figure.unit == "triệu đồng/người/năm"
    assert figure.label == "Thu nhập bình quân đầu người"
    assert completions(figure) == [(D("100"), "plan")]


def test_a_term_target_is_the_term_baseline():
    figure = only(
        "Doanh thu ngành du lịch ước đạt 910 tỷ đồng đạt 73% mục tiêu Nghị quyết Đại hội."
    )
    assert completions(figure) == [(D("73"), "term")]


def test_exceeding_by_a_share_is_a_hundred_plus_it():
    assert completions(only("Sản lượng chè đạt 10.833 tấn, vượt 5% kế hoạch.")) == [
        (D("105"), "plan")
    ]


def test_a_change_of_a_rate_is_in_points_even_before_the_figure():
    figure = only(
        "Ước thực hiện năm 2024, tỷ lệ hộ nghèo toàn thành phố giảm 0,29%, tỷ lệ hộ nghèo toàn "
        "thành phố còn 1,27%."
    )
    assert (figure.value, figure.unit) == (D("1.27"), "%")
    assert figure.yoy_points == D("-0.29") and figure.yoy_pct is None


def test_a_fall_in_the_figures_own_unit_is_an_absolute_change():
    figure = only("Cúm mắc 1.179 ca, giảm 138 ca so với cùng kỳ")
    assert (figure.value, figure.yoy_abs) == (D("1179"), D("-138"))
    figure = only("quai bị mắc 47 ca tăng 18 so với cùng kỳ năm 2023")
    assert figure.yoy_abs == D("18")


def test_a_change_in_a_unit_belongs_to_the_figure_in_that_unit():
    found = figures(
        "Tổ chức tiếp 43 lượt công dân với 43 người, bằng 43 vụ việc (giảm 01 lượt so với cùng kỳ "
        "năm 2023)."
    )
    assert [(f.unit, f.yoy_abs) for f in found] == [
        ("lượt", D("-1")),
        ("người", None),
        ("vụ việc", None),
    ]


def test_a_fall_of_350_tonnes_in_nine_months():
    figure = only(
        "Sản lượng lương thực 9 tháng đầu năm đạt 1.200 tấn, giảm 350 tấn so với cùng kỳ."
    )
    assert (figure.period, figure.yoy_abs, figure.kind) == ("2024-M9", D("-350"), "actual")


def test_equal_to_a_share_of_last_year_is_its_excess():
    figure = only("Kim ngạch xuất khẩu đạt 30 triệu USD, bằng 108,5% so với cùng kỳ.")
    assert figure.yoy_pct == D("8.5")


def test_times_last_year_is_a_relative_change():
    figure = only("Doanh thu du lịch đạt 12 tỷ 305 triệu đồng, gấp 2,5 lần cùng kỳ.")
    assert (figure.value, figure.unit) == (D("12.305"), "tỷ đồng")
    assert figure.yoy_pct == D("150")


def test_over_under_and_about():
    assert only("Thu hút hơn 647.700 lượt khách du lịch.").qualifier == "over"
    assert only("Trên 96,3% hộ gia đình đạt tiêu chuẩn văn hóa.").qualifier == "over"
    assert only("Tỷ lệ hộ nghèo dưới 2% theo chuẩn mới.").qualifier == "under"
    assert only("Đón khoảng 4.000 lượt khách quốc tế.").qualifier == "about"
    assert only("Đón 4.000 lượt khách quốc tế.").qualifier == ""


def test_an_actual_and_its_plan():
    found = figures("Giải ngân vốn đầu tư công 52,3/60 tỷ đồng.")
    assert [(f.value, f.kind) for f in found] == [(D("52.3"), "actual"), (D("60"), "plan")]
    found = figures("Tỷ lệ tăng dân số tự nhiên 1,21/1,10%.")
    assert [(f.value, f.unit, f.kind) for f in found] == [
        (D("1.21"), "%", "actual"),
        (D("1.10"), "%", "plan"),
    ]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Quý I, thu ngân sách đạt 25 tỷ đồng.", "2024-Q1"),
        ("Quý I (lũy kế) thu ngân sách đạt 25 tỷ đồng.", "2024-M3"),
        ("Thu ngân sách 6 tháng đầu năm đạt 60 tỷ đồng.", "2024-M6"),
        ("Thu ngân sách 10 tháng đạt 100 tỷ đồng.", "2024-M10"),
        ("Giải ngân đến 31/10 đạt 40 tỷ đồng.", "2024-10-31"),
        ("Giải ngân đến ngày 31/01/2025 đạt 74.947 triệu đồng.", "2025-01-31"),
        ("Thu ngân sách năm 2023 đạt 150 tỷ đồng.", "2023"),
        ("Thu ngân sách đạt 160 tỷ đồng, tăng 5% so với năm 2023.", "2024"),
    ],
)
def test_the_period_a_sentence_names_else_the_reports(text, period):
    assert figures(text)[0].period == period


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Thu ngân sách ước đạt 160 tỷ đồng.", "estimate"),
        ("Kế hoạch thu ngân sách năm 2025 là 170,3 tỷ đồng.", "plan"),
        ("Phấn đấu thu hút 250.000 lượt khách.", "plan"),
        ("Mục tiêu giải quyết việc làm cho 970 lao động.", "plan"),
        ("Thu ngân sách đạt 160 tỷ đồng.", "actual"),
    ],
)
def test_the_kind_a_sentence_says(text, kind):
    assert figures(text)[0].kind == kind


def test_a_year_reported_before_it_ends_is_an_estimate_and_a_plan_section_plans():
    assert only("Thu ngân sách đạt 160 tỷ đồng.", NOVEMBER).kind == "estimate"
    assert only("Thu ngân sách năm 2023 đạt 150 tỷ đồng.", NOVEMBER).kind == "actual"
    planned = sentence_figures(
        Sentence(
            "Tổng thu ngân sách nhà nước trên địa bàn đạt 170,3 tỷ đồng.", Section("2025", True)
        ),
        NOVEMBER,
    )
    assert [(f.period, f.kind) for f in planned] == [("2025", "plan")]


def test_numbers_that_are_no_figures_are_left_out():
    assert figures("Thực hiện Nghị quyết số 11-NQ/TW ngày 10/02/2022 của Bộ Chính trị.") == []
    assert figures("Tổ chức ứng trực 24/24 giờ trong mùa mưa lũ.") == []
    found = figures(
        "Giá trị sản xuất bình quân trên 1ha đất trồng trọt ước thực hiện 128,5 triệu đồng/ha/năm."
    )
    assert [(f.value, f.unit) for f in found] == [(D("128.5"), "triệu đồng/ha/năm")]
    assert found[0].label == "Giá trị sản xuất bình quân trên 1ha đất trồng trọt"


def test_a_rank_among_units_is_a_figure_in_ranks():
    figure = only("Chỉ số PAR INDEX xếp thứ 3/8 huyện, thành phố (tăng 01 hạng so với năm 2022).")
    # Up one place: the rank's number is one less.
    assert (figure.value, figure.unit, figure.yoy_abs) == (D("3"), "hạng", D("-1"))


def test_a_plan_of_the_figure_before_makes_no_plan_of_the_next():
    _cattle, poultry = figures(
        "Tổng đàn gia súc là 20.027 con, đạt 100,8% kế hoạch; đàn gia cầm là 110.145 con.", NOVEMBER
    )
    assert (poultry.label, poultry.kind) == ("đàn gia cầm", "estimate")
    assert only("Công tác kế hoạch hóa gia đình: tổng số hộ dân là 13.018 hộ.").kind == "actual"


def test_a_length_of_time_is_no_period_and_an_earlier_clauses_year_not_this_ones():
    trained = only("Đào tạo nghề thường xuyên (dưới 3 tháng) cho 221 người, đạt 88,4% KH.")
    assert trained.period == "2024"
    founded = only("Hướng dẫn theo Luật Hợp tác xã năm 2023; trong năm đã thành lập 03 hợp tác xã.")
    assert (founded.period, founded.value) == ("2024", D("3"))


def test_square_metres_written_as_a_superscript():
    from reports.reader.text import clean

    text = clean("Cấp giấy chứng nhận với tổng diện tích 37.662m<sup>2</sup><sup>(36)</sup>.")
    assert text == "Cấp giấy chứng nhận với tổng diện tích 37.662m²."
    assert (only(text).value, only(text).unit) == (D("37662"), "m²")


def test_a_figure_in_brackets_is_named_by_the_words_before_them():
    found = figures("Sản phẩm chủ yếu: khai thác đá (47.800 m³), sản xuất xi măng (6.000 tấn).")
    assert [(f.label, f.value, f.unit) for f in found] == [
        ("khai thác đá", D("47800"), "m³"),
        ("sản xuất xi măng", D("6000"), "tấn"),
    ]


def test_a_district_news_report_of_nine_months():
    # The style of a district's news page, not of the seed reports.
    found = figures(
        "9 tháng đầu năm, tổng vốn đầu tư toàn xã hội trên địa bàn huyện đạt khoảng 1.250 tỷ "
        "đồng, bằng 74,2% KH năm, tăng 9,2% so với cùng kỳ; huyện đón trên 120.000 lượt khách."
    )
    investment, visitors = found
    assert (investment.period, investment.qualifier, investment.value) == (
        "2024-M9",
        "about",
        D("1250"),
    )
    assert completions(investment) == [(D("74.2"), "plan")]
    assert investment.yoy_pct == D("9.2")
    assert (visitors.value, visitors.unit, visitors.qualifier) == (
        D("120000"),
        "lượt khách",
        "over",
    )
    assert visitors.yoy_pct is None  # the ";" closed the clause of the change


def test_a_province_quarter_and_a_commune_year():
    revenue = only(
        "Quý I/2024, thu ngân sách nhà nước trên địa bàn tỉnh ước đạt 812 tỷ đồng, đạt 28,3% dự "
        "toán Trung ương giao."
    )
    assert (revenue.period, revenue.kind) == ("2024-Q1", "estimate")
    assert completions(revenue) == [(D("28.3"), "plan")]
    households = only("Năm 2024, toàn xã giảm được 37 hộ nghèo, còn lại 165 hộ.")
    assert (households.value, households.yoy_abs) == (D("165"), D("-37"))
