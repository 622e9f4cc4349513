"""Arithmetic of plan against actual: pure functions, `Decimal` in, `Decimal | None` out.

Undefined results (no plan, zero plan, no last-year value) are `None`, never 0. Nothing here
touches the database or Django, nothing writes text (`indicators.display` does), and nothing
rounds except where a rule says "at the report's precision".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

HUNDRED = Decimal(100)
HIGHER = "higher"
LOWER = "lower"
ESTIMATE = "estimate"
ACTUAL = "actual"


class Status(StrEnum):
    EXCEEDED = "exceeded"
    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    NO_PLAN = "no_plan"
    NO_ACTUAL = "no_actual"  # a plan, and no figure yet to judge against it


# A rate's symbol and what a ratio is multiplied by to be in it (its whole is 100% or 1000‰).
RATE_SCALES = {"%": HUNDRED, "‰": Decimal(1000)}


def is_rate_unit(unit: str) -> bool:
    """Indicators in % or ‰ ("%", "% dân số", "‰"): their change on last year is spoken of in
    points. The one place a unit is read as a rate."""
    return unit.strip().startswith(tuple(RATE_SCALES))


def rate_symbol(unit: str) -> str | None:
    """The symbol of a rate, "%" or "‰"; None for any other unit."""
    return unit.strip()[0] if is_rate_unit(unit) else None


def rate_scale(unit: str) -> Decimal:
    """What a numerator/denominator ratio is multiplied by to be in the indicator's unit."""
    symbol = rate_symbol(unit)
    return Decimal(1) if symbol is None else RATE_SCALES[symbol]


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def decimals_of(value: Decimal) -> int:
    """How many decimals a stated figure was written with ("102.7" -> 1, "100" -> 0)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def matches_at_precision(computed: Decimal | None, stated: Decimal, decimals: int) -> bool:
    """Whether a recomputed figure agrees with a stated one at the precision it was stated."""
    if computed is None:
        return False
    return round_half_up(computed, decimals) == round_half_up(stated, decimals)


# --- Completion, change, growth ------------------------------------------------------------


def completion_pct(actual: Decimal | None, plan: Decimal | None, direction: str) -> Decimal | None:
    """Share of the plan achieved: actual/plan for higher-is-better, plan/actual for lower."""
    if actual is None or plan is None:
        return None
    if direction == LOWER:
        if actual == 0:
            return None
        return plan / actual * HUNDRED
    if plan == 0:
        return None
    return actual / plan * HUNDRED


def yoy_change_pct(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Relative change on the same period of last year, in %."""
    if current is None or previous is None or previous == 0:
        return None
    return (current / previous - 1) * HUNDRED


