"""Numbers and review statuses as people read them: one module writes them for pages, tables,
charts, exports and sentences. No database."""

from __future__ import annotations

from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.utils import translation

from indicators import display
from indicators.computations import Status
from indicators.templatetags import chitieu


@pytest.mark.parametrize(
    ("lang", "value", "decimals", "shown"),
    [
        ("vi", D("4475"), 0, "4.475"),
        ("en", D("4475"), 0, "4,475"),
        ("vi", D("128.45"), 1, "128,5"),
        ("en", D("1234567.25"), 2, "1,234,567.25"),
        ("vi", None, 1, "–"),
    ],
)
def test_number_follows_the_active_language(lang, value, decimals, shown):
    with translation.override(lang):
        assert display.number(value, decimals) == shown


@pytest.mark.parametrize(
    ("lang", "value", "shown"),
    [
        ("vi", D("102.66"), "102,7%"),
        ("en", D("102.66"), "102.7%"),
        ("vi", None, "–"),
    ],
)
def test_percent(lang, value, shown):
    with translation.override(lang):
        assert display.percent(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (D("8"), "+8,0%"),
        (D("-2.34"), "−2,3%"),
        (D("-0.04"), "0,0%"),  # rounds to nothing: no sign
        (D("0"), "0,0%"),
        (None, "–"),
    ],
)
def test_signed_percent(value, shown):
    with translation.override("vi"):
        assert display.signed_percent(value) == shown


@pytest.mark.parametrize(
    ("lang", "value", "unit", "shown"),
    [
        ("vi", D("0.13"), "%", "+0,13 điểm %"),
        ("vi", D("-0.29"), "‰", "−0,29 điểm ‰"),
        ("en", D("0.13"), "%", "+0.13 % points"),
        ("vi", None, "%", "–"),
    ],
)
def test_signed_points(lang, value, unit, shown):
    with translation.override(lang):
        assert display.signed_points(value, unit) == shown


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (D("0.13"), "%", "+0,13 điểm %"),
        (D("0.13"), "% dân số", "+0,13 điểm %"),
        (D("8"), "tỷ đồng", "+8,0%"),
        (None, "tỷ đồng", "–"),
    ],
)
def test_a_change_is_in_points_for_a_rate_and_in_percent_otherwise(value, unit, shown):
    with translation.override("vi"):
        assert display.signed_change(value, unit) == shown


@pytest.mark.parametrize(
    ("value", "decimals", "unit", "shown"),
    [
        (D("4475"), 0, "tỷ đồng", "4.475 tỷ đồng"),
        (D("9.73"), 2, "‰", "9,73‰"),
        (D("60"), 0, " %", "60%"),
        (None, 0, "tỷ đồng", "–"),
    ],
)
def test_measure_writes_a_rate_without_a_space(value, decimals, unit, shown):
    with translation.override("vi"):
        assert display.measure(value, decimals, unit) == shown


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (D("100"), 1, "100"),
        (D("100.3"), 3, "100,3"),
        (D("4475"), 0, "4.475"),
        (D("0.05"), 1, "0,1"),
        (None, 1, "–"),
    ],
)
def test_prose_numbers_drop_trailing_decimal_zeros(value, decimals, shown):
    with translation.override("vi"):
        assert display.prose_number(value, decimals) == shown


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [(D("1000"), 1, "1,000"), (D("100.30"), 2, "100.3"), (D("4475"), 0, "4,475")],
)
def test_prose_numbers_in_english_keep_their_thousands(value, decimals, shown):
    with translation.override("en"):
        assert display.prose_number(value, decimals) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (D("125.1217"), "125,1217"),
        (D("4475.000000"), "4.475"),
        (D("-0.29"), "-0,29"),
    ],
)
def test_exact_numbers_are_vietnamese_whatever_the_language(value, shown):
    with translation.override("en"):
        assert display.exact_number(value) == shown


@pytest.mark.parametrize(("lang", "separators"), [("vi", ",."), ("en", ".,")])
def test_charts_get_the_languages_separators(lang, separators):
    with translation.override(lang):
        assert display.plotly_separators() == separators


@pytest.mark.parametrize(
    ("write", "args"),
    [
        (chitieu.num, (1,)),
        (chitieu.pct, ()),
        (chitieu.signed_pct, ()),
        (chitieu.signed_points, ("%",)),
        (chitieu.measure, (SimpleNamespace(decimals=0, unit="người"),)),
    ],
)
def test_template_filters_show_an_empty_value_as_undefined(write, args):
    # A template hands "" for an attribute of something missing.
    assert write("", *args) == "–"
    assert write(None, *args) == "–"


# --- Arithmetic of derived figures -----------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "pct", "direction", "arithmetic"),
    [
        (
            D("128.5"),
            D("102.7"),
            "higher",
            "128,5 / 102,7% = 125,1217… ≈ 125,1 (số gọn nhất cho lại đúng 102,7%)",
        ),
        (D("62"), D("100"), "higher", "62 / 100% = 62"),
        (
            D("9.16"),
            D("100.4"),
            "lower",
            "9,16 × 100,4% (chỉ tiêu càng thấp càng tốt) = 9,1966… ≈ 9,2 "
            "(số gọn nhất cho lại đúng 100,4%)",
        ),
    ],
)
def test_a_derived_plan_shows_its_arithmetic_in_vietnamese_numbers(
    actual, pct, direction, arithmetic
):
    with translation.override("en"):  # the arithmetic is stored, in Vietnamese, for everyone
        assert display.derive_plan(actual, pct, direction).arithmetic == arithmetic


