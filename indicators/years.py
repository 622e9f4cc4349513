"""An indicator's year as the pages and the council table show it, built from its figures and
targets: plan, actual, completion, change, next year's plan. The arithmetic is computations';
this module chooses which figures and targets it applies to. No queries here: selectors read
the rows (`indicator_years`), rollups store the results (`rollups.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from indicators import computations as calc
from indicators import periods
from indicators.computations import Figure, Status
from indicators.models import Indicator, PlanSource, Target, Value


@dataclass
class IndicatorYear:
    """One indicator's plan-against-actual picture for a year, as the council table shows it."""

    indicator: Indicator
    year: int
    baseline: str
    plan: Decimal | None = None
    plan_target: Target | None = None
    plans: dict[str, Target] = field(default_factory=dict)
    actual: Decimal | None = None
    actual_kind: str | None = None
    actual_value_id: int | None = None
    n_quarters: int = 0
    previous: Decimal | None = None
    previous_value_id: int | None = None
    completion_pct: Decimal | None = None
    yoy_pct: Decimal | None = None
    yoy_points: Decimal | None = None
    next_plan: Decimal | None = None
    next_plan_target: Target | None = None
    next_plan_vs_actual_pct: Decimal | None = None
    status: Status = Status.NO_PLAN
    reports_disagree: bool = False
    # The period of the year (periods.ROLLUP_PERIODS: "Y", "Q1" … "Q4", "M3", "M6", "M9"); for
    # any but the year, completion is the share of the annual plan ("% KH năm") and `pace_pct`
    # the share the period is expected to reach.
    period: str = periods.YEAR
    pace_pct: Decimal | None = None
    # Why a shortfall, where the dashboard reads it (`selectors.shortfall_reasons_attach`): the
    # report's stated cause, and the department's explanation on the value it entered.
    stated_cause: str = ""
    explanation: str = ""

    def completion_against(self, source: str) -> Decimal | None:
        target = self.plans.get(source)
        return calc.completion_pct(
            self.actual, target.value if target else None, self.indicator.direction
        )

    @property
    def is_rate(self) -> bool:
        return calc.is_rate_unit(self.indicator.unit)

    @property
    def change(self) -> Decimal | None:
        """The change on last year as it is spoken of: in points for rates, in % otherwise."""
        return self.yoy_points if self.is_rate else self.yoy_pct

    @property
    def next_plan_points(self) -> Decimal | None:
        """For a rate, next year's plan against this year's actual in points (95% planned on
        60% achieved: +35 points, not 158,3%); None otherwise or when either is missing."""
        if not self.is_rate:
            return None
        return calc.plan_vs_actual_points(self.next_plan, self.actual)

    @property
    def shortfall(self) -> Decimal | None:
        """How far the actual is from the plan in the indicator's unit (positive = behind)."""
        if self.plan is None or self.actual is None:
            return None
        if self.indicator.direction == "lower":
            return self.actual - self.plan
        return self.plan - self.actual

    @property
    def shortfall_pct(self) -> Decimal | None:
        """Percentage points of the plan still missing."""
        if self.completion_pct is None:
            return None
        return calc.HUNDRED - self.completion_pct


def build_indicator_year(
    indicator: Indicator,
    *,
    year: int,
    baseline: str,
    figures: list[Figure],
    previous_figures: list[Figure],
    targets: list[Target],
    next_targets: list[Target],
    period: str = periods.YEAR,
    previous_targets: Sequence[Target] = (),
) -> IndicatorYear:
    """The year's figures, or a period's (`period`, with last year's targets for its pace)."""
    row = IndicatorYear(indicator=indicator, year=year, baseline=baseline, period=period)
    row.plans = pick_targets(targets)
    row.plan_target = row.plans.get(baseline)
    row.plan = row.plan_target.value if row.plan_target else None
    if period != periods.YEAR:
        return _build_period(row, figures, previous_figures, previous_targets)

    current = calc.year_figure(figures, indicator.aggregation, indicator.unit)
    if current is not None:
        _actual_set(row, current)
    previous = calc.year_figure(previous_figures, indicator.aggregation, indicator.unit)
    if previous is not None:
        _previous_set(row, previous)

    row.completion_pct = calc.completion_pct(row.actual, row.plan, indicator.direction)
    row.status = calc.figure_status(row.actual, row.plan, row.completion_pct)
    row.yoy_pct = calc.yoy_change_pct(row.actual, row.previous)
    if calc.is_rate_unit(indicator.unit):
        row.yoy_points = calc.yoy_change_points(row.actual, row.previous)
    next_plans = pick_targets(next_targets)
    row.next_plan_target = next_plans.get(baseline) or next_plans.get(PlanSource.COUNCIL)
    row.next_plan = row.next_plan_target.value if row.next_plan_target else None
    row.next_plan_vs_actual_pct = calc.plan_vs_actual_pct(row.next_plan, row.actual)
    row.reports_disagree = calc.disagreeing(figures)
    return row


