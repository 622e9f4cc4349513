"""Reads for quarterly entry, the review board and the audit history.

Each selector runs a fixed number of queries whatever the number of indicators.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Protocol, TypedDict

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from entry.models import EnteredValue, EntryMode, QuarterSubmission, SubmissionStatus
from indicators import computations as calc
from indicators.computations import Figure
from indicators.models import (
    Aggregation,
    Department,
    Indicator,
    PlanSource,
    SourceReport,
    Target,
    Value,
    ValueKind,
)
from indicators.quarters import (
    default_deadline,
    previous_quarter,
    quarter_label,
    year_to_date_label,
)
from indicators.review import LOCKED_STATUSES
from indicators.selectors import pick_targets, value_figure

# How a quarter value typed as a year-to-date figure begins its arithmetic (provenance text;
# how the figure was typed is `EnteredValue.entered_as`).
YTD_DERIVATION_PREFIX = "Lũy kế"


def figure_token(
    *,
    value: Decimal | None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    kind: str = "",
    note: str = "",
    report_number: str = "",
) -> str:
    """A short fingerprint of one stored figure, "" when there is none.

    The form carries the fingerprint of each figure as it was when the page was opened; a save
    compares it with the figure now stored to notice that someone else changed it meanwhile.
    """
    if value is None:
        return ""

    def canonical(number: Decimal | None) -> str:
        return "" if number is None else f"{number.normalize():f}"

    text = "|".join(
        [
            canonical(value),
            canonical(numerator),
            canonical(denominator),
            kind,
            note.strip(),
            report_number.strip(),
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def value_token(value: Value | None) -> str:
    if value is None:
        return ""
    return figure_token(
        value=value.value,
        numerator=value.numerator,
        denominator=value.denominator,
        kind=value.kind,
        note=value.note,
        report_number=value.report.number,
    )


def form_report_number(department: Department, year: int, quarter: int) -> str:
    """The document recorded when a department names none: its own form for the quarter."""
    return f"NHAPLIEU-{department.code}-{year}Q{quarter}"


def default_submission(department: Department, year: int, quarter: int) -> QuarterSubmission:
    """The (unsaved) submission of a department × quarter nobody has touched yet."""
    return QuarterSubmission(
        department=department,
        year=year,
        quarter=quarter,
        status=SubmissionStatus.NOT_STARTED,
        deadline=default_deadline(year, quarter, settings.CHITIEU_ENTRY_DEADLINE_DAY),
    )


@dataclass
class EntryRow:
    """One indicator of a department's quarterly form, with what helps to fill it in."""

    indicator: Indicator
    quarter: int
    plan: Target | None = None
    previous_quarter: Figure | None = None
    same_quarter_last_year: Figure | None = None
    prior_quarters: dict[int, Figure] = field(default_factory=dict)
    current: Value | None = None
    others: list[Value] = field(default_factory=list)
    total: Figure | None = None

    @property
    def token(self) -> str:
        return value_token(self.current)

    # Plain numbers for the template (None shows as "–").
    @property
    def plan_value(self) -> Decimal | None:
        return self.plan.value if self.plan else None

    @property
    def previous_value(self) -> Decimal | None:
        return self.previous_quarter.value if self.previous_quarter else None

    @property
    def last_year_value(self) -> Decimal | None:
        return self.same_quarter_last_year.value if self.same_quarter_last_year else None

    @property
    def current_value(self) -> Decimal | None:
        return self.current.value if self.current else None

    @property
    def is_flow(self) -> bool:
        return self.indicator.aggregation == Aggregation.SUM

    @property
    def missing_prior_quarters(self) -> list[int]:
        """Earlier quarters without a figure, for the indicators whose year-to-date figure
        needs them (a stock's is simply its latest value)."""
        if self.indicator.aggregation == Aggregation.LAST:
            return []
        return [q for q in range(1, self.quarter) if q not in self.prior_quarters]

    @property
    def ytd_before(self) -> Decimal | None:
        """The year-to-date figure up to the previous quarter (None when a quarter is missing)."""
        if self.missing_prior_quarters:
            return None
        if self.quarter == 1:
            return Decimal(0)
        return calc.aggregate_quarters(
            list(self.prior_quarters.values()), self.indicator.aggregation, self.indicator.unit
        )

    @property
    def ytd(self) -> Decimal | None:
        """The year-to-date figure including this quarter's stored value."""
        if self.current is None or self.missing_prior_quarters:
            return None
        figures = [*self.prior_quarters.values(), value_figure(self.current)]
        return calc.aggregate_quarters(figures, self.indicator.aggregation, self.indicator.unit)

    @property
    def entered_as_ytd(self) -> bool:
        entered = entered_value(self.current)
        return entered is not None and entered.entered_as == EntryMode.YEAR_TO_DATE


