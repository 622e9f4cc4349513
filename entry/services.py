"""Writes of the quarterly entry and its review: saving a department's form, submitting,
approving, returning, reopening, deadlines, and the emails they send.

Every service checks the actor's permission again under a lock on the quarter's row, so that a
crafted request, or a reviewer approving while a department saves, cannot slip through.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise
from kombu.exceptions import OperationalError as BrokerUnreachable

from accounts import permissions as perms
from accounts.models import DEPARTMENT_ROLES, Membership
from accounts.permissions import Actor
from audit.context import recorded
from entry.merge import Merge, merge_rows
from entry.models import (
    EnteredValue,
    EntryMode,
    NoticeKind,
    QuarterSubmission,
    SubmissionNotice,
    SubmissionStatus,
)
from entry.selectors import default_submission, figure_token, form_report_number, value_token
from entry.tasks import MAIL_ERRORS, entry_return_notify
from indicators import bulk_writes, data_version
from indicators import services as indicator_services
from indicators.computations import decimals_of
from indicators.models import Department, Indicator, ReportKind, SourceReport, Value
from indicators.quarters import previous_quarter, quarter_label, quarter_of
from indicators.review import figure_flags

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

# Fields a department's save may change on its own figure.
VALUE_FIELDS = [
    "kind",
    "value",
    "numerator",
    "denominator",
    "report",
    "note",
    "is_derived",
    "derivation",
    "updated_at",
]


@dataclass
class RowInput:
    """One indicator's figure as the form cleaned it, ready for `quarter_entry_save`."""

    indicator: Indicator
    value: Decimal | None
    kind: str
    note: str
    report_number: str
    token: str  # the fingerprint of the stored figure when the page was opened
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    is_derived: bool = False
    derivation: str = ""
    entered_as: str = EntryMode.QUARTER

    @property
    def fingerprint(self) -> str:
        return figure_token(
            value=self.value,
            numerator=self.numerator,
            denominator=self.denominator,
            kind=self.kind,
            note=self.note,
            report_number=self.report_number,
        )


@dataclass
class Conflict:
    """A figure someone else changed after this form was opened, and this form changed too."""

    indicator: Indicator
    mine: RowInput
    theirs: Value | None
    last_change: object = None  # who changed theirs and when, filled in for display

    @property
    def decimals(self) -> int:
        """Enough decimals to show both figures exactly (1.250,5 is not 1.251)."""
        numbers = [self.mine.value, self.theirs.value if self.theirs else None]
        return max(
            [self.indicator.decimals]
            + [decimals_of(n.normalize()) for n in numbers if n is not None]
        )


class EntryConflict(Exception):
    """The save was refused: nothing was written. The form shows `conflicts`."""

    def __init__(self, conflicts: list[Conflict], others_changed: list[Indicator]):
        super().__init__(f"{len(conflicts)} figures changed meanwhile")
        self.conflicts = conflicts
        self.others_changed = others_changed

    @classmethod
    def of(cls, merge: Merge[RowInput], stored: dict[int, Value]) -> EntryConflict:
        conflicts = [
            Conflict(indicator=r.indicator, mine=r, theirs=stored.get(r.indicator.pk))
            for r in merge.conflicts
        ]
        return cls(conflicts, [r.indicator for r in merge.kept_theirs])


@dataclass
class SaveResult:
    submission: QuarterSubmission
    created: int = 0
    updated: int = 0
    deleted: int = 0
    # Figures someone else changed meanwhile that this form did not touch: theirs are kept.
    kept_theirs: list[Indicator] = field(default_factory=list)


def _locked_submission(
    department: Department, year: int, quarter: int, *, create: bool
) -> QuarterSubmission:
    """The quarter's row, locked until the transaction ends (created when asked and missing)."""
    submission = (
        QuarterSubmission.objects.select_for_update()
        .filter(department=department, year=year, quarter=quarter)
        .first()
    )
    if submission is None:
        submission = default_submission(department, year, quarter)
        if create:
            try:
                with transaction.atomic():
                    submission.save()
            except IntegrityError:
                # Someone created it a moment ago: use theirs.
                submission = QuarterSubmission.objects.select_for_update().get(
                    department=department, year=year, quarter=quarter
                )
    submission.department = department
    return submission


