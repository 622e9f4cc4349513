"""Vietnamese number input and display."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from indicators.display import format_number
from indicators.numbers import NumberFormatError, parse_vn_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4.475", D("4475")),
        ("128,5", D("128.5")),
        ("9,73", D("9.73")),
        ("1.234.567,25", D("1234567.25")),
        ("543753", D("543753")),
        ("-0,29", D("-0.29")),
        (" 62 ", D("62")),
        ("0", D("0")),
    ],
)
def test_parse_accepts_vietnamese_format(text, value):
    assert parse_vn_number(text) == value


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1.2.3", "không rõ nghĩa"),
        ("1.5", "không rõ nghĩa"),
        ("12,345.6", "kiểu tiếng Anh"),
        ("12a", "không phải chữ số"),
        ("1,2,3", "nhiều dấu phẩy"),
        ("", "Chưa nhập số"),
        ("4475.", "không rõ nghĩa"),
        (",5", "không phải là số hợp lệ"),
    ],
)
def test_parse_refuses_ambiguous_or_malformed_input_with_a_clear_message(text, fragment):
    with translation.override("vi"), pytest.raises(NumberFormatError) as excinfo:
        parse_vn_number(text)
    assert fragment in str(excinfo.value)


@given(
    st.decimals(
        min_value=-(10**12), max_value=10**12, places=3, allow_nan=False, allow_infinity=False
    )
)
def test_formatting_then_parsing_gives_the_number_back(value):
    assert parse_vn_number(format_number(value, 3)) == value


@given(st.text(alphabet="0123456789.,-", max_size=12))
def test_a_dot_is_never_read_as_a_decimal_point(text):
    try:
        value = parse_vn_number(text)
    except NumberFormatError:
        return
    assert value == D(text.replace(".", "").replace(",", "."))


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "shown"),
    [
        (D("4475"), 0, "vi", "4.475"),
        (D("128.5"), 1, "vi", "128,5"),
        (D("9.73"), 2, "vi", "9,73"),
        (D("543753"), 0, "vi", "543.753"),
        (D("122.195"), 3, "vi", "122,195"),
        (D("1234567.891"), 1, "en", "1,234,567.9"),
        (D("102.65"), 1, "vi", "102,7"),  # half up, not banker's rounding
        (D("-0.04"), 1, "vi", "0,0"),
        (D("-1234.5"), 1, "vi", "-1.234,5"),
        (None, 1, "vi", "–"),
    ],
)
def test_format_number(value, decimals, lang, shown):
    assert format_number(value, decimals, lang=lang) == shown
