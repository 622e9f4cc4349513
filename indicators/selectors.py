"""Reads for pages, tables, charts and exports. Each owns its related-object loading, and its
number of queries does not grow with the number of indicators or values."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial

from django.db.models import Q
from django.shortcuts import get_object_or_404

from indicators import computations as calc
from indicators.computations import Figure, Status
from indicators.data_version import memoized
from indicators.models import Indicator, PlanSource, Sector, Statement, Target, Value
from indicators.querysets import IndicatorQuerySet


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


def indicator_queryset() -> IndicatorQuerySet:
    return Indicator.objects.select_related("sector", "sector__parent", "department", "parent")


def indicator_years(
    *,
    year: int,
    baseline: str = PlanSource.COUNCIL,
    indicators: Iterable[Indicator] | None = None,
    main_only: bool = False,
) -> list[IndicatorYear]:
    """Plan, actual, completion, change on last year and next year's plan for each indicator.

    Three queries: indicators, values (this year and last), targets (this year and next).
    """
    if indicators is None:
        qs = indicator_queryset()
        indicators = qs.main() if main_only else qs
    indicator_list = list(indicators)
    ids = [i.pk for i in indicator_list]

    # Figures straight from rows, not model instances: a province has hundreds of thousands of
    # values and building Value and SourceReport objects for each was most of a page's time.
    figures: dict[tuple[int, int], list[Figure]] = defaultdict(list)
    rows = (
        Value.objects.published()
        .filter(indicator_id__in=ids, year__in=[year - 1, year])
        .order_by("pk")
        .values_list("pk", "indicator_id", "year", *FIGURE_FIELDS)
    )
    for pk, indicator_id, value_year, *fields in rows:
        value, kind, quarter, report_date, numerator, denominator, derived = fields
        figures[(indicator_id, value_year)].append(
            Figure(value, kind, quarter, report_date, numerator, denominator, derived, ref=pk)
        )

    targets: dict[tuple[int, int], list[Target]] = defaultdict(list)
    for target in (
        Target.objects.filter(indicator_id__in=ids, quarter=None)
        .filter(Q(year__in=[year, year + 1]) | Q(source=PlanSource.TERM, year__gte=year))
        .select_related("report")
        .order_by("year", "pk")
    ):
        if target.source == PlanSource.TERM and target.year != year:
            # A term target (mục tiêu Nghị quyết Đại hội) is what every year of the term is
            # measured against: file the nearest one under this year.
            if not any(t.source == PlanSource.TERM for t in targets[(target.indicator_id, year)]):
                targets[(target.indicator_id, year)].append(target)
            if target.year != year + 1:
                continue
        targets[(target.indicator_id, target.year)].append(target)

    return [
        build_indicator_year(
            indicator,
            year=year,
            baseline=baseline,
            figures=figures[(indicator.pk, year)],
            previous_figures=figures[(indicator.pk, year - 1)],
            targets=targets[(indicator.pk, year)],
            next_targets=targets[(indicator.pk, year + 1)],
        )
        for indicator in indicator_list
    ]


def build_indicator_year(
    indicator: Indicator,
    *,
    year: int,
    baseline: str,
    figures: list[Figure],
    previous_figures: list[Figure],
    targets: list[Target],
    next_targets: list[Target],
) -> IndicatorYear:
    row = IndicatorYear(indicator=indicator, year=year, baseline=baseline)
    row.plans = pick_targets(targets)
    row.plan_target = row.plans.get(baseline)
    row.plan = row.plan_target.value if row.plan_target else None

    current = calc.year_figure(figures, indicator.aggregation, indicator.unit)
    if current is not None:
        row.actual, row.actual_kind, row.n_quarters = (
            current.value,
            current.kind,
            current.n_quarters,
        )
        row.actual_value_id = current.figure.ref if current.figure else None  # type: ignore[assignment]
    previous = calc.year_figure(previous_figures, indicator.aggregation, indicator.unit)
    if previous is not None:
        row.previous = previous.value
        row.previous_value_id = previous.figure.ref if previous.figure else None  # type: ignore[assignment]

    row.completion_pct = calc.completion_pct(row.actual, row.plan, indicator.direction)
    row.status = calc.status_for(row.completion_pct)
    row.yoy_pct = calc.yoy_change_pct(row.actual, row.previous)
    if calc.is_rate_unit(indicator.unit):
        row.yoy_points = calc.yoy_change_points(row.actual, row.previous)
    next_plans = pick_targets(next_targets)
    row.next_plan_target = next_plans.get(baseline) or next_plans.get(PlanSource.COUNCIL)
    row.next_plan = row.next_plan_target.value if row.next_plan_target else None
    row.next_plan_vs_actual_pct = calc.plan_vs_actual_pct(row.next_plan, row.actual)
    row.reports_disagree = calc.disagreeing(figures)
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
        ref=value,
    )


# --- Pages leadership browses: dashboard, sectors, indicators, search ------------------------


@dataclass
class SectorCard:
    sector_code: str
    sector_pk: int
    name: str
    n_indicators: int = 0
    n_exceeded: int = 0
    n_achieved: int = 0
    n_not_achieved: int = 0
    n_no_plan: int = 0
    order: int = 0


@dataclass
class DashboardSummary:
    year: int
    baseline: str
    main: list[IndicatorYear]
    not_achieved: list[IndicatorYear]
    sectors: list[SectorCard]
    n_main_with_plan: int
    n_main_done: int
    n_estimates: int
    changes: list[IndicatorYear]


def top_sector(indicator: Indicator) -> Sector:
    """The sector an indicator's sub-sector belongs to (or its own, at the top)."""
    return indicator.sector.parent or indicator.sector