def _save_submission(submission: QuarterSubmission, *, user: User, reason: str) -> None:
    # The database enforces the constraints; checking them here would cost a query each.
    submission.full_clean(
        exclude=["department", "report", "submitted_by", "reviewed_by"],
        validate_constraints=False,
    )
    with recorded(user, reason):
        submission.save()


@transaction.atomic
def quarter_entry_save(
    *,
    actor: Actor,
    user: User,
    department: Department,
    year: int,
    quarter: int,
    rows: Sequence[RowInput],
    report_number: str = "",
    report_date: date | None = None,
    submit: bool = False,
) -> SaveResult:
    """Save a department's quarterly figures as a whole, and submit them when asked.

    Three-way merge per figure (entry.merge): a figure this form did not change is left as
    stored; a figure it changed is written unless someone else changed it since the form was
    opened, in which case nothing at all is saved and `EntryConflict` lists what changed.

    A fixed number of queries whatever the number of indicators: lock (and create) the
    quarter's row, read its figures, look up and create the documents, insert the new figures
    and their history, update the changed ones and their history, save the quarter's status.
    Clearing a saved figure deletes it (one query and one history row per cleared figure).
    """
    submission = _locked_submission(department, year, quarter, create=True)
    perms.require(perms.can_edit_figures(actor, department.pk, submission.status))
    if submit:
        perms.require(perms.can_submit(actor, department.pk, submission.status))

    stored = {
        v.indicator_id: v
        for v in Value.objects.filter(entry__submission=submission).select_related(
            "report", "entry"
        )
    }
    merge = merge_rows(rows, {pk: value_token(v) for pk, v in stored.items()})
    if merge.refuses(submit=submit):
        raise EntryConflict.of(merge, stored)

    label = quarter_label(year, quarter)
    template = _("Gửi duyệt %(period)s") if submit else _("Lưu nháp %(period)s")
    reason = template % {"period": label}
    reports = _reports_for(
        {row.report_number for row in merge.to_write if row.value is not None} | {report_number},
        department=department,
        year=year,
        quarter=quarter,
        form_report=report_number,
        form_report_date=report_date,
    )
    written = _figures_write(
        merge.to_write, stored, submission=submission, reports=reports, user=user, reason=reason
    )
    _submission_advance(
        submission, new_report=reports.get(report_number), submit=submit, user=user, reason=reason
    )
    return SaveResult(
        submission=submission,
        created=written.created,
        updated=written.updated,
        deleted=written.deleted,
        kept_theirs=[r.indicator for r in merge.kept_theirs],
    )


@dataclass
class _Written:
    created: int
    updated: int
    deleted: int


def _figures_write(
    rows: Sequence[RowInput],
    stored: dict[int, Value],
    *,
    submission: QuarterSubmission,
    reports: dict[str, SourceReport],
    user: User,
    reason: str,
) -> _Written:
    """Insert, update and delete the figures the merge decided to write, with their history
    (a few queries whatever their number) and the form rows they belong to."""
    now = timezone.now()
    flags = figure_flags(submission.status)
    created: list[tuple[Value, RowInput]] = []
    updated: list[tuple[Value, RowInput]] = []
    deleted: list[Value] = []
    for row in rows:
        figure = stored.get(row.indicator.pk)
        value = row.value
        if value is None:
            if figure is not None:
                deleted.append(figure)
            continue
        if figure is None:
            figure = Value(
                indicator=row.indicator,
                year=submission.year,
                quarter=submission.quarter,
                created_at=now,
                **flags,
            )
            created.append((figure, row))
        else:
            updated.append((figure, row))
        _figure_fill(figure, row, value=value, report=reports[row.report_number], now=now)
    # The one lock rule (indicators.services), on the figures read under the quarter's row:
    # the status check above already keeps a locked quarter out, this keeps the rule single.
    indicator_services.figures_lock_check([v for v, _row in updated] + deleted)
    with recorded(user, reason):
        if created:
            _figures_insert(created, submission=submission)
        if updated:
            bulk_writes.update_objects(
                [v for v, _row in updated], VALUE_FIELDS, user=user, reason=reason
            )
            _entry_modes_update(updated, user=user, reason=reason)
        for figure in deleted:
            figure.delete()
    if created or updated:  # bulk writes send no post_save
        # Only published figures are rolled up (indicators.rollups): a draft or a figure
        # awaiting review changes none, and rewriting 78 indicators' rows cost each save
        # 200 ms.
        # Nor does it change a published page: the page cache keyed by the data version stays.
        published = [v.indicator_id for v, _row in [*created, *updated] if v.is_published]
        if published:
            data_version.bump(indicator_ids=published)
    return _Written(created=len(created), updated=len(updated), deleted=len(deleted))


