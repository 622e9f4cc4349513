"""Figures rolled up per indicator, period and baseline, kept in the database (IndicatorFigure).

The dashboard, the sector pages and the year switch read what they show from this table with
indexed queries, instead of computing every indicator's year from every value per request.
The arithmetic stays in `computations.py` (through `selectors.build_indicator_year`): a row is
what the pages computed before, stored.

Rows are rewritten for the indicators a write touches, never for the whole catalogue:

- ordinary saves and deletes of indicators, sectors, reports, targets and values reach
  `figures_changed` through the signals in `data_version.py`;
- a bulk write (`bulk_create`, `bulk_update`, `QuerySet.update`, raw SQL) sends no signal: its
  writer calls `figures_changed(indicator_ids)` (or `data_version.bump(indicator_ids=...)`) in
  the transaction of the write.

`figures_changed` collects the ids in the open transaction and rewrites their rows as soon as
it commits (at once outside a transaction); a rolled-back write (or savepoint) takes its ids
along. A transaction that reads rolled-up figures after changing some (a service reading its
own writes, a test) gets them rewritten in the transaction first (`ensure_fresh`).
`rebuild_all` (`manage.py rebuild_rollups`) rewrites every row, in chunks.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from indicators import bulk_writes, periods
from indicators import computations as calc
from indicators.computations import Figure
from indicators.models import (
    DECIMAL,
    RATIO,
    DecimalOptions,
    Indicator,
    IndicatorFigure,
    PlanSource,
    RollupPeriod,
    Target,
    Value,
)
from indicators.years import (
    FIGURE_FIELDS,
    IndicatorYear,
    build_indicator_year,
    file_targets,
    row_figure,
)

logger = logging.getLogger(__name__)

BASELINES = tuple(PlanSource.values)
# A term target (mục tiêu Nghị quyết Đại hội) is what the years of its five-year term are
# measured against: rows are kept for the term's years before the target's.
TERM_YEARS = 5
CHUNK = 1000  # indicators rewritten per statement batch (a province has tens of thousands)
# Rows compare at nine decimals: SQLite keeps fifteen significant digits of a decimal.
_COMPARED = Decimal("1e-9")

# --- Collecting what a transaction changed --------------------------------------------------


@dataclass
class _Batch:
    """The indicators an outermost transaction changed, rewritten once after it commits."""

    ids: set[int] = field(default_factory=set)
    everything: bool = False
    done: bool = False

    def run(self) -> None:
        if self.done:
            return
        self.done = True
        if self.everything:
            rebuild_all()
        else:
            refresh(self.ids)


class _Changed:
    """The on-commit callback of one write: its ids, and the batch that rewrites them all.

    Django drops the callbacks of a rolled-back savepoint, so the callbacks still registered
    are exactly the writes that will commit (`ensure_fresh` reads them); the first to run after
    the commit rewrites the whole batch (ids of rolled-back writes included: rewriting an
    unchanged indicator is harmless)."""

    def __init__(self, ids: set[int], batch: _Batch, *, everything: bool = False) -> None:
        self.ids = ids
        self.everything = everything
        self.batch = batch

    def __call__(self) -> None:
        self.batch.run()


class _Rewritten:
    """A marker: these indicators' rows (or all) were rewritten inside the transaction (a no-op
    once it commits; dropped with its savepoint if that rolls back: then they are pending
    again)."""

    def __init__(self, ids: set[int], *, everything: bool = False) -> None:
        self.ids = ids
        self.everything = everything

    def __call__(self) -> None:
        pass


_state = threading.local()


def figures_changed(indicator_ids: Iterable[int]) -> None:
    """These indicators' figures changed: rewrite their rows when the transaction commits (at
    once outside a transaction). Bulk writers call it with every indicator they wrote."""
    ids = set(indicator_ids)
    if ids:
        _register(ids, everything=False)


def everything_changed() -> None:
    """Figures changed that no id list describes: rebuild every row after the commit."""
    logger.warning("figures changed without indicator ids: every rolled-up figure is rebuilt")
    _register(set(), everything=True)


def _register(ids: set[int], *, everything: bool) -> None:
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        _Batch(ids, everything).run()
        return
    batch = _open_batch(conn)
    batch.ids |= ids
    batch.everything |= everything
    transaction.on_commit(_Changed(ids, batch, everything=everything), robust=True)


def _open_batch(conn: BaseDatabaseWrapper) -> _Batch:
    """The batch of the open transaction: the one its latest registered write refers to."""
    for entry in reversed(conn.run_on_commit):
        func = entry[1]
        if isinstance(func, _Changed) and not func.batch.done:
            return func.batch
    return _Batch()


def ensure_fresh() -> None:
    """Rewrite, inside the open transaction, the rows of what it changed and has not rewritten
    yet, so that it reads its own writes. No query when nothing is pending (always, outside a
    transaction: committed writes were rewritten when they committed)."""
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        return
    pending: set[int] = set()
    everything = False
    for entry in conn.run_on_commit:
        func = entry[1]
        if isinstance(func, _Changed):
            pending |= func.ids
            everything |= func.everything
        elif isinstance(func, _Rewritten):
            if func.everything:
                pending.clear()
                everything = False
            pending -= func.ids
    if everything:
        rebuild_all()
        transaction.on_commit(_Rewritten(set(), everything=True))
    elif pending:
        refresh(pending)
        transaction.on_commit(_Rewritten(pending))


# --- Rewriting rows -----------------------------------------------------------------------------


def refresh(indicator_ids: Iterable[int]) -> None:
    """Rewrite the rows of these indicators from their values and targets, now.

    Each chunk locks its indicators' rows first (NO KEY UPDATE: inserting a value still works),
    so that two writers rewriting the same indicator after their commits take turns instead of
    colliding on the unique constraint. Three queries a chunk, and the writes."""
    ids = sorted(set(indicator_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with transaction.atomic():
            indicators = list(
                Indicator.objects.select_for_update(no_key=True, of=("self",))
                .filter(pk__in=chunk)
                .select_related("sector")
                .order_by("pk")
            )
            rows = list(_computed_rows(indicators))
            IndicatorFigure.objects.filter(indicator_id__in=chunk).delete()
            bulk_writes.insert_plain(rows)


def rebuild_all() -> int:
    """Rewrite every indicator's rows (a migration, a repair). Returns the number of rows."""
    ids = list(Indicator.objects.order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        IndicatorFigure.objects.exclude(indicator_id__in=Indicator.objects.values("pk")).delete()
        refresh(ids)
    return IndicatorFigure.objects.count()


def computed_rows(indicator_ids: Iterable[int] | None = None) -> list[IndicatorFigure]:
    """The rows as computed from scratch now, unsaved: what the table must hold (tests, the
    consistency check). Every indicator when no ids are given."""
    qs = Indicator.objects.select_related("sector").order_by("pk")
    if indicator_ids is not None:
        qs = qs.filter(pk__in=list(indicator_ids))
    rows: list[IndicatorFigure] = []
    indicators = list(qs)
    for start in range(0, len(indicators), CHUNK):
        rows.extend(_computed_rows(indicators[start : start + CHUNK]))
    return rows


ROW_FIELDS = tuple(
    f.attname
    for f in IndicatorFigure._meta.concrete_fields
    if f.attname not in ("id",)  # the rest is what a row says
)


def row_key(row: IndicatorFigure) -> tuple[object, ...]:
    """A row's content, comparable between a stored row and a computed one."""
    return tuple(_stored(getattr(row, name)) for name in ROW_FIELDS)


def _stored(value: object) -> object:
    if isinstance(value, Decimal):
        return value.quantize(_COMPARED).normalize()
    return value


def _computed_rows(indicators: Sequence[Indicator]) -> Iterator[IndicatorFigure]:
    """Rows for these indicators: three queries (values, targets) whatever their number."""
    ids = [i.pk for i in indicators]
    figures: dict[int, dict[int, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for pk, indicator_id, year, *fields in (
        Value.objects.published()
        .filter(indicator_id__in=ids)
        .order_by("pk")
        .values_list("pk", "indicator_id", "year", *FIGURE_FIELDS)
    ):
        figures[indicator_id][year].append(row_figure(fields, ref=pk))
    targets: dict[int, list[Target]] = defaultdict(list)
    for target in (
        Target.objects.whole_year()
        .filter(indicator_id__in=ids)
        .select_related("report")
        .order_by("year", "pk")
    ):
        targets[target.indicator_id].append(target)

    for indicator in indicators:
        by_year = figures.get(indicator.pk, {})
        own_targets = targets.get(indicator.pk, [])
        top_sector_id = indicator.sector.parent_id or indicator.sector_id
        for year in sorted(_years(by_year, own_targets)):
            this_year, next_year = file_targets(own_targets, year)
            figures_now, figures_before = by_year.get(year, []), by_year.get(year - 1, [])
            # Parts of the year only where the year or the last has a figure for a part: for
            # the rest every period would say "the annual plan, nothing yet" eight times over.
            # A reader finding no period row falls back on the year's row for the plan.
            keys = PERIOD_KEYS if _has_parts(figures_now) or _has_parts(figures_before) else ()
            last_year = file_targets(own_targets, year - 1)[0] if keys else []
            for key in (periods.YEAR, *keys):
                for baseline in BASELINES:
                    row = build_indicator_year(
                        indicator,
                        year=year,
                        baseline=baseline,
                        figures=figures_now,
                        previous_figures=figures_before,
                        targets=this_year,
                        next_targets=next_year,
                        period=key,
                        previous_targets=last_year,
                    )
                    yield _figure_row(row, top_sector_id=top_sector_id)


# Every rolled-up period but the year, in the order the periods come in a year.
PERIOD_KEYS = tuple(key for key in RollupPeriod.values if key != periods.YEAR)


def _has_parts(figures: Sequence[Figure]) -> bool:
    return any(not f.is_whole_year for f in figures)


def _years(by_year: dict[int, list[Figure]], targets: list[Target]) -> set[int]:
    """The years the indicator's figures say something about (every other year is empty)."""
    years: set[int] = set()
    for year in by_year:
        years |= {year, year + 1}  # its own year, and next year's change on it
    for target in targets:
        if target.source == PlanSource.TERM:
            years |= set(range(target.year - TERM_YEARS, target.year + 1))
        else:
            years |= {target.year, target.year - 1}  # its year, and the year it is next for
    return {y for y in years if 1990 <= y <= 2100}


def _figure_row(row: IndicatorYear, *, top_sector_id: int) -> IndicatorFigure:
    change = row.change
    return IndicatorFigure(
        indicator_id=row.indicator.pk,
        top_sector_id=top_sector_id,
        year=row.year,
        period=row.period,
        baseline=row.baseline,
        plan=row.plan,
        plan_target_id=row.plan_target.pk if row.plan_target else None,
        actual=_fit(row.actual, DECIMAL),
        actual_kind=row.actual_kind or "",
        actual_value_id=row.actual_value_id,
        n_quarters=row.n_quarters,
        previous=_fit(row.previous, DECIMAL),
        previous_value_id=row.previous_value_id,
        completion_pct=_fit(row.completion_pct),
        status=row.status.value,
        yoy_pct=_fit(row.yoy_pct),
        yoy_points=_fit(row.yoy_points),
        change=_fit(change),
        change_size=_fit(abs(change)) if change is not None else None,
        is_total=row.indicator.parent_id is None,
        next_plan=row.next_plan,
        next_plan_target_id=row.next_plan_target.pk if row.next_plan_target else None,
        next_plan_vs_actual_pct=_fit(row.next_plan_vs_actual_pct),
        reports_disagree=row.reports_disagree,
        pace_pct=_fit(row.pace_pct),
    )


def _fit(value: Decimal | None, options: DecimalOptions = RATIO) -> Decimal | None:
    """Figures at the stored precision: a value's own (a year recomputed from a rate's parts
    is rounded as a stored value is), twenty decimals for percentages and changes."""
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-options["decimal_places"]))


def figure_year(
    row: IndicatorFigure, indicator: Indicator, plan_target: Target | None = None
) -> IndicatorYear:
    """A stored row as the pages' IndicatorYear (what their templates and tables read)."""
    return IndicatorYear(
        indicator=indicator,
        year=row.year,
        baseline=row.baseline,
        plan=row.plan,
        plan_target=plan_target,
        actual=row.actual,
        actual_kind=row.actual_kind or None,
        actual_value_id=row.actual_value_id,
        n_quarters=row.n_quarters,
        previous=row.previous,
        previous_value_id=row.previous_value_id,
        completion_pct=row.completion_pct,
        yoy_pct=row.yoy_pct,
        yoy_points=row.yoy_points,
        next_plan=row.next_plan,
        next_plan_vs_actual_pct=row.next_plan_vs_actual_pct,
        status=calc.Status(row.status),
        reports_disagree=row.reports_disagree,
        period=row.period,
        pace_pct=row.pace_pct,
    )


def differences() -> set[int]:
    """The indicators whose stored rows differ from the rows recomputed now."""
    stored: dict[int, set[tuple[object, ...]]] = defaultdict(set)
    for row in IndicatorFigure.objects.order_by():
        stored[row.indicator_id].add(row_key(row))
    computed: dict[int, set[tuple[object, ...]]] = defaultdict(set)
    for row in computed_rows():
        computed[row.indicator_id].add(row_key(row))
    return {pk for pk in stored.keys() | computed.keys() if stored[pk] != computed[pk]}
