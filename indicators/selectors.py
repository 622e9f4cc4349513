"""Reads for pages, tables, charts and exports. Each owns its related-object loading, and its
number of queries does not grow with the number of indicators or values."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Self

from django.db import connection
from django.db.models import (
    Case,
    Count,
    Expression,
    F,
    FilteredRelation,
    IntegerField,
    Min,
    OrderBy,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models import Value as V
from django.db.models.functions import Coalesce, Collate
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from indicators import rollups
from indicators.computations import Figure, Status
from indicators.display import STATUSES
from indicators.models import (
    CouncilGroup,
    Indicator,
    IndicatorFigure,
    Metric,
    PlanSource,
    RollupPeriod,
    Sector,
    Statement,
    Target,
    Value,
)
from indicators.querysets import IndicatorQuerySet
from indicators.years import FIGURE_FIELDS as FIGURE_FIELDS
from indicators.years import IndicatorYear as IndicatorYear
from indicators.years import build_indicator_year as build_indicator_year
from indicators.years import file_targets as file_targets
from indicators.years import pick_targets as pick_targets
from indicators.years import row_figure
from indicators.years import value_figure as value_figure
from indicators.years import year_figure as year_figure


def indicator_queryset() -> IndicatorQuerySet:
    return Indicator.objects.select_related("sector", "sector__parent", "department", "parent")


def indicator_years(
    *,
    year: int,
    baseline: str = PlanSource.COUNCIL,
    indicators: Iterable[Indicator] | None = None,
    main_only: bool = False,
    period: str = RollupPeriod.YEAR,
) -> list[IndicatorYear]:
    """Plan, actual, completion, change on last year and next year's plan for each indicator,
    computed now from its values and targets (the rolled-up figures store the same); for a
    `period` of the year (M6, Q2…), its figure against the annual plan, with the pace.

    Three queries: indicators, values (this year and last), targets (this year and next, and
    last year's for a period's pace).
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
        figures[(indicator_id, value_year)].append(row_figure(fields, ref=pk))

    targets: dict[int, list[Target]] = defaultdict(list)
    for target in (
        Target.objects.whole_year()
        .filter(indicator_id__in=ids)
        .filter(
            Q(year__in=[year, year + 1] if period == RollupPeriod.YEAR else [year - 1, year])
            | Q(source=PlanSource.TERM, year__gte=year if period == RollupPeriod.YEAR else year - 1)
        )
        .select_related("report")
        .order_by("year", "pk")
    ):
        targets[target.indicator_id].append(target)

    result = []
    for indicator in indicator_list:
        this_year, next_year = file_targets(targets[indicator.pk], year)
        last_year = file_targets(targets[indicator.pk], year - 1)[0]
        result.append(
            build_indicator_year(
                indicator,
                year=year,
                baseline=baseline,
                figures=figures[(indicator.pk, year)],
                previous_figures=figures[(indicator.pk, year - 1)],
                targets=this_year,
                next_targets=next_year,
                period=period,
                previous_targets=last_year,
            )
        )
    return result


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
class MainGroup:
    """A numbered group of the main indicators, with its name when the catalogue has one."""

    number: int | None
    name: str
    rows: list[IndicatorYear]


@dataclass
class DashboardSummary:
    year: int
    baseline: str
    main: list[IndicatorYear]
    main_groups: list[MainGroup]
    not_achieved: list[IndicatorYear]
    sectors: list[SectorCard]
    n_main_with_plan: int
    n_main_done: int
    n_estimates: int
    changes: list[IndicatorYear]

    @property
    def main_has_change(self) -> bool:
        """Whether any main indicator has a change on last year (else its column is dropped)."""
        return any(r.change is not None for r in self.main)


def top_sector(indicator: Indicator) -> Sector:
    """The sector an indicator's sub-sector belongs to (or its own, at the top)."""
    return indicator.sector.parent or indicator.sector


def _figures_of(year: int, baseline: str) -> Q:
    """The rolled-up row of the year and baseline, joined to an indicator (LEFT JOIN: an
    indicator without a row has nothing that year)."""
    return Q(figures__year=year, figures__period=RollupPeriod.YEAR, figures__baseline=baseline)