def _figures_insert(
    created: Sequence[tuple[Value, RowInput]], *, submission: QuarterSubmission
) -> None:
    """New figures and the form rows they were typed into (2 queries; the database writes
    their history)."""
    values = Value.objects.bulk_create([v for v, _row in created])
    EnteredValue.objects.bulk_create(
        EnteredValue(
            submission=submission, indicator=row.indicator, value=value, entered_as=row.entered_as
        )
        for value, (_figure, row) in zip(values, created, strict=True)
    )


def _figure_fill(
    figure: Value, row: RowInput, *, value: Decimal, report: SourceReport, now: datetime
) -> None:
    """`value` is the row's value, which the caller has checked is there."""
    figure.kind = row.kind
    figure.value = value
    figure.numerator = row.numerator
    figure.denominator = row.denominator
    figure.report = report
    figure.note = row.note
    figure.is_derived = row.is_derived
    figure.derivation = row.derivation
    figure.updated_at = now
    # The foreign keys are known to exist; checking each would cost a query per figure.
    figure.full_clean(
        exclude=["indicator", "report"], validate_unique=False, validate_constraints=False
    )


def _entry_modes_update(
    updated: Sequence[tuple[Value, RowInput]], *, user: User, reason: str
) -> None:
    """Record a changed way of typing (quarter's own figure or year to date): one query."""
    changed = []
    for figure, row in updated:
        entered = figure.entry
        if entered.entered_as != row.entered_as:
            entered.entered_as = row.entered_as
            changed.append(entered)
    if changed:
        bulk_writes.update_objects(changed, ["entered_as"], user=user, reason=reason)


def _submission_advance(
    submission: QuarterSubmission,
    *,
    new_report: SourceReport | None,
    submit: bool,
    user: User,
    reason: str,
) -> None:
    """What a save changes on the quarter's row (started, its document, submitted), saved
    with its history; a submission locks the quarter's figures."""
    changes = _submission_changes(submission, new_report=new_report, submit=submit, user=user)
    if not changes:
        return
    for name, value in changes.items():
        setattr(submission, name, value)
    _save_submission(submission, user=user, reason=reason)
    if submit:
        _figure_flags_apply(submission, user=user, reason=reason)


def _submission_changes(
    submission: QuarterSubmission,
    *,
    new_report: SourceReport | None,
    submit: bool,
    user: User,
) -> dict[str, object]:
    changes: dict[str, object] = {}
    if submission.status == SubmissionStatus.NOT_STARTED:
        changes["status"] = SubmissionStatus.DRAFT
    if new_report is not None and submission.report_id != new_report.pk:
        changes["report"] = new_report
    if submit:
        changes.update(
            status=SubmissionStatus.SUBMITTED, submitted_at=timezone.now(), submitted_by=user
        )
    return changes


def _figure_flags_apply(submission: QuarterSubmission, *, user: User, reason: str) -> None:
    """Publish, lock or unlock the quarter's figures as its new status says (one query)."""
    figures = Value.objects.filter(entry__submission=submission)
    indicator_ids = list(figures.values_list("indicator_id", flat=True))
    with recorded(user, reason):
        figures.update(**figure_flags(submission.status))
    data_version.bump(indicator_ids=indicator_ids)  # an update sends no post_save