def yoy_change_points(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Change of a rate (% or ‰) on last year, in points of that rate."""
    if current is None or previous is None:
        return None
    return current - previous


def yoy_change_abs(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Change on last year in the indicator's own unit ("tăng 946 lượt")."""
    return yoy_change_points(current, previous)


def plan_vs_actual_pct(next_plan: Decimal | None, actual: Decimal | None) -> Decimal | None:
    """Next year's plan against this year's actual: the growth the plan asks for."""
    if next_plan is None or actual is None or actual == 0:
        return None
    return next_plan / actual * HUNDRED


def plan_vs_actual_points(next_plan: Decimal | None, actual: Decimal | None) -> Decimal | None:
    """A rate's next-year plan against this year's actual, in points: 95% planned on 60%
    achieved asks for +35 points (a ratio of the two percentages, 158,3%, means nothing)."""
    if next_plan is None or actual is None:
        return None
    return next_plan - actual


def status_for(completion: Decimal | None, decimals: int = 1) -> Status:
    """Exceeded, achieved (100% at the report's precision), not achieved, or no plan."""
    if completion is None:
        return Status.NO_PLAN
    shown = round_half_up(completion, decimals)
    if shown > HUNDRED:
        return Status.EXCEEDED
    if shown == HUNDRED:
        return Status.ACHIEVED
    return Status.NOT_ACHIEVED


def figure_status(
    actual: Decimal | None, plan: Decimal | None, completion: Decimal | None, decimals: int = 1
) -> Status:
    """`status_for`, except that a plan with no actual yet is "no actual" rather than "no
    plan": the council table says which of the two is missing."""
    if completion is None and plan is not None and actual is None:
        return Status.NO_ACTUAL
    return status_for(completion, decimals)


# --- Choosing and aggregating figures -------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One stored value, reduced to what the arithmetic needs."""

    value: Decimal
    kind: str
    quarter: int | None = None
    report_date: date | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    derived: bool = False
    months: int | None = None  # the first n months cumulatively (lũy kế)
    as_of: date | None = None  # cumulative up to this date
    ref: object = None  # the stored object it came from, handed back untouched

    @property
    def is_whole_year(self) -> bool:
        return self.quarter is None and self.months is None and self.as_of is None


@dataclass(frozen=True)
class YearFigure:
    value: Decimal
    kind: str
    figure: Figure | None  # the whole-year figure used, or None when built from quarters
    n_quarters: int = 0


def _preference(figure: Figure) -> tuple[bool, bool, date]:
    # A stated figure before a derived one; official before estimate; then the latest report.
    return (not figure.derived, figure.kind == ACTUAL, figure.report_date or date.min)


def best_figure(figures: Sequence[Figure]) -> Figure | None:
    """The figure a table should use among several for the same period."""
    return max(figures, key=_preference, default=None)


def aggregate_quarters(
    figures: Sequence[Figure], aggregation: str, unit: str = ""
) -> Decimal | None:
    """Roll quarters up to the year: flows sum, stocks take the latest quarter, rates are
    recomputed from the summed numerators and denominators (never an average of rates)."""
    if not figures:
        return None
    if aggregation == "sum":
        return sum((f.value for f in figures), Decimal(0))
    if aggregation == "last":
        return max(figures, key=lambda f: f.quarter or 0).value
    if aggregation == "ratio":
        if any(f.numerator is None or f.denominator is None for f in figures):
            return None
        numerator = sum((f.numerator for f in figures if f.numerator is not None), Decimal(0))
        denominator = sum((f.denominator for f in figures if f.denominator is not None), Decimal(0))
        if denominator == 0:
            return None
        return numerator / denominator * rate_scale(unit)
    raise ValueError(f"unknown aggregation {aggregation!r}")


def year_figure(figures: Sequence[Figure], aggregation: str, unit: str = "") -> YearFigure | None:
    """The year's figure: the whole-year value when one exists (official before estimate),
    else the aggregate of its quarters (each quarter's best figure)."""
    whole = [f for f in figures if f.is_whole_year]
    if whole:
        chosen = best_figure(whole)
        assert chosen is not None
        return YearFigure(value=chosen.value, kind=chosen.kind, figure=chosen)
    quarters = best_quarters(figures)
    value = aggregate_quarters(quarters, aggregation, unit)
    if value is None:
        return None
    return YearFigure(value=value, kind=_kind_of(quarters), figure=None, n_quarters=len(quarters))


def best_quarters(figures: Sequence[Figure], up_to: int = 4) -> list[Figure]:
    """Each quarter's best own figure, of the quarters 1 … `up_to` that have one (cumulative
    figures are not quarters: they are left out)."""
    by_quarter: dict[int, list[Figure]] = {}
    for f in figures:
        if f.quarter is not None and f.quarter <= up_to:
            by_quarter.setdefault(f.quarter, []).append(f)
    chosen = [best_figure(group) for _q, group in sorted(by_quarter.items())]
    return [f for f in chosen if f is not None]


def _kind_of(figures: Sequence[Figure]) -> str:
    return ACTUAL if all(f.kind == ACTUAL for f in figures) else ESTIMATE


def quarter_from_year_to_date(
    year_to_date: Decimal, previous_year_to_date: Decimal | None
) -> Decimal:
    """A flow's own quarter from the year-to-date figures reports use (6 tháng, 9 tháng)."""
    return year_to_date - (previous_year_to_date or Decimal(0))


def disagreeing(figures: Sequence[Figure]) -> bool:
    """Whether whole-year figures of the same kind for one year differ between reports."""
    seen: dict[str, set[Decimal]] = {}
    for f in figures:
        if f.is_whole_year and not f.derived:
            seen.setdefault(f.kind, set()).add(f.value.normalize())
    return any(len(values) > 1 for values in seen.values())


# --- Periods within the year: a quarter's own figure, the year to date ----------------------


@dataclass(frozen=True)
class PeriodFigure:
    """A period's figure: the stated one when a report states it, else the one computed from
    the quarters; `computed` is kept beside a stated one so that a disagreement is seen."""

    value: Decimal
    kind: str
    figure: Figure | None  # the stated figure used, or None when computed from quarters
    n_quarters: int = 0
    computed: Decimal | None = None
    disagrees: bool = False  # stated figures differ, or the stated one and the computed one


def _month_end(figure: Figure, year: int) -> int | None:
    """The month a cumulative figure runs to the end of: M6 -> 6; as of 30/06 -> 6; a date
    that is not a month's last day (or after the year) is no month's figure."""
    if figure.months is not None:
        return figure.months
    day = figure.as_of
    if day is None or day.year != year:
        return None
    following = date(year + 1, 1, 1) if day.month == 12 else date(year, day.month + 1, 1)
    return day.month if (following - day).days == 1 else None


def quarter_figure(figures: Sequence[Figure], quarter: int) -> PeriodFigure | None:
    """A quarter's own figure (a stock's: its value at the quarter's end), the best stated."""
    own = [f for f in figures if f.quarter == quarter]
    chosen = best_figure(own)
    if chosen is None:
        return None
    return PeriodFigure(
        value=chosen.value, kind=chosen.kind, figure=chosen, disagrees=disagreeing_stated(own)
    )


def cumulative_figure(
    figures: Sequence[Figure], months: int, aggregation: str, unit: str = "", *, year: int
) -> PeriodFigure | None:
    """The first `months` months of `year` cumulatively (M3, M6, M9; 12 is the year's own
    rule, `year_figure`). A stated cumulative figure (M6, or as of 30/06) wins; without one,
    when `months` ends a quarter, the quarters make it by the indicator's rule: a flow sums
    quarters 1 … n (all of them needed), a stock takes the last quarter's value (its value at
    the period's end), a rate is recomputed from the quarters' summed parts. A stated figure
    that the quarters contradict (at its own precision) is flagged."""
    stated = [f for f in figures if f.quarter is None and _month_end(f, year) == months]
    computed, quarters = _from_quarters(figures, months, aggregation, unit)
    chosen = best_figure(stated)
    if chosen is not None:
        contradicted = computed is not None and not matches_at_precision(
            computed, chosen.value, decimals_of(chosen.value)
        )
        return PeriodFigure(
            value=chosen.value,
            kind=chosen.kind,
            figure=chosen,
            computed=computed,
            disagrees=disagreeing_stated(stated) or contradicted,
        )
    if computed is None:
        return None
    return PeriodFigure(
        value=computed, kind=_kind_of(quarters), figure=None, n_quarters=len(quarters)
    )


def _from_quarters(
    figures: Sequence[Figure], months: int, aggregation: str, unit: str
) -> tuple[Decimal | None, list[Figure]]:
    if months % 3:
        return None, []
    last = months // 3
    quarters = best_quarters(figures, up_to=last)
    if aggregation == "last":
        # A stock's value at the period's end: the last quarter's own, nothing older.
        quarters = [f for f in quarters if f.quarter == last]
    elif len(quarters) != last:
        return None, []  # a flow or a rate needs every quarter of the period
    return aggregate_quarters(quarters, aggregation, unit), quarters


def disagreeing_stated(figures: Sequence[Figure]) -> bool:
    """Whether stated (not derived) figures of one kind for the same period differ."""
    seen: dict[str, set[Decimal]] = {}
    for f in figures:
        if not f.derived:
            seen.setdefault(f.kind, set()).add(f.value.normalize())
    return any(len(values) > 1 for values in seen.values())


def annual_plan_share_pct(
    actual: Decimal | None, annual_plan: Decimal | None, direction: str, aggregation: str
) -> Decimal | None:
    """A part of the year against the annual plan ("bằng 74,2% KH năm"). A flow's figure is a
    share of the year's amount whatever its direction (accidents so far against the year's
    ceiling are actual / plan too); a stock or a rate is judged as the year is."""
    if aggregation == "sum":
        return completion_pct(actual, annual_plan, HIGHER)
    return completion_pct(actual, annual_plan, direction)


def pace_pct(
    months: int,
    aggregation: str,
    *,
    previous_share: Decimal | None,
) -> Decimal | None:
    """The share of the annual plan the same period should have reached by now: the share
    last year's same period reached of last year's plan (`previous_share`), else, for a flow,
    the calendar's share (6 months: 50%). A stock or a rate has no calendar pace: None."""
    if previous_share is not None:
        return previous_share
    if aggregation == "sum":
        return Decimal(months) / 12 * HUNDRED
    return None


# --- Figures a report implies but states only as a percentage --------------------------------


@dataclass(frozen=True)
class Implied:
    """A figure worked out from a stated percentage or change: the exact result, and the number
    with the fewest decimals that still reproduces what the report states."""

    value: Decimal
    exact: Decimal


def _shortest(
    exact: Decimal, reproduces: Callable[[Decimal], bool], min_decimals: int = 0
) -> Decimal:
    """The number with the fewest decimals that still reproduces the stated figure: plans and
    last-year figures are round numbers, so 125,1217… that gives back 102,7% is 125,1."""
    for decimals in range(min_decimals, 7):
        candidate = round_half_up(exact, decimals)
        if reproduces(candidate):
            return candidate
    return round_half_up(exact, 6)


def implied_plan(
    actual: Decimal, stated_pct: Decimal, direction: str, *, min_decimals: int = 0
) -> Implied | None:
    """The plan implied by "actual, đạt X% kế hoạch"; None for a zero actual or percentage."""
    if stated_pct == 0 or actual == 0:
        return None
    decimals = decimals_of(stated_pct)
    # Lower is better: completion is plan / actual, so the plan is actual × X%.
    exact = actual * stated_pct / HUNDRED if direction == LOWER else actual * HUNDRED / stated_pct

    def reproduces(candidate: Decimal) -> bool:
        # It must give back the stated figure and the report's verdict: "84,8%, đạt 100% kế
        # hoạch" is achieved, so 85 (99,8% at display precision, not achieved) will not do.
        completion = completion_pct(actual, candidate, direction)
        return matches_at_precision(completion, stated_pct, decimals) and (
            status_for(completion) == status_for(stated_pct)
        )

    return Implied(_shortest(exact, reproduces, min_decimals), exact)


def implied_previous(
    current: Decimal, metric: str, stated: Decimal, *, min_decimals: int = 0
) -> Implied | None:
    """Last year's figure implied by a stated change on the same period ("yoy_pct",
    "yoy_points", "yoy_abs"); None for a fall of 100% or another metric."""
    if metric == "yoy_pct":
        if stated == -HUNDRED:
            return None
        exact = current / (1 + stated / HUNDRED)
        decimals = decimals_of(stated)

        def reproduces(candidate: Decimal) -> bool:
            return matches_at_precision(yoy_change_pct(current, candidate), stated, decimals)

        return Implied(_shortest(exact, reproduces, min_decimals), exact)
    if metric in ("yoy_points", "yoy_abs"):
        value = current - stated
        return Implied(value, value)
    return None


# --- Figures typed into a form ----------------------------------------------------------------

STORED_DECIMALS = 6  # Value is DECIMAL(20, 6)


def rate_from_parts(
    numerator: Decimal, denominator: Decimal, unit: str, decimals: int = STORED_DECIMALS
) -> Decimal | None:
    """A rate recomputed from its parts in the indicator's unit (None unless denominator > 0)."""
    if denominator <= 0:
        return None
    return round_half_up(numerator / denominator * rate_scale(unit), decimals)
