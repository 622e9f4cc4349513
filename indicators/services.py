"""Writes: keyword-only arguments, validated with `full_clean()`, inside a transaction.

Every write of a figure, whichever way it comes (the admin and its history's revert, an import,
the loader, the entry form), goes through the lock rule below, and records who made it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit.context import acting_as
from indicators import bulk_writes, data_version, periods
from indicators.computations import round_half_up
from indicators.display import derive_plan, derive_previous
from indicators.models import (
    Indicator,
    Metric,
    Sector,
    SourceReport,
    Statement,
    Target,
    Value,
)
from indicators.quarters import quarter_label

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Rows per INSERT statement of a bulk write, and ids per `IN (...)` list of a read (under
# SQLite's limit on the parameters of one statement).
BATCH = 1000
CHUNK = 500
# The history keeps the reason in a 100-character column.
REASON_LENGTH = 100
# Who the history names for a management command run without --user (README, "Command-line
# interfaces"): an account that cannot sign in, created the first time it is needed.
SYSTEM_USERNAME = "he-thong"


def _upsert[M: models.Model](
    model: type[M],
    keys: dict[str, Any],
    fields: dict[str, Any],
    *,
    user: User | None = None,
    before_save: Callable[[M], None] | None = None,
) -> tuple[M, bool]:
    """Create or update one row by its natural key, validating it like a form would; the
    history (of the models that keep one) names `user`. Unchanged rows are not written."""
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
    if before_save is not None:
        before_save(obj)
    with acting_as(user):
        obj.save()
    return obj, created


def system_user() -> User:
    """The account a command's writes are recorded under when no person is named (--user)."""
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Hệ thống", "last_name": "(lệnh quản trị)", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def command_user(username: str | None) -> User:
    """The person a management command acts for (--user), or the system account. Raises
    `ValidationError` for an unknown or deactivated username."""
    if not username:
        return system_user()
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise ValidationError(_("Không có tài khoản “%(username)s”.") % {"username": username})
    if not user.is_active:
        raise ValidationError(_("Tài khoản “%(username)s” đã bị khóa.") % {"username": username})
    return user


def change_reason(text: str) -> str:
    """A reason short enough for the history's column."""
    return text[:REASON_LENGTH]


# --- The lock --------------------------------------------------------------------------------
# A department's figure waiting for the planning office's review, or approved, is locked
# (`Value.is_locked`, set by the review: indicators.review). While a quarter holds a locked
# figure of an indicator, nothing outside the review creates, changes, moves or deletes a figure
# of that indicator in that quarter: not the admin or a revert of its history, not an import,
# not the loader. Returning or reopening the quarter unlocks it.

# The place of a figure: indicator id, year, quarter (None for the whole year).
type Cell = tuple[int, int, int | None]