# The rolled-up fields an IndicatorYear is made of, read through the join as `fig_<name>`.
FIGURE_COLUMNS = (
    "plan",
    "plan_target_id",
    "actual",
    "actual_kind",
    "actual_value_id",
    "n_quarters",
    "previous",
    "previous_value_id",
    "completion_pct",
    "status",
    "yoy_pct",
    "yoy_points",
    "next_plan",
    "next_plan_vs_actual_pct",
    "reports_disagree",
)


def with_figures[Q_: QuerySet[Any]](qs: Q_, *, year: int, baseline: str) -> Q_:
    """Indicators with the year's rolled-up figures beside them (one LEFT JOIN)."""
    rollups.ensure_fresh()
    qs = qs.annotate(fig=FilteredRelation("figures", condition=_figures_of(year, baseline)))
    return qs.annotate(
        fig_status_or_none=Coalesce(F("fig__status"), V(Status.NO_PLAN.value)),
        **{f"fig_{name}": F(f"fig__{name}") for name in FIGURE_COLUMNS},
    )


def _year_of(indicator: Indicator, *, year: int, baseline: str) -> IndicatorYear:
    """An indicator read `with_figures` as the pages' IndicatorYear; no row: nothing that
    year (status "no plan"), as computing it would say."""
    fields = {name: getattr(indicator, f"fig_{name}") for name in FIGURE_COLUMNS}
    row = IndicatorYear(indicator=indicator, year=year, baseline=baseline)
    if fields["status"] is None:
        return row
    row.plan = fields["plan"]
    row.actual = fields["actual"]
    row.actual_kind = fields["actual_kind"] or None
    row.actual_value_id = fields["actual_value_id"]
    row.n_quarters = fields["n_quarters"]
    row.previous = fields["previous"]
    row.previous_value_id = fields["previous_value_id"]
    row.completion_pct = fields["completion_pct"]
    row.status = Status(fields["status"])
    row.yoy_pct = fields["yoy_pct"]
    row.yoy_points = fields["yoy_points"]
    row.next_plan = fields["next_plan"]
    row.next_plan_vs_actual_pct = fields["next_plan_vs_actual_pct"]
    row.reports_disagree = fields["reports_disagree"]
    return row


def dashboard_summary(*, year: int, baseline: str = PlanSource.COUNCIL) -> DashboardSummary:
    """Where the city stands against its plan: main indicators, what is behind, sectors.

    Five queries whatever the number of indicators, read from the rolled-up figures: the main
    indicators and their components with their figures and their groups' names, the derived
    plans among them, the indicators per top sector, the statuses per top sector, the largest
    changes; and, when some are behind, two for the reasons (`shortfall_reasons_attach`).
    """
    # The name of each indicator's group, read in the same query.
    group = CouncilGroup.objects.filter(number=OuterRef("council_group"))
    main_qs = (
        indicator_queryset()
        .main()
        .annotate(
            group_name=Subquery(group.values("name")[:1]),
            group_name_en=Subquery(group.values("name_en")[:1]),
        )
    )
    main_rows = [
        _year_of(i, year=year, baseline=baseline)
        for i in with_figures(main_qs, year=year, baseline=baseline)
    ]
    # The plan's target, for the mark on a plan derived from a stated percentage.
    plan_ids = [(r, getattr(r.indicator, "fig_plan_target_id", None)) for r in main_rows]
    plans = Target.objects.in_bulk([pk for _r, pk in plan_ids if pk is not None])
    for r, pk in plan_ids:
        r.plan_target = plans.get(pk) if pk is not None else None
    main = sorted(
        (r for r in main_rows if r.indicator.is_main),
        key=lambda r: (r.indicator.council_group or 0, r.indicator.order),
    )
    main_groups: list[MainGroup] = []
    for r in main:
        number = r.indicator.council_group
        if not main_groups or main_groups[-1].number != number:
            name = CouncilGroup(
                name=getattr(r.indicator, "group_name", None) or "",
                name_en=getattr(r.indicator, "group_name_en", None) or "",
            ).display_name
            main_groups.append(MainGroup(number, name, []))
        main_groups[-1].rows.append(r)
    with_plan = [r for r in main if r.status != Status.NO_PLAN]
    done = [r for r in with_plan if r.status in (Status.ACHIEVED, Status.EXCEEDED)]
    behind = [r for r in main_rows if r.status == Status.NOT_ACHIEVED]
    behind.sort(key=lambda r: r.completion_pct or Decimal(0))
    shortfall_reasons_attach(behind, year=year)
    return DashboardSummary(
        year=year,
        baseline=baseline,
        main=main,
        main_groups=main_groups,
        not_achieved=behind,
        sectors=sector_cards(year=year, baseline=baseline),
        n_main_with_plan=len(with_plan),
        n_main_done=len(done),
        n_estimates=sum(1 for r in main if r.actual_kind == "estimate"),
        changes=largest_changes(year=year, baseline=baseline),
    )


