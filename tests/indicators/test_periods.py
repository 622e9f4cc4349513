"""Reporting periods (indicators.periods) and the arithmetic of a part of the year
(indicators.computations): no database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from indicators import computations as calc
from indicators.computations import Figure, Status
from indicators.models import Indicator, Value
from indicators.periods import Period, PeriodError, parse_period


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2024", Period(2024)),
        ("2024-Q3", Period(2024, quarter=3)),
        ("2024-M6", Period(2024, months=6)),
        ("2024-M9", Period(2024, months=9)),
        ("2024-M1", Period(2024, months=1)),
        ("2024-M12", Period(2024)),  # twelve months are the year: one way to store it
        ("2024-12-31", Period(2024, as_of=date(2024, 12, 31))),
        ("2025-01-31", Period(2025, as_of=date(2025, 1, 31))),
        ("2024@2025-01-31", Period(2024, as_of=date(2025, 1, 31))),
    ],
)
def test_periods_are_read_as_files_write_them(text, period):
    assert parse_period(text) == period
    assert parse_period(period.code) == period


@pytest.mark.parametrize(
    "text",
    [
        "2024-M0",
        "2024-M13",
        "2024-Q5",
        "2024-02-30",
        "2024@2026-01-31",
        "2024@2023-12-31",
        "1989",
        "2101-M6",
        "24-M6",
        "2024-m6",
        "2024-H1",
        " 2024",
        "2024-M6 ",
    ],
)
def test_malformed_periods_are_refused(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_a_period_is_one_kind_of_part_of_the_year():
    with pytest.raises(PeriodError):
        Period(2024, quarter=2, months=6)
    assert Period(2024, months=9).end_month == 9
    assert Period(2024, as_of=date(2024, 4, 15)).end_month == 4
    assert Period(2024, as_of=date(2025, 1, 31)).end_month == 12
    assert Period(2024, months=6).is_cumulative and not Period(2024, quarter=2).is_cumulative


def q(quarter: int, value: str, kind: str = "actual", **kw) -> Figure:
    return Figure(D(value), kind, quarter, **kw)


def m(months: int, value: str, kind: str = "estimate", **kw) -> Figure:
    return Figure(D(value), kind, None, months=months, **kw)


def test_a_flows_nine_months_are_its_first_three_quarters_when_only_quarters_exist():
    figures = [q(1, "10"), q(2, "20"), q(3, "30"), q(4, "40")]
    nine = calc.cumulative_figure(figures, 9, "sum", year=2024)
    assert nine is not None
    assert (nine.value, nine.kind, nine.figure, nine.n_quarters) == (D(60), "actual", None, 3)
    assert not nine.disagrees


def test_a_flow_missing_a_quarter_has_no_computed_cumulative_figure():
    assert calc.cumulative_figure([q(1, "10"), q(3, "30")], 9, "sum", year=2024) is None


def test_a_stocks_cumulative_figure_is_its_value_at_the_periods_end():
    figures = [q(1, "7"), q(2, "8"), q(3, "9")]
    six = calc.cumulative_figure(figures, 6, "last", year=2024)
    assert six is not None and six.value == D(8)
    # Without the period's last quarter there is no value at its end.
    assert calc.cumulative_figure([q(1, "7")], 6, "last", year=2024) is None


def test_a_rates_cumulative_figure_is_recomputed_from_the_summed_parts():
    figures = [
        Figure(D("90"), "actual", 1, numerator=D(90), denominator=D(100)),
        Figure(D("50"), "actual", 2, numerator=D(150), denominator=D(300)),
    ]
    six = calc.cumulative_figure(figures, 6, "ratio", "%", year=2024)
    assert six is not None and six.value == D(60)  # 240 / 400, not the mean of 90 and 50


def test_a_stated_cumulative_figure_wins_and_a_contradicting_computation_is_flagged():
    figures = [q(1, "10"), q(2, "20"), m(6, "31")]
    six = calc.cumulative_figure(figures, 6, "sum", year=2024)
    assert six is not None
    assert (six.value, six.kind, six.computed, six.disagrees) == (D(31), "estimate", D(30), True)


def test_a_stated_cumulative_figure_agreeing_at_its_precision_is_not_flagged():
    figures = [q(1, "10.02"), q(2, "20.01"), m(6, "30.0")]
    six = calc.cumulative_figure(figures, 6, "sum", year=2024)
    assert six is not None and six.value == D("30.0") and not six.disagrees


def test_two_reports_stating_different_cumulative_figures_are_flagged():
    october = m(9, "3120", report_date=date(2024, 10, 1))
    november = m(9, "3100", report_date=date(2024, 11, 28))
    nine = calc.cumulative_figure([october, november], 9, "sum", year=2024)
    assert nine is not None and nine.value == D(3100) and nine.disagrees


def test_an_as_of_date_at_a_months_end_is_that_months_cumulative_figure():
    june = Figure(D("55"), "actual", None, as_of=date(2024, 6, 30))
    mid_june = Figure(D("40"), "actual", None, as_of=date(2024, 6, 15))
    six = calc.cumulative_figure([mid_june, june], 6, "sum", year=2024)
    assert six is not None and six.value == D(55)
    assert calc.cumulative_figure([mid_june], 6, "sum", year=2024) is None


def test_cumulative_figures_are_not_quarters_nor_the_year():
    figures = [q(1, "10"), m(6, "31"), Figure(D("99"), "actual", None, as_of=date(2025, 1, 31))]
    year = calc.year_figure(figures, "sum")
    assert year is not None and (year.value, year.n_quarters) == (D(10), 1)
    assert not calc.disagreeing(figures)


def test_a_quarters_own_figure_is_its_best_stated_one():
    figures = [q(2, "20", "estimate"), q(2, "21", "actual"), m(6, "40")]
    second = calc.quarter_figure(figures, 2)
    assert second is not None and (second.value, second.kind) == (D(21), "actual")
    assert calc.quarter_figure(figures, 3) is None


@pytest.mark.parametrize(
    ("actual", "plan", "direction", "aggregation", "share"),
    [
        ("3120", "4205", "higher", "sum", D("3120") / D("4205") * 100),
        ("10", "40", "lower", "sum", D(25)),  # accidents so far: a share of the year's ceiling
        ("9.5", "9.2", "lower", "ratio", D("9.2") / D("9.5") * 100),  # a rate judged as a year
        (None, "40", "higher", "sum", None),
        ("10", None, "higher", "sum", None),
        ("10", "0", "higher", "sum", None),
    ],
)
def test_a_part_of_the_year_is_measured_against_the_annual_plan(
    actual, plan, direction, aggregation, share
):
    def dec(x):
        return None if x is None else D(x)

    assert calc.annual_plan_share_pct(dec(actual), dec(plan), direction, aggregation) == share


def test_the_pace_is_last_years_share_else_the_calendars_for_a_flow():
    assert calc.pace_pct(6, "sum", previous_share=D("47.5")) == D("47.5")
    assert calc.pace_pct(6, "sum", previous_share=None) == D(50)
    assert calc.pace_pct(9, "sum", previous_share=None) == D(75)
    assert calc.pace_pct(6, "last", previous_share=None) is None
    assert calc.pace_pct(6, "ratio", previous_share=D(90)) == D(90)


def test_a_plan_without_an_actual_is_no_actual_and_nothing_is_no_plan():
    assert calc.figure_status(None, D(10), None) == Status.NO_ACTUAL
    assert calc.figure_status(D(5), None, None) == Status.NO_PLAN
    assert calc.figure_status(None, None, None) == Status.NO_PLAN
    assert calc.figure_status(D(12), D(10), D(120)) == Status.EXCEEDED


def test_a_value_being_corrected_is_named_even_with_an_impossible_period():
    value = Value(indicator=Indicator(code="X"), year=2024, quarter=2, months=6, kind="actual")
    value.value = D(1)
    assert str(value) == "X 2024-Q2-M6 actual: 1"
    assert (
        str(
            Value(
                indicator=Indicator(code="X"),
                year=2024,
                as_of=date(2025, 1, 31),
                kind="estimate",
                value=D(2),
            )
        )
        == "X 2024@2025-01-31 estimate: 2"
    )