@pytest.mark.parametrize(
    ("current", "metric", "stated", "arithmetic"),
    [
        (
            D("4475"),
            "yoy_pct",
            D("8"),
            "4.475 / (1 + 8%) = 4.143,5185… ≈ 4.144 (số gọn nhất cho lại đúng 8%)",
        ),
        (
            D("1.27"),
            "yoy_pct",
            D("-2.5"),
            "1,27 / (1 − 2,5%) = 1,3026… ≈ 1,303 (số gọn nhất cho lại đúng -2,5%)",
        ),
        (D("98.5"), "yoy_points", D("0.13"), "98,5 − 0,13 = 98,37"),
        (D("20"), "yoy_abs", D("-1"), "20 + 1 = 21"),
    ],
)
def test_a_derived_previous_year_shows_its_arithmetic(current, metric, stated, arithmetic):
    assert display.derive_previous(current, metric, stated).arithmetic == arithmetic


def test_nothing_is_derived_where_the_arithmetic_has_no_answer():
    assert display.derive_plan(D("10"), D("0"), "higher") is None
    assert display.derive_previous(D("10"), "yoy_pct", D("-100")) is None


# --- Review statuses --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "vi", "en"),
    [
        (Status.EXCEEDED, "Vượt kế hoạch", "Exceeded"),
        (Status.ACHIEVED, "Đạt kế hoạch", "Achieved"),
        (Status.NOT_ACHIEVED, "Không đạt", "Not achieved"),
        (Status.NO_PLAN, "Chưa có kế hoạch", "No plan"),
        ("", "Chưa có kế hoạch", "No plan"),  # a template's missing status
        ("unknown", "Chưa có kế hoạch", "No plan"),
    ],
)
def test_status_labels_are_translated(status, vi, en):
    with translation.override("vi"):
        assert display.status_label(status) == vi
        assert chitieu.status_label(status) == vi
    with translation.override("en"):
        assert display.status_label(status) == en
        assert chitieu.status_label(status) == en


@pytest.mark.parametrize(
    ("status", "vi", "en"),
    [
        ("exceeded", "Vượt KH", "Exceeded"),
        ("achieved", "Đạt KH", "Achieved"),
        ("not_achieved", "Không đạt", "Not achieved"),
        ("no_plan", "–", "–"),
    ],
)
def test_the_council_tables_short_status_words(status, vi, en):
    with translation.override("vi"):
        assert display.status_short(status) == vi
    with translation.override("en"):
        assert display.status_short(status) == en


@pytest.mark.parametrize(
    ("status", "css", "colour"),
    [
        ("exceeded", "success", "#198754"),
        ("achieved", "primary", "#0d6efd"),
        ("not_achieved", "danger", "#dc3545"),
        ("no_plan", "secondary", "#adb5bd"),
    ],
)
def test_a_status_has_one_colour_on_badges_and_charts(status, css, colour):
    assert chitieu.status_css(status) == css
    assert display.status_words(status).colour == colour


def test_every_status_has_its_words():
    assert set(display.STATUSES) == set(Status)


def test_tables_sort_the_indicators_behind_their_plan_first():
    ordered = sorted(Status, key=display.status_sort_key)
    assert ordered == [
        Status.NOT_ACHIEVED,
        Status.ACHIEVED,
        Status.EXCEEDED,
        Status.NO_ACTUAL,
        Status.NO_PLAN,
    ]


@pytest.mark.parametrize(
    ("value", "decimals", "shown", "n_decimals"),
    [
        (D("182.000"), 3, "182", 0),
        (D("17.500"), 3, "17,5", 1),
        (D("122.195"), 3, "122,195", 3),
        (D("2135"), 0, "2.135", 0),
        (D("12.5"), 0, "13", 0),  # capped by the indicator's decimals
        (D("9.7349"), 2, "9,73", 2),
        (D("-4.10"), 2, "-4,1", 1),
        (D("0.0004"), 3, "0", 0),
    ],
)
def test_a_figure_shows_its_significant_decimals_capped_by_the_indicators(
    value, decimals, shown, n_decimals
):
    with translation.override("vi"):
        assert display.figure(value, decimals) == shown
        assert chitieu.figure(value, decimals) == shown
    assert display.figure_decimals(value, decimals) == n_decimals


def test_a_measure_follows_the_same_rule():
    with translation.override("vi"):
        assert display.measure(D("182.000"), 3, "tỷ đồng") == "182 tỷ đồng"
        assert display.measure(D("17.500"), 3, "tỷ đồng") == "17,5 tỷ đồng"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (D("12.5000"), "12,5"),
        (D("228.643"), "228,643"),
        (D("4475.00"), "4.475"),
        (None, "–"),
    ],
)
def test_a_stored_figure_shows_at_its_own_precision(value, shown):
    with translation.override("vi"):
        assert display.stored(value) == shown
        assert chitieu.stored(value) == shown