@dataclass
class QuarterEntry:
    department: Department
    year: int
    quarter: int
    submission: QuarterSubmission
    rows: list[EntryRow]

    @property
    def label(self) -> str:
        return quarter_label(self.year, self.quarter)

    @property
    def previous_label(self) -> str:
        return quarter_label(*previous_quarter(self.year, self.quarter))

    @property
    def last_year_label(self) -> str:
        return quarter_label(self.year - 1, self.quarter)

    @property
    def ytd_label(self) -> str:
        return year_to_date_label(self.quarter)

    @property
    def status(self) -> str:
        return self.submission.status

    @property
    def missing(self) -> list[EntryRow]:
        return [row for row in self.rows if row.current is None]

    @property
    def n_entered(self) -> int:
        return len(self.rows) - len(self.missing)

    @property
    def is_overdue(self) -> bool:
        return _is_overdue(self.submission)


def entered_value(value: Value | None) -> EnteredValue | None:
    """The form row a value was typed into, None for a figure read from a report."""
    # A reverse one-to-one without a row raises a subclass of AttributeError.
    return getattr(value, "entry", None) if value is not None else None


def _is_overdue(submission: QuarterSubmission, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return submission.status not in LOCKED_STATUSES and submission.deadline < today


def quarter_entry(department: Department, year: int, quarter: int) -> QuarterEntry:
    """A department's quarterly form: each of its indicators with the plan for the year, last
    quarter's value, the same quarter last year, earlier quarters for the year-to-date figure,
    the stored figure, and the total it is a component of.

    Four queries: the submission, the indicators, the year's plans, the values of this year and
    last (the totals' too).
    """
    submission = (
        QuarterSubmission.objects.filter(department=department, year=year, quarter=quarter)
        .select_related("report", "submitted_by", "reviewed_by")
        .first()
    ) or default_submission(department, year, quarter)
    submission.department = department
    indicators = list(
        Indicator.objects.filter(department=department)
        .select_related("parent")
        .order_by("order", "code")
    )
    plans = _plans_of_year(indicators, year)
    periods = _Periods(_quarter_values(indicators, year))
    rows = [_entry_row(i, year, quarter, submission, plans[i.pk], periods) for i in indicators]
    return QuarterEntry(
        department=department, year=year, quarter=quarter, submission=submission, rows=rows
    )


def _plans_of_year(indicators: list[Indicator], year: int) -> dict[int, list[Target]]:
    targets: dict[int, list[Target]] = defaultdict(list)
    plans_of_year = Target.objects.whole_year().filter(
        indicator_id__in=[i.pk for i in indicators], year=year
    )
    for target in plans_of_year.select_related("report"):
        targets[target.indicator_id].append(target)
    return targets


def _quarter_values(indicators: list[Indicator], year: int) -> QuerySet[Value]:
    """Quarter figures of this year and last, of the indicators and of their totals."""
    ids = {i.pk for i in indicators} | {i.parent_id for i in indicators if i.parent_id}
    return (
        Value.objects.filter(indicator_id__in=ids, year__in=[year - 1, year], quarter__isnull=False)
        .select_related("report", "entry")
        .order_by("pk")
    )


class _Periods:
    """Quarter figures by (indicator, year, quarter), and the best of each."""

    def __init__(self, values: Iterable[Value]) -> None:
        self.values: dict[tuple[int, int, int | None], list[Value]] = defaultdict(list)
        for value in values:
            self.values[(value.indicator_id, value.year, value.quarter)].append(value)

    def of(self, indicator_id: int, year: int, quarter: int) -> list[Value]:
        return self.values[(indicator_id, year, quarter)]

    def best(self, indicator_id: int, year: int, quarter: int) -> Figure | None:
        return calc.best_figure([value_figure(v) for v in self.of(indicator_id, year, quarter)])


def _entry_row(
    indicator: Indicator,
    year: int,
    quarter: int,
    submission: QuarterSubmission,
    targets: list[Target],
    periods: _Periods,
) -> EntryRow:
    plans = pick_targets(targets)
    own = periods.of(indicator.pk, year, quarter)
    current = next((v for v in own if _typed_into(v, submission)), None)
    row = EntryRow(
        indicator=indicator,
        quarter=quarter,
        plan=plans.get(PlanSource.COUNCIL) or next(iter(plans.values()), None),
        previous_quarter=periods.best(indicator.pk, *previous_quarter(year, quarter)),
        same_quarter_last_year=periods.best(indicator.pk, year - 1, quarter),
        current=current,
        others=[v for v in own if v is not current],
    )
    for q in range(1, quarter):
        figure = periods.best(indicator.pk, year, q)
        if figure is not None:
            row.prior_quarters[q] = figure
    if indicator.parent_id:
        row.total = periods.best(indicator.parent_id, year, quarter)
    return row


def _typed_into(value: Value, submission: QuarterSubmission) -> bool:
    entered = entered_value(value)
    return (
        submission.pk is not None and entered is not None and entered.submission_id == submission.pk
    )


# --- The review board ------------------------------------------------------------------------


@dataclass
class BoardRow:
    department: Department
    n_indicators: int
    n_entered: int
    submission: QuarterSubmission

    @property
    def is_overdue(self) -> bool:
        return _is_overdue(self.submission)

    @property
    def label(self) -> str:
        return quarter_label(self.submission.year, self.submission.quarter)


def review_board(year: int, quarter: int) -> list[BoardRow]:
    """Every department that owns indicators × the quarter: status, deadline, progress.

    Three queries: departments with their number of indicators, the quarter's submissions,
    the number of figures entered per submission.
    """
    departments = list(
        Department.objects.annotate(n_indicators=Count("indicators"))
        .filter(n_indicators__gt=0)
        .order_by("name")
    )
    submissions = {
        s.department_id: s
        for s in QuarterSubmission.objects.filter(year=year, quarter=quarter).select_related(
            "submitted_by", "reviewed_by"
        )
    }
    entered = dict(
        EnteredValue.objects.filter(submission__year=year, submission__quarter=quarter)
        .values_list("submission__department_id")
        .annotate(n=Count("pk"))
        .values_list("submission__department_id", "n")
    )
    rows = []
    for department in departments:
        submission = submissions.get(department.pk) or default_submission(department, year, quarter)
        submission.department = department
        rows.append(
            BoardRow(
                department=department,
                n_indicators=department.n_indicators,
                n_entered=entered.get(department.pk, 0),
                submission=submission,
            )
        )
    return rows


def department_quarters(department: Department, year: int) -> list[BoardRow]:
    """A department's four quarters of a year, for its entry landing page (three queries)."""
    n_indicators = Indicator.objects.filter(department=department).count()
    submissions = {
        s.quarter: s for s in QuarterSubmission.objects.filter(department=department, year=year)
    }
    entered = dict(
        EnteredValue.objects.filter(submission__department=department, submission__year=year)
        .values_list("submission__quarter")
        .annotate(n=Count("pk"))
        .values_list("submission__quarter", "n")
    )
    rows = []
    for quarter in range(1, 5):
        submission = submissions.get(quarter) or default_submission(department, year, quarter)
        submission.department = department
        rows.append(
            BoardRow(
                department=department,
                n_indicators=n_indicators,
                n_entered=entered.get(quarter, 0),
                submission=submission,
            )
        )
    return rows


# --- Audit history ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a value, a target or a quarter's status, as the history table shows it."""

    when: datetime
    who: str
    username: str
    subject: str
    action: str  # "+" created, "~" changed, "-" deleted (simple_history's history_type)
    indicator: Indicator | None  # None in a quarter's own status history
    old_value: Decimal | None = None
    new_value: Decimal | None = None
    decimals: int = 0
    old_text: StrOrPromise = ""
    new_text: StrOrPromise = ""
    reason: str = ""
    note: str = ""
    source: str = ""

    @property
    def unit(self) -> str:
        return self.indicator.unit if self.indicator else ""


class _Historical(Protocol):
    """What the history reads of a simple_history record. Its historical models are built at
    runtime and the library has no type information: these name the fields used here."""

    id: int
    history_date: datetime
    history_type: str
    history_username: str
    history_user_name: str
    history_change_reason: str | None


class _HistoricalFigure(_Historical, Protocol):
    year: int
    value: Decimal
    note: str
    report_id: int | None
    report: SourceReport | None


class _HistoricalValue(_HistoricalFigure, Protocol):
    quarter: int | None
    kind: str


class _HistoricalTarget(_HistoricalFigure, Protocol):
    source: str


class _HistoricalSubmission(_Historical, Protocol):
    year: int
    quarter: int
    status: str
    deadline: date
    comment: str


def _who(record: _Historical) -> tuple[str, str]:
    """The name and username kept with the change (they outlive the account)."""
    return (record.history_user_name or record.history_username), record.history_username


def _shown_decimals(indicator: Indicator, *values: Decimal | None) -> int:
    # Enough decimals that a change is never hidden by rounding (434,5 → 434,55).
    return max(
        [indicator.decimals, *(calc.decimals_of(v.normalize()) for v in values if v is not None)]
    )


def _period(year: int, quarter: int | None) -> str:
    return quarter_label(year, quarter) if quarter else _("năm %(year)s") % {"year": year}


def indicator_history(indicator: Indicator, *, limit: int = 100) -> list[HistoryEntry]:
    """Who changed which figure of an indicator, when, from what to what, and why: its values,
    its targets and the review status of its department's quarters, newest first.

    Three queries (the history of values, of targets, of the department's quarters). History
    rows are read-only: nothing in the app edits them.
    """
    values = (
        Value.history.filter(indicator_id=indicator.pk)
        .select_related("report")
        .order_by("history_date", "history_id")
    )
    targets = (
        Target.history.filter(indicator_id=indicator.pk)
        .select_related("report")
        .order_by("history_date", "history_id")
    )
    entries = [
        *_walk(values, partial(_value_entry, indicator)),
        *_walk(targets, partial(_target_entry, indicator)),
    ]
    if indicator.department_id:
        statuses = QuarterSubmission.history.filter(department_id=indicator.department_id).order_by(
            "history_date", "history_id"
        )
        entries += _walk(statuses, partial(_status_entry, indicator, with_period=True))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]


