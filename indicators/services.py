"""Writes: keyword-only arguments, validated with `full_clean()`, inside a transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models, transaction

from indicators.computations import round_half_up
from indicators.display import derive_plan, derive_previous
from indicators.models import (
    Indicator,
    Metric,
    SourceReport,
    Statement,
    Target,
    Value,
)


def _upsert[M: models.Model](
    model: type[M], keys: dict[str, Any], fields: dict[str, Any]
) -> tuple[M, bool]:
    """Create or update one row by its natural key, validating it like a form would."""
    obj = model._default_manager.filter(**keys).first()
    if obj is None:
        obj = model(**keys, **fields)
        created = True
    else:
        changed = any(getattr(obj, name) != value for name, value in fields.items())
        if not changed:
            return obj, False
        for name, value in fields.items():
            setattr(obj, name, value)
        created = False
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()
    return obj, created


@transaction.atomic
def report_upsert(*, number: str, **fields: Any) -> SourceReport:
    """A source report, found by its number."""
    report, _created = _upsert(SourceReport, {"number": number}, fields)
    return report


@transaction.atomic
def target_set(
    *,
    indicator: Indicator,
    year: int,
    source: str,
    value: Decimal,
    report: SourceReport,
    quarter: int | None = None,
    quote: str = "",
    note: str = "",
    flag: str = "",
    is_derived: bool = False,
    derivation: str = "",
) -> Target:
    """Set an indicator's plan for a year from one source (council, province, term)."""
    target, _created = _upsert(
        Target,
        {
            "indicator": indicator,
            "year": year,
            "quarter": quarter,
            "source": source,
            "report": report,
        },
        {
            "value": value,
            "quote": quote,
            "note": note,
            "flag": flag,
            "is_derived": is_derived,
            "derivation": derivation,
        },
    )
    return target


@transaction.atomic
def value_record(
    *,
    indicator: Indicator,
    year: int,
    quarter: int | None,
    kind: str,
    value: Decimal,
    report: SourceReport,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    quote: str = "",
    note: str = "",
    flag: str = "",
    is_derived: bool = False,
    derivation: str = "",
) -> Value:
    """Record an achieved value (estimate or official) for a year or a quarter."""
    recorded, _created = _upsert(
        Value,
        {
            "indicator": indicator,
            "year": year,
            "quarter": quarter,
            "kind": kind,
            "report": report,
        },
        {
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
            "quote": quote,
            "note": note,
            "flag": flag,
            "is_derived": is_derived,
            "derivation": derivation,
        },
    )
    return recorded


@transaction.atomic
def statement_record(
    *,
    indicator: Indicator,
    year: int,
    metric: str,
    baseline: str,
    figure: Decimal | None,
    figure_decimals: int,
    status_text: str,
    report: SourceReport,
    quote: str,
    derives: bool,
    flag: str = "",
) -> Statement:
    """Record a completion or change a report states, to be recomputed and checked."""
    statement, _created = _upsert(
        Statement,
        {
            "indicator": indicator,
            "year": year,
            "metric": metric,
            "baseline": baseline,
            "report": report,
            "quote": quote,
        },
        {
            "figure": figure,
            "figure_decimals": figure_decimals,
            "status_text": status_text,
            "derives": derives,
            "flag": flag,
        },
    )
    return statement


# ("target", indicator pk, year, baseline) or ("value", indicator pk, year).
type DerivedKey = tuple[str, int, int, str] | tuple[str, int, int]


def derived_figures_apply(*, statements: list[Statement]) -> set[tuple[str, int]]:
    """Derive the plans and last-year values that reports give only as a percentage.

    A derived figure is stored like any other, marked as derived, with its arithmetic; a figure
    the report states outright always wins over a derived one. Returns ("target" | "value", pk)
    of every derived row.
    """
    derived_rows: set[tuple[str, int]] = set()
    derived_keys: set[DerivedKey] = set()
    for statement in statements:
        if not statement.derives or statement.figure is None:
            continue
        key = _derived_key(statement)
        if key in derived_keys:
            continue
        derived_keys.add(key)
        current = _value_in_report(statement.indicator, statement.year, statement.report)
        if current is None:
            continue
        if statement.metric == Metric.COMPLETION:
            row = _plan_derive(statement, current)
        else:
            row = _previous_value_derive(statement, current)
        if row is not None:
            derived_rows.add(row)
    return derived_rows


def _derived_key(statement: Statement) -> DerivedKey:
    """The figure a statement derives. When a report states the same figure twice (section I and
    section III), the first statement derives it; a second would overwrite it and make
    reloading change rows."""
    if statement.metric == Metric.COMPLETION:
        return ("target", statement.indicator.pk, statement.year, statement.baseline)
    return ("value", statement.indicator.pk, statement.year - 1)


def _stated(statement: Statement) -> Decimal:
    # The stated figure at the precision it was written ("105,6"), not as the database
    # returns it ("105.600000"): the derived number must reproduce what was written.
    assert statement.figure is not None
    return round_half_up(statement.figure, statement.figure_decimals)


def _plan_derive(statement: Statement, current: Value) -> tuple[str, int] | None:
    """The plan implied by "đạt X% kế hoạch", unless a report states that plan."""
    indicator = statement.indicator
    if Target.objects.filter(
        indicator=indicator,
        year=statement.year,
        quarter=None,
        source=statement.baseline,
        is_derived=False,
    ).exists():
        return None
    derived = derive_plan(current.value, _stated(statement), indicator.direction)
    if derived is None:
        return None
    target = target_set(
        indicator=indicator,
        year=statement.year,
        source=statement.baseline,
        value=derived.value,
        report=statement.report,
        quote=statement.quote,
        is_derived=True,
        derivation=f"Kế hoạch suy ra từ tỷ lệ hoàn thành: {derived.arithmetic}",
        flag=statement.flag,
    )
    return ("target", target.pk)


def _previous_value_derive(statement: Statement, current: Value) -> tuple[str, int] | None:
    """Last year's value implied by a stated change, unless a report states that value."""
    indicator = statement.indicator
    previous_year = statement.year - 1
    if Value.objects.filter(
        indicator=indicator, year=previous_year, quarter=None, is_derived=False
    ).exists():
        return None
    derived = derive_previous(current.value, statement.metric, _stated(statement))
    if derived is None:
        return None
    value = value_record(
        indicator=indicator,
        year=previous_year,
        quarter=None,
        kind="actual",
        value=derived.value,
        report=statement.report,
        quote=statement.quote,
        is_derived=True,
        derivation=f"Số năm {previous_year} suy ra từ mức thay đổi: {derived.arithmetic}",
        flag=statement.flag,
    )
    return ("value", value.pk)


def _value_in_report(indicator: Indicator, year: int, report: SourceReport) -> Value | None:
    """The stated whole-year value a statement speaks about: from its own report if there."""
    candidates = Value.objects.filter(
        indicator=indicator, year=year, quarter=None, is_derived=False
    ).select_related("report")
    own = [v for v in candidates if v.report_id == report.pk]
    if own:
        return own[0]
    return max(candidates, key=lambda v: (v.kind == "actual", v.report.date), default=None)
