"""Pages departments use to enter quarterly figures, and the planning office to review them.

Every view loads the department, asks accounts.permissions (403 otherwise), validates with a
form and calls one selector or service. The services check the permission again under a lock.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions as perms
from accounts.http import SignedInRequest
from entry import selectors, services
from entry.forms import DeadlineForm, QuarterEntryForm, SendBackForm, data_after_conflict
from entry.models import SubmissionStatus
from entry.services import REOPEN, RETURN, SendBack
from indicators.models import Department, Indicator
from indicators.quarters import is_valid, next_quarter, previous_quarter, quarter_label, quarter_of


def _department(code: str, year: int, quarter: int) -> Department:
    if not is_valid(year, quarter):
        raise Http404
    return get_object_or_404(Department, code=code)


def _back_to_form(department: Department, year: int, quarter: int) -> HttpResponse:
    return redirect("entry:entry_form", department=department.code, year=year, quarter=quarter)


def entry_index(request: SignedInRequest) -> HttpResponse:
    """A department's quarters of a year; the review board for everyone who reads all."""
    actor = request.actor
    year, quarter = quarter_of(timezone.localdate())
    if actor.reads_everything:
        return redirect("entry:review_board", year=year, quarter=quarter)
    perms.require(actor.is_department_user)
    try:
        shown_year = int(request.GET.get("year", year))
    except ValueError as exc:
        raise Http404 from exc
    if not is_valid(shown_year, 1):
        raise Http404
    department = get_object_or_404(Department, pk=actor.department_id)
    context = {
        "department": department,
        "year": shown_year,
        "current": (year, quarter),
        "rows": selectors.department_quarters(department, shown_year),
    }
    return render(request, "entry/index.html", context)


@require_http_methods(["GET", "POST"])
def entry_form(request: SignedInRequest, department: str, year: int, quarter: int) -> HttpResponse:
    """A department's figures for a quarter: the form to fill in, or to read and review."""
    dept = _department(department, year, quarter)
    actor = request.actor
    perms.require(perms.can_view_department(actor, dept.pk))
    entry = selectors.quarter_entry(dept, year, quarter)
    if request.method != "POST":
        return _render_entry(request, entry, QuarterEntryForm(entry=entry))

    submitting = request.POST.get("action") == "submit"
    if submitting:
        perms.require(perms.can_submit(actor, dept.pk, entry.status))
    perms.require(perms.can_edit_figures(actor, dept.pk, entry.status))
    form = QuarterEntryForm(request.POST, entry=entry, submitting=submitting)
    if not form.is_valid():
        return _render_entry(request, entry, form)
    try:
        result = services.quarter_entry_save(
            actor=actor,
            user=request.user,
            department=dept,
            year=year,
            quarter=quarter,
            rows=form.rows_cleaned,
            report_number=(form.cleaned_data.get("report_number") or "").strip(),
            report_date=form.cleaned_data.get("report_date"),
            submit=submitting,
        )
    except services.EntryConflict as conflict:
        fresh = selectors.quarter_entry(dept, year, quarter)
        data = data_after_conflict(request.POST, entry=fresh, conflict=conflict)
        form = QuarterEntryForm(data, entry=fresh)
        changes = selectors.latest_changes([c.theirs for c in conflict.conflicts if c.theirs])
        for c in conflict.conflicts:
            c.last_change = changes.get(c.theirs.pk) if c.theirs else None
        return _render_entry(
            request,
            fresh,
            form,
            status=409,
            conflicts=conflict.conflicts,
            others_changed=conflict.others_changed,
        )
    if submitting:
        messages.success(request, _("Đã gửi số liệu để thẩm định."))
    else:
        messages.success(request, _("Đã lưu nháp."))
    if result.kept_theirs:
        names = ", ".join(i.name for i in result.kept_theirs)
        messages.info(
            request,
            _("Trong lúc bạn nhập, người khác đã sửa các số sau; số của họ được giữ: %(names)s.")
            % {"names": names},
        )
    return _back_to_form(dept, year, quarter)


def _render_entry(
    request: SignedInRequest,
    entry: selectors.QuarterEntry,
    form: QuarterEntryForm,
    *,
    status: int = 200,
    return_form: SendBackForm | None = None,
    reopen_form: SendBackForm | None = None,
    **extra: object,
) -> HttpResponse:
    actor = request.actor
    department_id = entry.department.pk
    context = {
        "entry": entry,
        "form": form,
        "rows": form.rows(),
        "can_edit": perms.can_edit_figures(actor, department_id, entry.status),
        "can_submit": perms.can_submit(actor, department_id, entry.status),
        "can_review": perms.can_review(actor, entry.status),
        "can_reopen": perms.can_reopen(actor, entry.status),
        "can_view_board": perms.can_view_board(actor),
        "return_form": return_form or SendBackForm(how=RETURN),
        "reopen_form": reopen_form or SendBackForm(how=REOPEN),
        "status_history": selectors.submission_history(entry.submission),
        "needs_explanation": form.needs_explanation() if not form.is_bound else [],
        "previous": previous_quarter(entry.year, entry.quarter),
        "next": next_quarter(entry.year, entry.quarter),
        **extra,
    }
    return render(request, "entry/form.html", context, status=status)