def submission_history(submission: QuarterSubmission) -> list[HistoryEntry]:
    """The status changes of one department's quarter, newest first (one query)."""
    if submission.pk is None:
        return []
    records = submission.history.order_by("history_date", "history_id")
    entries = _walk(records, partial(_status_entry, None, with_period=False))
    entries.reverse()
    return entries


def _walk[R: _Historical](
    records: Iterable[R], describe: Callable[[R, R | None], HistoryEntry | None]
) -> list[HistoryEntry]:
    """Each record described against the previous record of the same row (None at its start)."""
    entries = []
    previous: dict[int, R] = {}
    for record in records:
        entry = describe(record, previous.get(record.id))
        if entry is not None:
            entries.append(entry)
        previous[record.id] = record
    return entries


class _Change(TypedDict):
    when: datetime
    who: str
    username: str
    action: str
    reason: str


def _change_fields(record: _Historical) -> _Change:
    who, username = _who(record)
    return {
        "when": record.history_date,
        "who": who,
        "username": username,
        "action": record.history_type,
        "reason": record.history_change_reason or "",
    }


def _shown_unchanged(record: _HistoricalFigure, before: _HistoricalFigure | None) -> bool:
    """A change of what the history does not show (a figure locked or published by its
    quarter's review, which the quarter's status entry tells)."""
    if before is None or record.history_type != "~":
        return False
    shown = ("value", "report_id", "note")
    return all(getattr(record, name) == getattr(before, name) for name in shown)