def _actual_set(row: IndicatorYear, current: calc.YearFigure | calc.PeriodFigure) -> None:
    row.actual, row.actual_kind, row.n_quarters = current.value, current.kind, current.n_quarters
    row.actual_value_id = current.figure.ref if current.figure else None  # type: ignore[assignment]


def _previous_set(row: IndicatorYear, previous: calc.YearFigure | calc.PeriodFigure) -> None:
    row.previous = previous.value
    row.previous_value_id = previous.figure.ref if previous.figure else None  # type: ignore[assignment]


def period_figure(
    figures: Sequence[Figure], period: str, indicator: Indicator, *, year: int
) -> calc.PeriodFigure | None:
    """A rolled-up period's figure of one year: a quarter's own, or the year to date."""
    quarter = periods.rollup_quarter(period)
    if quarter is not None:
        return calc.quarter_figure(figures, quarter)
    return calc.cumulative_figure(
        figures, periods.rollup_months(period), indicator.aggregation, indicator.unit, year=year
    )


def _build_period(
    row: IndicatorYear,
    figures: list[Figure],
    previous_figures: list[Figure],
    previous_targets: Sequence[Target],
) -> IndicatorYear:
    """A part of the year against the annual plan, beside last year's same part."""
    indicator = row.indicator
    current = period_figure(figures, row.period, indicator, year=row.year)
    if current is not None:
        _actual_set(row, current)
        row.reports_disagree = current.disagrees
    previous = period_figure(previous_figures, row.period, indicator, year=row.year - 1)
    if previous is not None:
        _previous_set(row, previous)
    direction, aggregation = indicator.direction, indicator.aggregation
    row.completion_pct = calc.annual_plan_share_pct(row.actual, row.plan, direction, aggregation)
    row.status = calc.figure_status(row.actual, row.plan, row.completion_pct)
    row.yoy_pct = calc.yoy_change_pct(row.actual, row.previous)
    if calc.is_rate_unit(indicator.unit):
        row.yoy_points = calc.yoy_change_points(row.actual, row.previous)
    last_plan = pick_targets(list(previous_targets)).get(row.baseline)
    previous_share = calc.annual_plan_share_pct(
        row.previous, last_plan.value if last_plan else None, direction, aggregation
    )
    quarter = periods.rollup_quarter(row.period)
    months = 3 if quarter is not None else periods.rollup_months(row.period)
    row.pace_pct = calc.pace_pct(months, aggregation, previous_share=previous_share)
    return row


def pick_targets(targets: list[Target]) -> dict[str, Target]:
    """One target per source: a stated plan before a derived one, then the latest report."""
    chosen: dict[str, Target] = {}
    for target in targets:
        current = chosen.get(target.source)
        if current is None or _target_rank(target) > _target_rank(current):
            chosen[target.source] = target
    return chosen


def _target_rank(target: Target) -> tuple[bool, date]:
    return (not target.is_derived, target.report.date or date.min)


def file_targets(targets: Sequence[Target], year: int) -> tuple[list[Target], list[Target]]:
    """This year's and next year's targets of one indicator, from its whole-year targets in
    (year, pk) order: a term target (mục tiêu Nghị quyết Đại hội) is what every year of the
    term is measured against, so the nearest one is filed under the year."""
    this_year: list[Target] = []
    next_year: list[Target] = []
    for target in targets:
        if target.source == PlanSource.TERM and target.year > year:
            if not any(t.source == PlanSource.TERM for t in this_year):
                this_year.append(target)
            if target.year == year + 1:
                next_year.append(target)
        elif target.year == year:
            this_year.append(target)
        elif target.year == year + 1:
            next_year.append(target)
    return this_year, next_year


def year_figure(indicator: Indicator, values: list[Value]) -> calc.YearFigure | None:
    return calc.year_figure(
        [value_figure(v) for v in values], indicator.aggregation, indicator.unit
    )


# Figure's fields in order, as read from a Value row (its report's date through the join).
FIGURE_FIELDS = (
    "value",
    "kind",
    "quarter",
    "report__date",
    "numerator",
    "denominator",
    "is_derived",
    "months",
    "as_of",
)


def row_figure(fields: Sequence[Any], *, ref: object) -> Figure:
    """A Figure from a row of FIGURE_FIELDS (as `values_list` reads them)."""
    value, kind, quarter, report_date, numerator, denominator, derived, months, as_of = fields
    return Figure(
        value, kind, quarter, report_date, numerator, denominator, derived, months, as_of, ref=ref
    )


def value_figure(value: Value) -> Figure:
    """A stored value as the computations see it (its report's date decides between reports)."""
    return Figure(
        value=value.value,
        kind=value.kind,
        quarter=value.quarter,
        report_date=value.report.date,
        numerator=value.numerator,
        denominator=value.denominator,
        derived=value.is_derived,
        months=value.months,
        as_of=value.as_of,
        ref=value,
    )