# Words by which a report gives the cause of what it reports ("không đạt … là do …",
# "chủ yếu do", "vì", "nguyên nhân"), folded (`fold`); a sentence without one only lists.
CAUSE_WORDS = (" do ", " vi ", "nguyen nhan", " boi ")


def states_a_cause(sentence: str) -> bool:
    """Whether a report's sentence says why ("… không đạt kế hoạch giao là do nguồn thu …"),
    not merely that an indicator missed its plan ("… nước sạch … (đạt 72,5%)")."""
    folded = f" {fold(sentence)} "
    return any(word in folded for word in CAUSE_WORDS)


def shortfall_reasons_attach(rows: list[IndicatorYear], *, year: int) -> None:
    """Why each of `rows` is behind, set on it: the report's stated cause (the sentence of its
    "không đạt kế hoạch" statement that gives one, "… là do nguồn thu sử dụng đất …") and the
    department's explanation (the note on the value it entered; the notes on figures read
    from a stored report are the catalogue's own and are not explanations).

    Two queries (none without rows): the statements, the notes."""
    if not rows:
        return
    causes: dict[int, str] = {}
    for indicator_id, quote in (
        Statement.objects.filter(
            indicator_id__in=[r.indicator.pk for r in rows],
            year=year,
            metric=Metric.STATUS,
            status_text=Status.NOT_ACHIEVED.value,
        )
        .order_by("pk")
        .values_list("indicator_id", "quote")
    ):
        if states_a_cause(quote):
            causes.setdefault(indicator_id, quote)
    value_ids = [r.actual_value_id for r in rows if r.actual_value_id is not None]
    notes = dict(
        Value.objects.filter(pk__in=value_ids, report__text_file="")
        .exclude(note="")
        .values_list("pk", "note")
    )
    for r in rows:
        r.stated_cause = causes.get(r.indicator.pk, "")
        r.explanation = notes.get(r.actual_value_id, "") if r.actual_value_id else ""


def sector_cards(*, year: int, baseline: str) -> list[SectorCard]:
    """Every top sector with indicators, with how many it has and how many of them exceeded,
    achieved or missed their plan (the rest: no plan). Two grouped queries: the indicators per
    top sector (with the sector), the statuses per top sector (the rolled-up index alone)."""
    top = Coalesce(F("sector__parent_id"), F("sector_id"))
    per_sector = (
        Indicator.objects.order_by()
        .values(top_id=top)
        .annotate(n=Count("id"), first_order=Min("order"))
    )
    sectors = Sector.objects.in_bulk([row["top_id"] for row in per_sector])
    cards = {
        row["top_id"]: SectorCard(
            sector_code=sectors[row["top_id"]].code,
            sector_pk=row["top_id"],
            name=sectors[row["top_id"]].display_name,
            order=sectors[row["top_id"]].order,
            n_indicators=row["n"],
        )
        for row in per_sector
    }
    first = {row["top_id"]: row["first_order"] for row in per_sector}
    rollups.ensure_fresh()
    for row in (
        IndicatorFigure.objects.filter(year=year, period=RollupPeriod.YEAR, baseline=baseline)
        # Judged ones only: a plan without an actual yet counts with "no plan" as not judged.
        .exclude(status__in=[Status.NO_PLAN, Status.NO_ACTUAL])
        .order_by()
        .values("top_sector_id", "status")
        .annotate(n=Count("id"))
    ):
        card = cards.get(row["top_sector_id"])
        if card is not None:
            setattr(card, f"n_{row['status']}", row["n"])
    for card in cards.values():
        card.n_no_plan = card.n_indicators - card.n_exceeded - card.n_achieved - card.n_not_achieved
    # In the sectors' order; sectors of the same order as their first indicators come.
    return sorted(cards.values(), key=lambda c: (c.order, first[c.sector_pk]))