@require_POST
def submission_approve(
    request: SignedInRequest, department: str, year: int, quarter: int
) -> HttpResponse:
    dept = _department(department, year, quarter)
    services.submission_approve(
        actor=request.actor, user=request.user, department=dept, year=year, quarter=quarter
    )
    messages.success(
        request,
        _("Đã duyệt số liệu %(period)s của %(department)s. Số liệu đã được khóa.")
        % {"period": quarter_label(year, quarter), "department": dept.name},
    )
    return redirect("entry:review_board", year=year, quarter=quarter)


def _send_back(
    request: SignedInRequest, department: str, year: int, quarter: int, how: SendBack
) -> HttpResponse:
    dept = _department(department, year, quarter)
    entry = selectors.quarter_entry(dept, year, quarter)
    perms.require(how.allowed(request.actor, entry.status))
    form = SendBackForm(request.POST, how=how)
    if not form.is_valid():
        return _render_entry(
            request,
            entry,
            QuarterEntryForm(entry=entry),
            return_form=form if how is RETURN else None,
            reopen_form=None if how is RETURN else form,
        )
    services.submission_send_back(
        actor=request.actor,
        user=request.user,
        department=dept,
        year=year,
        quarter=quarter,
        comment=form.cleaned_data["comment"],
        how=how,
    )
    messages.success(
        request,
        how.done_message % {"period": quarter_label(year, quarter), "department": dept.name},
    )
    if how is REOPEN:
        return _back_to_form(dept, year, quarter)
    return redirect("entry:review_board", year=year, quarter=quarter)


@require_POST
def submission_return(
    request: SignedInRequest, department: str, year: int, quarter: int
) -> HttpResponse:
    return _send_back(request, department, year, quarter, RETURN)


@require_POST
def submission_reopen(
    request: SignedInRequest, department: str, year: int, quarter: int
) -> HttpResponse:
    return _send_back(request, department, year, quarter, REOPEN)


@require_POST
def submission_deadline(
    request: SignedInRequest, department: str, year: int, quarter: int
) -> HttpResponse:
    dept = _department(department, year, quarter)
    actor = request.actor
    perms.require(perms.can_set_deadline(actor))
    form = DeadlineForm(request.POST)
    if form.is_valid():
        services.submission_deadline_set(
            actor=actor,
            user=request.user,
            department=dept,
            year=year,
            quarter=quarter,
            deadline=form.cleaned_data["deadline"],
        )
        messages.success(
            request, _("Đã đổi hạn nộp của %(department)s.") % {"department": dept.name}
        )
    else:
        errors = "; ".join(str(e) for e in form.errors.get("deadline", []))
        messages.error(request, _("Chưa đổi hạn nộp: %(errors)s") % {"errors": errors})
    return redirect("entry:review_board", year=year, quarter=quarter)


def indicator_history(request: SignedInRequest, code: str) -> HttpResponse:
    """Who changed an indicator's figures, targets and review status, when and why.

    The same partial is meant for the public indicator page (shown there to signed-in users).
    """
    indicator = get_object_or_404(Indicator.objects.select_related("department"), code=code)
    actor = request.actor
    perms.require(perms.can_view_history(actor, indicator.department_id))
    context = {"indicator": indicator, "history": selectors.indicator_history(indicator)}
    return render(request, "entry/history.html", context)


def review_index(request: SignedInRequest) -> HttpResponse:
    year, quarter = quarter_of(timezone.localdate())
    return redirect("entry:review_board", year=year, quarter=quarter)


def review_board(request: SignedInRequest, year: int, quarter: int) -> HttpResponse:
    """Departments × a quarter: status, deadline, progress; the reviewer moves deadlines."""
    if not is_valid(year, quarter):
        raise Http404
    actor = request.actor
    perms.require(perms.can_view_board(actor))
    rows = selectors.review_board(year, quarter)
    counts = {status: 0 for status in SubmissionStatus.values}
    for row in rows:
        counts[row.submission.status] += 1
    context = {
        "year": year,
        "quarter": quarter,
        "label": quarter_label(year, quarter),
        "rows": rows,
        "counts": [(s, label, counts[s]) for s, label in SubmissionStatus.choices],
        "n_overdue": sum(1 for row in rows if row.is_overdue),
        "can_set_deadline": perms.can_set_deadline(actor),
        "previous": previous_quarter(year, quarter),
        "next": next_quarter(year, quarter),
    }
    return render(request, "entry/board.html", context)