def year_rows(*, year: int, baseline: str = PlanSource.COUNCIL) -> list[IndicatorYear]:
    """Every indicator's year, kept per data version in this process (see data_version).

    One query when the figures have not changed since this process last computed them, four
    otherwise. The rows are shared: callers build their own lists and never change a row.
    """
    compute = partial(indicator_years, year=year, baseline=baseline)
    return memoized(("year_rows", year, baseline), compute)


def dashboard_summary(*, year: int, baseline: str = PlanSource.COUNCIL) -> DashboardSummary:
    """Where the city stands against its plan: main indicators, what is behind, sectors.

    The queries of `year_rows`, whatever the number of indicators.
    """
    rows = year_rows(year=year, baseline=baseline)
    main = sorted(
        (r for r in rows if r.indicator.is_main),
        key=lambda r: (r.indicator.council_group or 0, r.indicator.order),
    )
    with_plan = [r for r in main if r.status != Status.NO_PLAN]
    done = [r for r in with_plan if r.status in (Status.ACHIEVED, Status.EXCEEDED)]
    behind = [r for r in rows if r.status == Status.NOT_ACHIEVED and _is_main_or_component(r)]
    behind.sort(key=lambda r: r.completion_pct or Decimal(0))
    cards: dict[int, SectorCard] = {}
    for r in rows:
        top = top_sector(r.indicator)
        card = cards.setdefault(
            top.pk,
            SectorCard(
                sector_code=top.code, sector_pk=top.pk, name=top.display_name, order=top.order
            ),
        )
        card.n_indicators += 1
        setattr(card, f"n_{r.status.value}", getattr(card, f"n_{r.status.value}") + 1)
    return DashboardSummary(
        year=year,
        baseline=baseline,
        main=main,
        not_achieved=behind,
        sectors=sorted(cards.values(), key=lambda c: c.order),
        n_main_with_plan=len(with_plan),
        n_main_done=len(done),
        n_estimates=sum(1 for r in main if r.actual_kind == "estimate"),
        changes=largest_changes(rows),
    )


# Enough for every change Lai Châu's reports state; a province's thousands would be unreadable.
CHANGES_SHOWN = 40


def largest_changes(rows: list[IndicatorYear], limit: int = CHANGES_SHOWN) -> list[IndicatorYear]:
    """Totals (not components) with a change on last year, the largest `limit` of them in
    their catalogue order: reports rarely state a change for the main indicators."""
    with_change = [
        (abs(change), i)
        for i, r in enumerate(rows)
        if r.indicator.parent_id is None and (change := r.change) is not None
    ]
    kept = sorted(i for _size, i in sorted(with_change, reverse=True)[:limit])
    return [rows[i] for i in kept]


def _is_main_or_component(row: IndicatorYear) -> bool:
    parent = row.indicator.parent
    return row.indicator.is_main or (parent is not None and parent.is_main)


@dataclass
class IndicatorDetail:
    indicator: Indicator
    values: list[Value]
    targets: list[Target]
    statements: list[Statement]
    components: list[Indicator]
    years: list[int]
    disagreements: list[tuple[int, str, list[Value]]]


def indicator_detail(*, code: str) -> IndicatorDetail:
    """One indicator with every value, target and stated figure and where each came from.

    Five queries: indicator, values, targets, statements, components.
    """
    indicator = get_object_or_404(indicator_queryset(), code=code)
    values = list(
        Value.objects.published()
        .filter(indicator=indicator)
        .select_related("report")
        .order_by("year", "quarter", "kind", "report__date")
    )
    targets = list(
        Target.objects.filter(indicator=indicator)
        .select_related("report")
        .order_by("year", "quarter", "source")
    )
    statements = list(
        Statement.objects.filter(indicator=indicator)
        .select_related("report")
        .order_by("year", "pk")
    )
    components = list(Indicator.objects.filter(parent=indicator).order_by("order"))
    grouped: dict[tuple[int, str], list[Value]] = defaultdict(list)
    for v in values:
        if v.quarter is None and not v.is_derived:
            grouped[(v.year, v.kind)].append(v)
    disagreements = [
        (year, kind, group)
        for (year, kind), group in grouped.items()
        if len({g.value.normalize() for g in group}) > 1
    ]
    years = sorted({v.year for v in values} | {t.year for t in targets})
    return IndicatorDetail(indicator, values, targets, statements, components, years, disagreements)


def fold(text: str) -> str:
    """Vietnamese text without case or diacritics: "Thu ngân sách" -> "thu ngan sach"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def indicator_search(query: str, *, limit: int = 50) -> list[Indicator]:
    """Indicators whose code or name (Vietnamese or English) contains every word of the query,
    with or without diacritics. One query; matching in Python keeps SQLite and PostgreSQL alike."""
    words = fold(query).split()
    if not words:
        return []
    found = []
    for indicator in (
        Indicator.objects.select_related("sector")
        .only(
            "code",
            "name",
            "name_en",
            "unit",
            "is_main",
            "sector__name",
            "sector__name_en",
            "sector__code",
        )
        .order_by("order")
    ):
        haystack = fold(f"{indicator.code} {indicator.name} {indicator.name_en}")
        if all(w in haystack for w in words):
            found.append(indicator)
            if len(found) >= limit:
                break
    return found


def years_with_figures(*, including: int | None = None) -> list[int]:
    """Years that have published values, with `including` added, for a year switch (one
    query)."""
    years = set(Value.objects.published().order_by().values_list("year", flat=True).distinct())
    if including is not None:
        years.add(including)
    return sorted(years)