# Enough for every change Lai Châu's reports state; a province's thousands would be unreadable.
CHANGES_SHOWN = 40


def largest_changes(*, year: int, baseline: str, limit: int = CHANGES_SHOWN) -> list[IndicatorYear]:
    """Totals (not components) with a change on last year, the largest `limit` of them in
    their catalogue order: reports rarely state a change for the main indicators. One query
    (the rolled-up index on the change's size); among equal changes the later indicator in
    the catalogue is kept."""
    rollups.ensure_fresh()
    kept = (
        IndicatorFigure.objects.filter(
            year=year,
            period=RollupPeriod.YEAR,
            baseline=baseline,
            is_total=True,
            change_size__isnull=False,
        )
        .select_related("indicator", "indicator__sector", "indicator__parent")
        .order_by("-change_size", "-indicator__order", "-indicator__code")[:limit]
    )
    rows = [rollups.figure_year(f, f.indicator) for f in kept]
    return sorted(rows, key=lambda r: (r.indicator.order, r.indicator.code))


# --- A sector's table: a page of rows, sorted and counted in SQL ---------------------------------


def _binary(expression: Expression | F | str) -> Collate:
    """Text compared by code point, as Python sorts it (PostgreSQL's default collation would
    order Vietnamese by the locale's rules)."""
    return Collate(expression, "C" if connection.vendor == "postgresql" else "BINARY")


def _display_name(prefix: str = "") -> Expression | F:
    """`display_name` in SQL: the English name when the page is in English and there is one."""
    if (get_language() or "vi").startswith("en"):
        return Case(
            When(~Q(**{f"{prefix}name_en": ""}), then=F(f"{prefix}name_en")),
            default=F(f"{prefix}name"),
        )
    return F(f"{prefix}name")


def _status_rank() -> Case:
    return Case(
        *(When(fig_status_or_none=s.value, then=V(i)) for i, s in enumerate(STATUSES)),
        output_field=IntegerField(),
    )


def _sort_keys() -> dict[str, tuple[Expression | F, bool]]:
    """The sector table's sort keys (its columns' accessors), in SQL: each with whether it can
    be undefined (an undefined figure sorts first, as the table's Python keys did)."""
    return {
        "name": (_binary(_display_name()), False),
        "department": (_binary(Coalesce(_display_name("department__"), V(""))), False),
        "unit": (_binary(F("unit")), False),
        "code": (_binary(F("code")), False),
        "actual_sort": (F("fig_actual"), True),
        "plan_sort": (F("fig_plan"), True),
        "completion_sort": (F("fig_completion_pct"), True),
        "change_sort": (F("fig__change"), True),
        "status_sort": (_status_rank(), False),
    }


