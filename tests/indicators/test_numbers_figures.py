"""A typed figure checked against its indicator (`numbers.check_figure`): whole numbers for
counts, "228,643" with both readings, "98%" in a % field, the plausible range."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from indicators.display import exact_number
from indicators.numbers import (
    ANY_FIGURE,
    RATE_PARTS,
    FigureRules,
    NumberFormatError,
    check_figure,
    written_for_input,
)

VISITORS = FigureRules(unit="lượt", whole_numbers=True, decimals=0)
PROGRAMMES = FigureRules(unit="chương trình", whole_numbers=True, decimals=0)
BILLIONS_1 = FigureRules(unit="tỷ đồng", decimals=1)
BILLIONS_3 = FigureRules(unit="tỷ đồng", decimals=3)
PERCENT = FigureRules(unit="%", decimals=1)
PER_MILLE = FigureRules(unit="‰", decimals=2)


def refused(typed, rules) -> NumberFormatError:
    with translation.override("vi"), pytest.raises(NumberFormatError) as caught:
        check_figure(typed, rules)
    return caught.value


@pytest.mark.parametrize(
    ("typed", "rules", "value"),
    [
        ("228.643", VISITORS, D("228643")),
        ("3", PROGRAMMES, D("3")),
        ("3,0", PROGRAMMES, D("3.0")),  # a whole number, written with a decimal zero
        ("122,195", BILLIONS_3, D("122.195")),  # the indicator carries three decimals
        ("17,5", BILLIONS_1, D("17.5")),
        ("17,55", BILLIONS_1, D("17.55")),  # more decimals, but no comma of thousands
        ("12,3450", BILLIONS_1, D("12.3450")),  # the way to say "twelve comma three four five"
        ("98%", PERCENT, D("98")),
        ("98,5 %", PERCENT, D("98.5")),
        ("9,73‰", PER_MILLE, D("9.73")),
        ("98,555", PERCENT, D("98.555")),  # 98.555% is no rate: only the decimal reading is left
        ("1.228,643", FigureRules(unit="ha", decimals=1), D("1228.643")),  # grouped: Vietnamese
    ],
)
def test_a_figure_its_indicator_can_take_is_read(typed, rules, value):
    assert check_figure(typed, rules) == value


def test_a_count_typed_with_an_english_thousands_comma_is_refused_with_both_readings():
    error = refused("228,643", VISITORS)
    assert error.code == "ambiguous"
    assert error.message.startswith("228,643 hay 228.643?")
    assert "lượt" in error.message


def test_an_amount_typed_with_more_decimals_than_it_carries_spells_out_both_readings():
    error = refused("12,345", BILLIONS_1)
    assert error.code == "ambiguous"
    assert "12,345 hay 12.345?" in error.message
    assert "1 chữ số thập phân" in error.message
    assert "12,3450" in error.message  # how to say the decimal reading was meant


def test_a_count_refuses_decimals():
    error = refused("3,7", PROGRAMMES)
    assert error.code == "whole_numbers"
    assert "“3,7”" in error.message and "chương trình" in error.message
    assert "số nguyên" in error.message


def test_a_count_from_a_file_refuses_decimals_too():
    assert refused(D("3.7"), PROGRAMMES).code == "whole_numbers"
    assert check_figure(D("228643"), VISITORS) == D("228643")


def test_a_percent_sign_in_a_field_of_another_unit_is_refused():
    error = refused("98%", VISITORS)
    assert error.code == "wrong_unit"
    assert "lượt" in error.message and "%" in error.message


def test_a_per_mille_rate_refuses_a_percent_sign():
    assert refused("9,73%", PER_MILLE).code == "wrong_unit"


@pytest.mark.parametrize(
    ("rules", "typed", "bounds"),
    [
        (FigureRules(unit="người", minimum=D("40000"), maximum=D("60000")), "4.475", "từ 40.000"),
        (FigureRules(unit="tỷ đồng", minimum=D("0")), "-5", "từ 0 tỷ đồng trở lên"),
        (FigureRules(unit="ha", maximum=D("7000")), "70.000", "không quá 7.000 ha"),
    ],
)
def test_a_figure_outside_the_plausible_range_is_refused_with_the_range(rules, typed, bounds):
    error = refused(typed, rules)
    assert error.code == "out_of_range"
    assert "khoảng hợp lý" in error.message and bounds in error.message


def test_the_range_settles_which_reading_a_comma_means():
    # At most 1.000 tỷ đồng: the thousands reading (228.643) cannot be meant, the decimal can.
    amount = FigureRules(unit="tỷ đồng", decimals=1, maximum=D("1000"))
    assert check_figure("228,643", amount) == D("228.643")


def test_the_parts_of_a_rate_read_a_comma_and_three_digits_as_ambiguous():
    assert refused("12,500", RATE_PARTS).code == "ambiguous"
    assert check_figure("12,5", RATE_PARTS) == D("12.5")


@pytest.mark.parametrize(
    ("typed", "code"),
    [("1,2345678", "too_precise"), ("123.456.789.012.345", "too_large"), ("1.5", "invalid")],
)
def test_what_the_database_cannot_store_is_refused(typed, code):
    assert refused(typed, FigureRules()).code == code


@given(st.integers(min_value=0, max_value=10**12))
def test_a_count_written_the_vietnamese_way_reads_back(value):
    assert check_figure(exact_number(D(value)), VISITORS) == value


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_a_comma_and_three_digits_is_never_taken_silently_for_a_count(head, tail):
    typed = f"{head},{tail:03d}"
    assert refused(typed, VISITORS).code == "ambiguous"


@given(
    st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False),
    st.sampled_from([BILLIONS_1, FigureRules(unit="ha", decimals=0), PERCENT, ANY_FIGURE]),
)
def test_a_stored_figure_written_back_into_an_input_reads_back_the_same(value, rules):
    try:
        check_figure(value, rules)
    except NumberFormatError:
        return  # not a figure of this indicator at all (a rate above 100%)
    assert check_figure(written_for_input(value, rules), rules) == value


def test_a_figure_that_would_read_two_ways_is_written_back_with_a_trailing_zero():
    assert written_for_input(D("12.345"), BILLIONS_1) == "12,3450"
    assert written_for_input(D("12.345"), BILLIONS_3) == "12,345"
    assert written_for_input(D("12345"), BILLIONS_1) == "12.345"