def _figure_change(
    indicator: Indicator,
    record: _HistoricalFigure,
    before: _HistoricalFigure | None,
    subject: str,
) -> HistoryEntry | None:
    if _shown_unchanged(record, before):
        return None
    old = before.value if before is not None else None
    new = None if record.history_type == "-" else record.value
    return HistoryEntry(
        **_change_fields(record),
        subject=subject,
        indicator=indicator,
        old_value=old,
        new_value=new,
        decimals=_shown_decimals(indicator, old, new),
        note=record.note,
        source=record.report.number if record.report_id and record.report else "",
    )


def _value_entry(
    indicator: Indicator, record: _HistoricalValue, before: _HistoricalValue | None
) -> HistoryEntry | None:
    subject = _("Số liệu %(period)s · %(kind)s") % {
        "period": _period(record.year, record.quarter),
        "kind": ValueKind(record.kind).label if record.kind in ValueKind.values else "",
    }
    return _figure_change(indicator, record, before, subject)


def _target_entry(
    indicator: Indicator, record: _HistoricalTarget, before: _HistoricalTarget | None
) -> HistoryEntry | None:
    subject = _("Kế hoạch năm %(year)s · %(source)s") % {
        "year": record.year,
        "source": PlanSource(record.source).label if record.source in PlanSource.values else "",
    }
    return _figure_change(indicator, record, before, subject)