class SectorRows:
    """A sector's indicators with their year, filtered, sorted and paged in SQL.

    Behaves as django-tables2 asks of its data (`count`, `order_by`, slicing, iteration): the
    table counts once and reads the 50 rows of its page, an export reads every row. Sorting is
    stable, as the table's Python sort was: ties keep the catalogue order, in either direction.
    """

    def __init__(
        self,
        indicators: IndicatorQuerySet,
        *,
        year: int,
        baseline: str,
        status: str = "",
        ordering: tuple[str, ...] = (),
        make: Callable[[list[IndicatorYear]], list[Any]] | None = None,
        count: list[int] | None = None,
    ) -> None:
        self.indicators = indicators
        self.year = year
        self.baseline = baseline
        self.status = status
        self.ordering = ordering
        self.make = make
        self._count = count if count is not None else []  # shared by the clones

    def _clone(self, **changes: Any) -> Self:
        options: dict[str, Any] = {
            "year": self.year,
            "baseline": self.baseline,
            "status": self.status,
            "ordering": self.ordering,
            "make": self.make,
            "count": self._count,
        }
        return type(self)(self.indicators, **(options | changes))

    def _filtered(self) -> QuerySet[Indicator]:
        qs = with_figures(self.indicators, year=self.year, baseline=self.baseline)
        if self.status:
            qs = qs.filter(**{"fig_status_or_none": self.status})
        return qs

    def _ordered(self) -> QuerySet[Indicator]:
        keys = _sort_keys()
        order: list[OrderBy] = []
        for alias in self.ordering:
            descending = alias.startswith("-")
            key = keys.get(alias.lstrip("-"))
            if key is None:
                continue
            expression, nullable = key
            if descending:
                order.append(OrderBy(expression, descending=True, nulls_last=nullable or None))
            else:
                order.append(OrderBy(expression, nulls_first=nullable or None))
        return self._filtered().order_by(*order, "sector__order", "order", "pk")

    # What django-tables2 calls.
    def count(self) -> int:
        if not self._count:
            self._count.append(self._filtered().count())
        return self._count[0]

    def __len__(self) -> int:
        return self.count()

    def order_by(self, *aliases: str) -> Self:
        return self._clone(ordering=tuple(aliases))

    def as_records(self, make: Callable[[list[IndicatorYear]], list[Any]]) -> Self:
        """The same rows, each read made into records by `make` (a table's)."""
        return self._clone(make=make)

    def __getitem__(self, key: slice) -> list[Any]:
        return self._read(self._ordered()[key])

    def __iter__(self) -> Iterator[Any]:
        return iter(self._read(self._ordered()))

    def with_completion(self, limit: int) -> list[IndicatorYear]:
        """The first `limit` rows that have a completion, in this order (a chart's bars)."""
        rows = self._ordered().filter(**{"fig_completion_pct__isnull": False})[:limit]
        return [_year_of(i, year=self.year, baseline=self.baseline) for i in rows]

    def _read(self, indicators: Iterable[Indicator]) -> list[Any]:
        rows = [_year_of(i, year=self.year, baseline=self.baseline) for i in indicators]
        return rows if self.make is None else self.make(rows)


def sector_rows(
    indicators: IndicatorQuerySet, *, year: int, baseline: str, status: str = ""
) -> SectorRows:
    """A sector's (filtered) indicators with the year's figures, read a page at a time: a
    count and one query per page, whatever the sector's size."""
    return SectorRows(indicators, year=year, baseline=baseline, status=status)


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
        if v.is_whole_year and not v.is_derived:
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
    with or without diacritics; those whose name holds the words as one phrase first ("nuoc
    sach" finds "… được sử dụng nước sạch" before "Thu ngân sách nhà nước"), each kind in the
    catalogue's order. One query; matching in Python keeps SQLite and PostgreSQL alike."""
    words = fold(query).split()
    if not words:
        return []
    phrase = f" {' '.join(words)} "
    found: list[tuple[int, int, Indicator]] = []
    for position, indicator in enumerate(
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
            names = f" {_words(indicator.name)} | {_words(indicator.name_en)} "
            found.append((0 if phrase in names else 1, position, indicator))
    found.sort(key=lambda f: (f[0], f[1]))
    return [indicator for _rank, _position, indicator in found[:limit]]


def _words(text: str) -> str:
    """Folded text as words between single spaces, punctuation dropped: a phrase matches
    whole words ("nuoc sach" in "nước sạch qua …", not in "nước sạchxx")."""
    return " ".join("".join(c if c.isalnum() else " " for c in fold(text)).split())


def years_with_figures(*, including: int | None = None) -> list[int]:
    """Years that have published values, with `including` added, for a year switch.

    One query that reads the index on (year, indicator) once per distinct year (a recursive
    "skip scan") instead of every value: a province has a million values and a dozen years."""
    table = Value._meta.db_table
    published = Value._meta.get_field("is_published").column
    sql = f"""
        WITH RECURSIVE years(year) AS (
            SELECT (SELECT MIN(year) FROM {table} WHERE {published})
            UNION ALL
            SELECT (SELECT MIN(year) FROM {table} WHERE {published} AND year > years.year)
            FROM years WHERE years.year IS NOT NULL
        )
        SELECT year FROM years WHERE year IS NOT NULL
    """
    with connection.cursor() as cursor:
        cursor.execute(sql)
        years = {row[0] for row in cursor.fetchall()}
    if including is not None:
        years.add(including)
    return sorted(years)