def _reports_for(
    numbers: set[str],
    *,
    department: Department,
    year: int,
    quarter: int,
    form_report: str,
    form_report_date: date | None,
) -> dict[str, SourceReport]:
    """The documents figures cite, created when new (two queries at most). An existing document
    is never changed from here: it may be another department's."""
    numbers = {n for n in numbers if n}
    if not numbers:
        return {}
    found = {r.number: r for r in SourceReport.objects.filter(number__in=numbers)}
    label = quarter_label(year, quarter)
    new = []
    for number in sorted(numbers - found.keys()):
        kind = (
            ReportKind.FORM_ENTRY
            if number == form_report_number(department, year, quarter)
            else ReportKind.DOCUMENT
        )
        if kind == ReportKind.FORM_ENTRY:
            title = _("Số liệu %(department)s nhập trực tiếp, %(period)s") % {
                "department": department.name,
                "period": label,
            }
        else:
            title = _("Báo cáo của %(department)s, %(period)s") % {
                "department": department.name,
                "period": label,
            }
        report = SourceReport(
            number=number,
            kind=kind,
            date=form_report_date if number == form_report else None,
            issuer=department.name,
            title=title,
        )
        report.full_clean(validate_unique=False, validate_constraints=False)
        new.append(report)
    if new:
        for report in SourceReport.objects.bulk_create(new):
            found[report.number] = report
    return found


# --- Review ----------------------------------------------------------------------------------


@transaction.atomic
def submission_approve(
    *, actor: Actor, user: User, department: Department, year: int, quarter: int
) -> QuarterSubmission:
    """Approve a submitted quarter: its figures are published, and locked for everyone until a
    reviewer reopens it."""
    submission = _locked_submission(department, year, quarter, create=False)
    perms.require(perms.can_review(actor, submission.status))
    submission.status = SubmissionStatus.APPROVED
    submission.reviewed_at = timezone.now()
    submission.reviewed_by = user
    _save_submission(submission, user=user, reason=_("Duyệt"))
    _figure_flags_apply(submission, user=user, reason=_("Duyệt"))
    return submission


@dataclass(frozen=True)
class SendBack:
    """Returning a submitted quarter and reopening an approved one are the same act: the
    quarter goes back to its department with the reviewer's reason, and the department is
    told. They differ in who may, from which status, and the words used."""

    allowed: Callable[[Actor, str], bool]
    label: StrOrPromise  # of the reviewer's comment field
    empty_message: StrOrPromise
    history_reason: StrOrPromise
    done_message: StrOrPromise  # %(period)s, %(department)s


RETURN = SendBack(
    allowed=perms.can_review,
    label=gettext_lazy("Ý kiến trả lại (bắt buộc)"),
    empty_message=gettext_lazy("Hãy ghi rõ lý do trả lại."),
    history_reason=gettext_lazy("Trả lại"),
    done_message=gettext_lazy("Đã trả lại số liệu %(period)s cho %(department)s và gửi thư báo."),
)
REOPEN = SendBack(
    allowed=perms.can_reopen,
    label=gettext_lazy("Lý do mở lại (bắt buộc)"),
    empty_message=gettext_lazy("Hãy ghi rõ lý do mở lại."),
    history_reason=gettext_lazy("Mở lại sau khi đã duyệt"),
    done_message=gettext_lazy("Đã mở lại số liệu %(period)s của %(department)s."),
)


@transaction.atomic
def submission_send_back(
    *,
    actor: Actor,
    user: User,
    department: Department,
    year: int,
    quarter: int,
    comment: str,
    how: SendBack,
) -> QuarterSubmission:
    """Send a quarter back to its department (`RETURN` or `REOPEN`) with a comment, unlock and
    unpublish its figures, and email the department once the change commits."""
    if not comment.strip():
        raise ValidationError(str(how.empty_message))
    submission = _locked_submission(department, year, quarter, create=False)
    perms.require(how.allowed(actor, submission.status))
    submission.status = SubmissionStatus.RETURNED
    submission.comment = comment.strip()
    submission.reviewed_at = timezone.now()
    submission.reviewed_by = user
    _save_submission(submission, user=user, reason=str(how.history_reason))
    _figure_flags_apply(submission, user=user, reason=str(how.history_reason))
    _notify_on_commit(submission)
    return submission