def _chunks[T](items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def locked_cells(cells: Collection[Cell]) -> set[Cell]:
    """The places among `cells` that hold a locked figure (one query per CHUNK indicators)."""
    wanted = set(cells)
    if not wanted:
        return set()
    years = sorted({year for _indicator, year, _quarter in wanted})
    found: set[Cell] = set()
    for ids in _chunks(sorted({indicator for indicator, _year, _quarter in wanted})):
        found.update(
            Value.objects.filter(is_locked=True, indicator_id__in=ids, year__in=years)
            .values_list("indicator_id", "year", "quarter")
            .distinct()
        )
    return found & wanted


def figure_locked_messages(cells: Iterable[Cell]) -> dict[Cell, str]:
    """Why a write to each of these locked places is refused, in words."""
    cells = sorted(set(cells), key=lambda c: (c[0], c[1], c[2] or 0))
    codes = dict(Indicator.objects.filter(pk__in={c[0] for c in cells}).values_list("pk", "code"))
    messages = {}
    for indicator_id, year, quarter in cells:
        period = (
            quarter_label(year, quarter)
            if quarter is not None
            else _("Năm %(year)s") % {"year": year}
        )
        messages[(indicator_id, year, quarter)] = _(
            "%(period)s của chỉ tiêu %(code)s đã khóa (đang chờ duyệt hoặc đã duyệt): chỉ "
            "thay đổi được sau khi bộ phận thẩm định trả lại hoặc mở lại"
        ) % {"period": period, "code": codes.get(indicator_id, indicator_id)}
    return messages


def _refused_cells(*, pk: int | None, cell: Cell | None) -> set[Cell]:
    """The locked places a write touches: where stored figure `pk` is (None: a new figure)
    and where the figure goes (`cell`; None: it is deleted). Inside a transaction the stored
    figure is read under a row lock, so that a review locking it at the same moment is waited
    for and seen."""
    cells: set[Cell] = set() if cell is None else {cell}
    if pk is not None:
        stored = Value.objects.filter(pk=pk)
        if transaction.get_connection().in_atomic_block:
            stored = stored.select_for_update()
        row = stored.values_list("indicator_id", "year", "quarter", "is_locked").first()
        if row is not None:
            indicator_id, year, quarter, is_locked = row
            if is_locked:
                return {(indicator_id, year, quarter)}
            cells.add((indicator_id, year, quarter))
    return locked_cells(cells)


def figure_write_allowed(*, pk: int | None, cell: Cell | None) -> bool:
    """Whether stored figure `pk` (None: a new one) may be written to place `cell` (None: be
    deleted) outside the review."""
    return not _refused_cells(pk=pk, cell=cell)


def figure_write_guard(*, pk: int | None, cell: Cell | None) -> None:
    """`figure_write_allowed`, or a `ValidationError` (code "locked") saying why not."""
    refused = _refused_cells(pk=pk, cell=cell)
    if refused:
        raise ValidationError(
            [m + "." for m in figure_locked_messages(refused).values()], code="locked"
        )


def _cell(value: Value) -> Cell:
    return (value.indicator_id, value.year, value.quarter)


def figures_lock_check(figures: Iterable[Value]) -> None:
    """The rule on figures already read under a lock that the review also takes (the entry
    form reads its quarter's figures under the quarter's row): none of them may be locked."""
    locked = {_cell(figure) for figure in figures if figure.is_locked}
    if locked:
        raise ValidationError(
            [m + "." for m in figure_locked_messages(locked).values()], code="locked"
        )


class FiguresLocked(ValidationError):
    """Rows of a bulk write that fall in locked quarters; nothing was written."""

    def __init__(self, refused: dict[int, str]):
        super().__init__(list(refused.values()), code="locked")
        self.refused = refused  # index of the row -> why


@transaction.atomic
def value_save(*, value: Value, user: User) -> Value:
    """Save a figure a person changed by hand (the admin, a revert of the admin's history),
    under the lock rule, with the person recorded. Published and locked stay as stored: only
    the review sets them, and a revert to an old version must not bring old flags back."""
    figure_write_guard(pk=value.pk, cell=_cell(value))
    if value.pk is not None:
        flags = Value.objects.filter(pk=value.pk).values("is_published", "is_locked").first()
        for name, flag in (flags or {}).items():
            setattr(value, name, flag)
    value.full_clean()
    with acting_as(user):
        value.save()
    return value


@transaction.atomic
def figures_delete(
    *, figures: models.QuerySet[Value] | models.QuerySet[Target], user: User | None
) -> int:
    """Delete figures, each with a history row naming `user`; none if a value among them is
    in a locked quarter (`ValidationError`)."""
    rows = list(figures.select_for_update().order_by("pk"))
    values = [row for row in rows if isinstance(row, Value)]
    refused = {_cell(v) for v in values if v.is_locked} | locked_cells({_cell(v) for v in values})
    if refused:
        raise ValidationError(
            [m + "." for m in figure_locked_messages(refused).values()], code="locked"
        )
    with acting_as(user):
        for row in rows:
            row.delete()
    return len(rows)


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
    months: int | None = None,
    as_of: date | None = None,
    quote: str = "",
    note: str = "",
    flag: str = "",
    is_derived: bool = False,
    derivation: str = "",
    user: User | None = None,
) -> Target:
    """Set an indicator's plan for a year from one source (council, province, term); the
    history names `user`."""
    target, _created = _upsert(
        Target,
        {
            "indicator": indicator,
            "year": year,
            "quarter": quarter,
            # Part of the natural key: a year's plan is not the six months' (filter(quarter=None)
            # alone would find either).
            "months": months,
            "as_of": as_of,
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
        user=user,
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
    user: User | None = None,
    months: int | None = None,
    as_of: date | None = None,
) -> Value:
    """Record an achieved value (estimate or official) for a year, a quarter or a cumulative
    period (`months`, `as_of`), unless its quarter is locked (`ValidationError`); the history
    names `user`."""
    recorded, _created = _upsert(
        Value,
        {
            "indicator": indicator,
            "year": year,
            "quarter": quarter,
            # Part of the natural key: a year's figure is not the six months' (filter(quarter=
            # None) alone would find either).
            "months": months,
            "as_of": as_of,
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
        user=user,
        before_save=lambda value: figure_write_guard(pk=value.pk, cell=_cell(value)),
    )
    return recorded


def reports_bulk_ensure(
    *, numbers: Collection[str], note: str
) -> tuple[dict[str, SourceReport], list[str]]:
    """The source reports with these numbers, the missing ones created with `note` (a query
    per CHUNK numbers and one insert). Returns them by number, and the numbers created."""
    found: dict[str, SourceReport] = {}
    for chunk in _chunks(sorted(numbers)):
        found.update((r.number, r) for r in SourceReport.objects.filter(number__in=chunk))
    new = [SourceReport(number=n, note=note) for n in sorted(set(numbers) - found.keys())]
    for report in new:
        report.full_clean(validate_unique=False, validate_constraints=False)
    for report in SourceReport.objects.bulk_create(new, batch_size=BATCH):
        found[report.number] = report
    if new:  # bulk writes send no post_save; a new report rolls up into no indicator yet
        data_version.bump(indicator_ids=[])
    return found, [r.number for r in new]


def sector_code(name: str, taken: Collection[str]) -> str:
    """A sector's code made from its name ("Lĩnh vực tổng hợp 10" -> "LINH-VUC-TONG-HOP-10"),
    with a number added when another sector has it (names alike in their first 20 letters)."""
    length = Sector._meta.get_field("code").max_length or 20
    base = slugify(name).upper()[:length].strip("-") or "LINH-VUC"
    code, n = base, 1
    while code in taken:
        n += 1
        suffix = f"-{n}"
        code = base[: length - len(suffix)].rstrip("-") + suffix
    return code


@transaction.atomic
def sectors_bulk_create(*, names: Sequence[str]) -> list[Sector]:
    """New sectors with these names, each with a code of its own (two queries)."""
    if not names:
        return []
    taken = set(Sector.objects.values_list("code", flat=True))
    sectors = []
    for name in names:
        sector = Sector(code=sector_code(name, taken), name=name)
        taken.add(sector.code)
        sector.full_clean(exclude=["parent"], validate_unique=False, validate_constraints=False)
        sectors.append(sector)
    created = Sector.objects.bulk_create(sectors)
    data_version.bump(indicator_ids=[])  # bulk writes send no post_save; no indicator is in it yet
    return created


@transaction.atomic
def indicators_bulk_create(*, indicators: Sequence[Indicator]) -> list[Indicator]:
    """New indicators, validated like a form would, in a few inserts."""
    for indicator in indicators:
        # The sector is a row just read or created; checking it would cost a query each.
        indicator.full_clean(
            exclude=["sector", "department", "parent"],
            validate_unique=False,
            validate_constraints=False,
        )
    created = Indicator.objects.bulk_create(indicators, batch_size=BATCH)
    if created:  # bulk writes send no post_save
        data_version.bump(indicator_ids=[i.pk for i in created])
    return created


class FigureRow(NamedTuple):
    """One figure of a bulk write, found by its natural key: a value (`kind` is estimate or
    actual) or a plan (`kind` is the plan's source: council, province, term)."""

    indicator: Indicator
    year: int
    quarter: int | None
    kind: str
    value: Decimal
    report: SourceReport
    quote: str = ""
    months: int | None = None  # a cumulative period: the first n months (lũy kế)
    as_of: date | None = None  # a cumulative period: up to this date


@dataclass
class BulkWritten:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


# What a bulk write sets besides the value and the quote, as `value_record` and `target_set`
# do by default: the figure is now the one the report states, so a derivation, a note or a
# flag of the figure it replaces goes with it.
_STATED = {"note": "", "flag": "", "is_derived": False, "derivation": ""}
_STATED_VALUE = {**_STATED, "numerator": None, "denominator": None}


@transaction.atomic
def values_bulk_record(*, rows: Sequence[FigureRow], user: User | None, reason: str) -> BulkWritten:
    """`value_record` for many values at once (an import): new ones inserted and changed ones
    updated in batches of BATCH, with their history naming `user` and `reason`, a fixed number
    of queries per batch. If any row would create, change or move a figure in a locked quarter,
    nothing is written (`FiguresLocked`, by row); a row that changes nothing is no write."""
    return _figures_bulk_write(
        Value, rows, key_field="kind", stated=_STATED_VALUE, user=user, reason=reason
    )


@transaction.atomic
def targets_bulk_set(*, rows: Sequence[FigureRow], user: User | None, reason: str) -> BulkWritten:
    """`target_set` for many plans at once (an import), like `values_bulk_record`. Plans are
    not part of the review: no lock applies."""
    return _figures_bulk_write(
        Target, rows, key_field="source", stated=_STATED, user=user, reason=reason
    )


# (indicator, year, quarter, months, as_of, kind or plan source, report): a figure's place.
type FigureKey = tuple[int, int, int | None, int | None, date | None, str, int]


def _figures_bulk_write(
    model: type[Value] | type[Target],
    rows: Sequence[FigureRow],
    *,
    key_field: str,
    stated: dict[str, Any],
    user: User | None,
    reason: str,
) -> BulkWritten:
    written = BulkWritten()
    if not rows:
        return written
    compared = ["value", "quote", *stated]
    stored = _stored_by_key(model, rows, key_field, compared)
    now = timezone.now()
    constants = tuple(stated.values())
    new: list[tuple[Any, ...]] = []
    changes: list[tuple[int, tuple[Any, ...]]] = []
    places: list[tuple[int, Cell]] = []  # of every row that writes: (index, where)
    for index, row in enumerate(rows):
        values = (row.value, row.quote, *constants)
        found = stored.get(_row_key(row))
        if found is None:
            new.append((*_row_key(row), *values))
        elif found[1] != values:
            changes.append((found[0], (*values, now) if model is Value else values))
        else:
            written.unchanged += 1
            continue
        places.append((index, (row.indicator.pk, row.year, row.quarter)))
    if model is Value:
        _bulk_lock_guard(places)
    # The rows were checked field by field by the caller (an import checks every value and
    # text against the model's limits): no `full_clean()` per row, which would cost more than
    # the writes themselves.
    reason = change_reason(reason)
    key_columns = ["indicator_id", "year", "quarter", "months", "as_of", key_field, "report_id"]
    bulk_writes.insert(model, key_columns + compared, new, user=user, reason=reason)
    columns = compared + (["updated_at"] if model is Value else [])
    bulk_writes.update(model, changes, columns, user=user, reason=reason)
    if new or changes:  # bulk writes send no post_save
        data_version.bump(indicator_ids={indicator for _index, (indicator, *_rest) in places})
    written.created, written.updated = len(new), len(changes)
    return written


def _row_key(row: FigureRow) -> FigureKey:
    return (row.indicator.pk, row.year, row.quarter, row.months, row.as_of, row.kind, row.report.pk)


def _stored_by_key(
    model: type[Value] | type[Target],
    rows: Sequence[FigureRow],
    key_field: str,
    compared: list[str],
) -> dict[FigureKey, tuple[int, tuple[Any, ...]]]:
    """The stored figures the rows name, by key: their id and the compared fields' values. One
    query per CHUNK indicators, under a row lock (in id order, as every bulk write takes them),
    so that a review locking one of them meanwhile is waited for and seen."""
    keys = {_row_key(row) for row in rows}
    if len(keys) != len(rows):
        raise ValueError("a bulk write names the same figure twice")
    years = sorted({row.year for row in rows})
    reports = sorted({row.report.pk for row in rows})
    found: dict[FigureKey, tuple[int, tuple[Any, ...]]] = {}
    for ids in _chunks(sorted({row.indicator.pk for row in rows})):
        candidates = (
            model._default_manager.filter(
                indicator_id__in=ids, year__in=years, report_id__in=reports
            )
            .select_for_update()
            .order_by("pk")
            .values_list(
                "pk",
                "indicator_id",
                "year",
                "quarter",
                "months",
                "as_of",
                key_field,
                "report_id",
                *compared,
            )
        )
        for pk, indicator_id, year, quarter, months, as_of, kind, report_id, *values in candidates:
            key = (indicator_id, year, quarter, months, as_of, kind, report_id)
            if key in keys:
                found[key] = (pk, tuple(values))
    return found


def _bulk_lock_guard(places: list[tuple[int, Cell]]) -> None:
    """Refuse the whole write if any figure it creates or changes is in a locked quarter."""
    locked = locked_cells({cell for _index, cell in places})
    if not locked:
        return
    messages = figure_locked_messages(locked)
    raise FiguresLocked({index: messages[cell] for index, cell in places if cell in locked})


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
    months: int | None = None,
    as_of: date | None = None,
) -> Statement:
    """Record a completion or change a report states, to be recomputed and checked; `months`
    or `as_of` when it speaks of a part of the year (lũy kế)."""
    statement, _created = _upsert(
        Statement,
        {
            "indicator": indicator,
            "year": year,
            "months": months,
            "as_of": as_of,
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


# ("target", indicator pk, year, baseline) or ("value", indicator pk, year, months, as_of).
type DerivedKey = tuple[str, int, int, str] | tuple[str, int, int, int | None, date | None]


def derived_figures_apply(
    *, statements: list[Statement], user: User | None = None
) -> set[tuple[str, int]]:
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
        current = _value_in_report(statement)
        if current is None:
            continue
        if statement.metric == Metric.COMPLETION:
            row = _plan_derive(statement, current, user)
        else:
            row = _previous_value_derive(statement, current, user)
        if row is not None:
            derived_rows.add(row)
    return derived_rows


def _derived_key(statement: Statement) -> DerivedKey:
    """The figure a statement derives. When a report states the same figure twice (section I and
    section III), the first statement derives it; a second would overwrite it and make
    reloading change rows."""
    if statement.metric == Metric.COMPLETION:
        return ("target", statement.indicator.pk, statement.year, statement.baseline)
    return ("value", statement.indicator.pk, statement.year - 1, *same_period_before(statement))


def _period_of(statement: Statement) -> dict[str, Any]:
    """The period columns of the values a statement speaks about (none: the whole year)."""
    return {"quarter": None, "months": statement.months, "as_of": statement.as_of}


def same_period_before(statement: Statement) -> tuple[int | None, date | None]:
    """The (months, as_of) of the same part of the year a year before the statement's."""
    return periods.same_period_before(statement.months, statement.as_of)


def _stated(statement: Statement) -> Decimal:
    # The stated figure at the precision it was written ("105,6"), not as the database
    # returns it ("105.600000"): the derived number must reproduce what was written.
    assert statement.figure is not None
    return round_half_up(statement.figure, statement.figure_decimals)


def _plan_derive(statement: Statement, current: Value, user: User | None) -> tuple[str, int] | None:
    """The plan implied by "đạt X% kế hoạch", unless a report states that plan."""
    indicator = statement.indicator
    if (
        Target.objects.whole_year()
        .filter(
            indicator=indicator,
            year=statement.year,
            source=statement.baseline,
            is_derived=False,
        )
        .exists()
    ):
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
        user=user,
    )
    return ("target", target.pk)


def _previous_value_derive(
    statement: Statement, current: Value, user: User | None
) -> tuple[str, int] | None:
    """Last year's value implied by a stated change, unless a report states that value."""
    indicator = statement.indicator
    previous_year = statement.year - 1
    months, as_of = same_period_before(statement)
    if Value.objects.filter(
        indicator=indicator,
        year=previous_year,
        quarter=None,
        months=months,
        as_of=as_of,
        is_derived=False,
    ).exists():
        return None
    derived = derive_previous(current.value, statement.metric, _stated(statement))
    if derived is None:
        return None
    value = value_record(
        indicator=indicator,
        year=previous_year,
        quarter=None,
        months=months,
        as_of=as_of,
        kind="actual",
        value=derived.value,
        report=statement.report,
        quote=statement.quote,
        is_derived=True,
        derivation=(
            f"Số {_period_words(previous_year, months, as_of)} suy ra từ mức thay đổi: "
            f"{derived.arithmetic}"
        ),
        flag=statement.flag,
        user=user,
    )
    return ("value", value.pk)


def _period_words(year: int, months: int | None, as_of: date | None) -> str:
    # The derivation is data (Vietnamese, as the reports), not interface text.
    if as_of is not None:
        return f"năm {year} lũy kế đến {as_of:%d/%m/%Y}"
    if months is not None:
        return f"{months} tháng đầu năm {year}"
    return f"năm {year}"


def _value_in_report(statement: Statement) -> Value | None:
    """The stated value (of the whole year, or of the part the statement speaks about) a
    statement speaks about: from its own report if there."""
    candidates = Value.objects.filter(
        indicator=statement.indicator,
        year=statement.year,
        is_derived=False,
        **_period_of(statement),
    ).select_related("report")
    own = [v for v in candidates if v.report_id == statement.report_id]
    if own:
        return own[0]
    return max(candidates, key=lambda v: (v.kind == "actual", v.report.date), default=None)
