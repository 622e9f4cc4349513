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
    ref: object = None  # the stored object it came from, handed back untouched


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
    whole = [f for f in figures if f.quarter is None]
    if whole:
        chosen = best_figure(whole)
        assert chosen is not None
        return YearFigure(value=chosen.value, kind=chosen.kind, figure=chosen)
    by_quarter: dict[int, list[Figure]] = {}
    for f in figures:
        assert f.quarter is not None
        by_quarter.setdefault(f.quarter, []).append(f)
    chosen_quarters = [best_figure(group) for group in by_quarter.values()]
    quarters = [f for f in chosen_quarters if f is not None]
    value = aggregate_quarters(quarters, aggregation, unit)
    if value is None:
        return None
    kind = ACTUAL if all(f.kind == ACTUAL for f in quarters) else ESTIMATE
    return YearFigure(value=value, kind=kind, figure=None, n_quarters=len(quarters))


def quarter_from_year_to_date(
    year_to_date: Decimal, previous_year_to_date: Decimal | None
) -> Decimal:
    """A flow's own quarter from the year-to-date figures reports use (6 tháng, 9 tháng)."""
    return year_to_date - (previous_year_to_date or Decimal(0))


def disagreeing(figures: Sequence[Figure]) -> bool:
    """Whether whole-year figures of the same kind for one year differ between reports."""
    seen: dict[str, set[Decimal]] = {}
    for f in figures:
        if f.quarter is None and not f.derived:
            seen.setdefault(f.kind, set()).add(f.value.normalize())
    return any(len(values) > 1 for values in seen.values())


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