# Return a submitted quarter, or reopen an approved one, with the reviewer's comment.
submission_return = partial(submission_send_back, how=RETURN)
submission_reopen = partial(submission_send_back, how=REOPEN)


@transaction.atomic
def submission_deadline_set(
    *, actor: Actor, user: User, department: Department, year: int, quarter: int, deadline: date
) -> QuarterSubmission:
    """Move a department's deadline for a quarter."""
    perms.require(perms.can_set_deadline(actor))
    submission = _locked_submission(department, year, quarter, create=True)
    if submission.deadline != deadline:
        submission.deadline = deadline
        _save_submission(submission, user=user, reason=_("Đổi hạn nộp"))
    return submission


def _notify_on_commit(submission: QuarterSubmission) -> None:
    transaction.on_commit(partial(_queue_return_notice, submission.pk, _return_key(submission)))


def _return_key(submission: QuarterSubmission) -> str:
    # The key names this return: the reviewer's timestamp, so that a retried task sends once.
    return submission.reviewed_at.isoformat() if submission.reviewed_at else ""


def _queue_return_notice(submission_id: int, key: str) -> None:
    # The return itself is the record of the notice it owes (status, reviewer's time): a broker
    # that is down must not turn the committed return into an error page, and the sweep sends
    # the notice later (return_notices_send_missed).
    try:
        entry_return_notify.apply_async((submission_id, key), ignore_result=True)
    except BrokerUnreachable:
        logger.warning(
            "Return notice of submission %s not queued (broker unreachable); the sweep sends it",
            submission_id,
            exc_info=True,
        )


# The regular notice has had its chance (queued on commit, its first retries) by this time after
# the return; a department's quarter returned more than a week ago is no news any more.
MISSED_NOTICE_AFTER = timedelta(minutes=5)
MISSED_NOTICE_WITHIN = timedelta(days=7)


def return_notices_send_missed(*, now: datetime) -> int:
    """Send the notices of recent returns that have none recorded: the broker was down when the
    reviewer returned the quarter, or the mail server for longer than the notice task retried.
    Still returned quarters only (one sent in again needs no notice). Returns how many were
    sent; each notice goes once (`submission_notice_send`)."""
    returned = list(
        QuarterSubmission.objects.filter(
            status=SubmissionStatus.RETURNED,
            reviewed_at__gte=now - MISSED_NOTICE_WITHIN,
            reviewed_at__lte=now - MISSED_NOTICE_AFTER,
        ).only("pk", "reviewed_at")
    )
    sent_already = set(
        SubmissionNotice.objects.filter(
            kind=NoticeKind.RETURNED, submission__in=[s.pk for s in returned]
        ).values_list("submission_id", "key")
    )
    sent = 0
    for submission in returned:
        key = _return_key(submission)
        if (submission.pk, key) in sent_already:
            continue
        try:
            if submission_notice_send(
                submission_id=submission.pk, kind=NoticeKind.RETURNED, key=key
            ):
                sent += 1
        except MAIL_ERRORS:
            # Not recorded, so the next sweep tries it again; the others still go.
            logger.warning("Return notice of submission %s not sent", submission.pk, exc_info=True)
    return sent


# --- Emails ----------------------------------------------------------------------------------