def _status_label(status: str) -> str:
    return str(SubmissionStatus(status).label) if status in SubmissionStatus.values else ""


def _status_entry(
    indicator: Indicator | None,
    record: _HistoricalSubmission,
    before: _HistoricalSubmission | None,
    *,
    with_period: bool,
) -> HistoryEntry | None:
    """A change of a quarter's status or deadline; None for a save that changed neither."""
    old_status = before.status if before is not None else SubmissionStatus.NOT_STARTED
    deadline_moved = before is not None and before.deadline != record.deadline
    if before is not None and old_status == record.status and not deadline_moved:
        return None
    if before is None and record.status == SubmissionStatus.NOT_STARTED:
        return None
    period = _period(record.year, record.quarter)
    subject = _("Trạng thái %(period)s") % {"period": period} if with_period else ""
    old_text, new_text = _status_label(old_status), _status_label(record.status)
    if with_period and old_status == record.status:
        subject = _("Hạn nộp %(period)s") % {"period": period}
        old_text = before.deadline.strftime("%d/%m/%Y") if before is not None else ""
        new_text = record.deadline.strftime("%d/%m/%Y")
    return HistoryEntry(
        **_change_fields(record),
        subject=subject,
        indicator=indicator,
        old_text=old_text,
        new_text=new_text,
        note=record.comment if record.status == SubmissionStatus.RETURNED else "",
    )


@dataclass(frozen=True)
class LastChange:
    who: str
    when: datetime


def latest_changes(values: list[Value]) -> dict[int, LastChange]:
    """Who last changed each of these figures, and when (one query)."""
    result: dict[int, LastChange] = {}
    records = Value.history.filter(id__in=[v.pk for v in values]).order_by(
        "id", "-history_date", "-history_id"
    )
    for record in records:
        if record.id not in result:
            who, _username = _who(record)
            result[record.id] = LastChange(who=who, when=record.history_date)
    return result
