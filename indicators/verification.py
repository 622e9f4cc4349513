"""Holding the reports to their own words: recompute every stated completion and change from
the stored values, and find figures that two reports give differently."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from indicators import computations as calc
from indicators import rollups
from indicators.display import exact_number
from indicators.models import (
    IndicatorFigure,
    Metric,
    PlanSource,
    RollupPeriod,
    Statement,
    Target,
    Value,
)
from indicators.periods import Period, same_period_before
from indicators.selectors import pick_targets, value_figure, year_figure


@dataclass(frozen=True)
class StatementCheck:
    statement: Statement
    recomputed: Decimal | None
    recomputed_status: str
    agrees: bool
    explanation: str


@dataclass(frozen=True)
class Disagreement:
    indicator_code: str
    year: int
    kind: str
    values: tuple[Value, ...]
    period: str = ""  # its code: "2024", "2024-M9", "2024-11-28"


def statement_checks() -> list[StatementCheck]:
    """Every stated figure, recomputed from the stored values (three queries)."""
    statements = list(
        Statement.objects.select_related("indicator", "report").order_by("indicator__order", "pk")
    )
    ids = {s.indicator_id for s in statements}
    values: dict[tuple[int, int], list[Value]] = defaultdict(list)
    for value in Value.objects.filter(indicator_id__in=ids).select_related("report"):
        values[(value.indicator_id, value.year)].append(value)
    targets: dict[tuple[int, int], list[Target]] = defaultdict(list)
    for target in Target.objects.whole_year().filter(indicator_id__in=ids).select_related("report"):
        targets[(target.indicator_id, target.year)].append(target)
    return [_check(s, values, targets) for s in statements]


def _in_period(value: Value, months: int | None, as_of: date | None) -> bool:
    return value.quarter is None and value.months == months and value.as_of == as_of


def _current(statement: Statement, values: list[Value]) -> Value | None:
    """The stated value of the statement's period (the year, or its part)."""
    stated = [
        v for v in values if _in_period(v, statement.months, statement.as_of) and not v.is_derived
    ]
    own = [v for v in stated if v.report_id == statement.report_id]
    return next(iter(own or stated), None)


def _check(
    statement: Statement,
    values: dict[tuple[int, int], list[Value]],
    targets: dict[tuple[int, int], list[Target]],
) -> StatementCheck:
    indicator = statement.indicator
    key = (indicator.pk, statement.year)
    current = _current(statement, values[key])
    actual = current.value if current else None
    recomputed: Decimal | None = None
    status = ""
    explanation = ""
    if statement.metric in (Metric.COMPLETION, Metric.STATUS):
        plans = pick_targets(targets[key])
        if PlanSource.TERM not in plans:
            # The term target set for the end of the term measures every year of it.
            later = [
                t
                for (indicator_id, year), group in targets.items()
                if indicator_id == indicator.pk and year > statement.year
                for t in group
                if t.source == PlanSource.TERM
            ]
            if later:
                plans[PlanSource.TERM] = min(later, key=lambda t: t.year)
        baseline = statement.baseline or "council"
        plan = plans.get(baseline) or (
            None if statement.baseline else next(iter(plans.values()), None)
        )
        recomputed = calc.completion_pct(actual, plan.value if plan else None, indicator.direction)
        status = calc.status_for(recomputed).value
        if plan is None:
            explanation = "no plan figure to check against"
        elif actual is None:
            explanation = "no achieved value for the year"
        else:
            explanation = f"actual {exact_number(actual)} against plan {exact_number(plan.value)}"
    else:
        before = values[(indicator.pk, statement.year - 1)]
        if statement.months is None and statement.as_of is None:
            previous = year_figure(indicator, before)
            previous_value = previous.value if previous else None
        else:
            # The same part of last year, stated or derived from this statement.
            months, as_of = same_period_before(statement.months, statement.as_of)
            same = [value_figure(v) for v in before if _in_period(v, months, as_of)]
            best = calc.best_figure(same)
            previous_value = best.value if best else None
        if statement.metric == Metric.YOY_PCT:
            recomputed = calc.yoy_change_pct(actual, previous_value)
        else:
            recomputed = calc.yoy_change_points(actual, previous_value)
        if previous_value is None:
            explanation = f"no value for {statement.year - 1}"
        elif actual is None:
            explanation = "no achieved value for the year"
        else:
            explanation = f"{exact_number(actual)} against {exact_number(previous_value)}"
    if statement.metric == Metric.STATUS:
        agrees = recomputed is not None and status == statement.status_text
    else:
        assert statement.figure is not None
        agrees = calc.matches_at_precision(recomputed, statement.figure, statement.figure_decimals)
    return StatementCheck(statement, recomputed, status, agrees, explanation)


def report_disagreements() -> list[Disagreement]:
    """Figures of the same kind for the same year, or the same cumulative period (9 tháng, to
    a date), that two reports state differently."""
    grouped: dict[tuple[int, Period, str], list[Value]] = defaultdict(list)
    for value in (
        Value.objects.filter(quarter__isnull=True, is_derived=False)
        .select_related("indicator", "report")
        .order_by("indicator__order", "year", "months", "as_of", "report__date")
    ):
        grouped[(value.indicator_id, value.period, value.kind)].append(value)
    found = []
    for (_indicator_id, period, kind), group in grouped.items():
        if len({v.value.normalize() for v in group}) > 1:
            found.append(
                Disagreement(group[0].indicator.code, period.year, kind, tuple(group), period.code)
            )
    return found


def contradicted_periods() -> list[IndicatorFigure]:
    """Parts of the year (M3, M6, M9, a quarter) whose stated figures disagree with each other
    or with the quarters that make them up, as the rolled-up figures flag them (one query)."""
    rollups.ensure_fresh()
    return list(
        IndicatorFigure.objects.filter(reports_disagree=True, baseline=PlanSource.COUNCIL)
        .exclude(period=RollupPeriod.YEAR)
        .select_related("indicator")
        .order_by("indicator__order", "year", "period")
    )


def flagged_figures() -> list[tuple[str, str, str, str]]:
    """(indicator code, what, flag, quote) for every figure the data set flags."""
    rows: list[tuple[str, str, str, str]] = []
    for model, what in ((Target, "target"), (Value, "value"), (Statement, "statement")):
        for obj in (
            model.objects.exclude(flag="")
            .select_related("indicator")
            .order_by("indicator__order", "pk")
        ):
            label = f"{what} {obj.year}"
            rows.append((obj.indicator.code, label, obj.flag, obj.quote))
    return rows