def _recipients(department_id: int) -> list[str]:
    return sorted(
        Membership.objects.filter(
            department_id=department_id, user__is_active=True, role__in=DEPARTMENT_ROLES
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def _entry_url(submission: QuarterSubmission) -> str:
    path = reverse(
        "entry:entry_form",
        kwargs={
            "department": submission.department.code,
            "year": submission.year,
            "quarter": submission.quarter,
        },
    )
    site_url: str = settings.CHITIEU_SITE_URL
    return site_url.rstrip("/") + path


def _message(submission: QuarterSubmission, kind: str) -> tuple[str, str]:
    label = quarter_label(submission.year, submission.quarter)
    department = submission.department.name
    deadline = submission.deadline.strftime("%d/%m/%Y")
    url = _entry_url(submission)
    if kind == NoticeKind.RETURNED:
        subject = _("[Chỉ tiêu KT-XH] %(period)s của %(department)s bị trả lại") % {
            "period": label,
            "department": department,
        }
        body = _(
            "Số liệu %(period)s của %(department)s đã bị trả lại.\n\n"
            "Ý kiến: %(comment)s\n\nXin sửa và gửi lại trước ngày %(deadline)s: %(url)s\n"
        ) % {
            "period": label,
            "department": department,
            "comment": submission.comment,
            "deadline": deadline,
            "url": url,
        }
    elif kind == NoticeKind.BEFORE_DEADLINE:
        subject = _("[Chỉ tiêu KT-XH] Sắp đến hạn nộp số liệu %(period)s") % {"period": label}
        body = _(
            "%(department)s chưa gửi số liệu %(period)s. Hạn nộp là ngày %(deadline)s.\n\n"
            "Nhập số liệu tại: %(url)s\n"
        ) % {"period": label, "department": department, "deadline": deadline, "url": url}
    else:
        subject = _("[Chỉ tiêu KT-XH] Quá hạn nộp số liệu %(period)s") % {"period": label}
        body = _(
            "%(department)s chưa gửi số liệu %(period)s; hạn nộp là ngày %(deadline)s "
            "đã qua.\n\nNhập số liệu tại: %(url)s\n"
        ) % {"period": label, "department": department, "deadline": deadline, "url": url}
    return subject, body


def submission_notice_send(*, submission_id: int, kind: str, key: str) -> bool:
    """Email the department about its quarter, once per (kind, key): True when sent now."""
    with transaction.atomic():
        submission = (
            QuarterSubmission.objects.select_for_update()
            .select_related("department")
            .get(pk=submission_id)
        )
        if SubmissionNotice.objects.filter(submission=submission, kind=kind, key=key).exists():
            return False
        recipients = _recipients(submission.department_id)
        # Recorded and sent in one transaction: if sending fails, no notice is recorded and a
        # retry sends it.
        SubmissionNotice.objects.create(
            submission=submission, kind=kind, key=key, recipients=", ".join(recipients)
        )
        if recipients:
            subject, body = _message(submission, kind)
            EmailMessage(subject, body, to=recipients).send()
    return True


def entry_reminders_send(*, today: date) -> dict[str, int]:
    """Remind departments whose quarter is not yet submitted: once when the deadline is near,
    once when it has passed. Looks at the quarter of `today` and the one before."""
    days_before = timedelta(days=settings.CHITIEU_REMINDER_DAYS_BEFORE)
    quarters = [quarter_of(today), previous_quarter(*quarter_of(today))]
    departments = list(Department.objects.filter(indicators__isnull=False).distinct())
    sent = {"before_deadline": 0, "overdue": 0}
    for year, quarter in quarters:
        existing = {
            s.department_id: s for s in QuarterSubmission.objects.filter(year=year, quarter=quarter)
        }
        for department in departments:
            submission = existing.get(department.pk) or default_submission(
                department, year, quarter
            )
            if submission.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED):
                continue
            if submission.deadline < today:
                kind = NoticeKind.OVERDUE
            elif submission.deadline - days_before <= today:
                kind = NoticeKind.BEFORE_DEADLINE
            else:
                continue
            if submission.pk is None:
                submission, _created = QuarterSubmission.objects.get_or_create(
                    department=department,
                    year=year,
                    quarter=quarter,
                    defaults={"deadline": submission.deadline},
                )
            if submission_notice_send(
                submission_id=submission.pk, kind=kind, key=submission.deadline.isoformat()
            ):
                sent[kind] += 1
    return sent
