"""Pages departments use to enter quarterly figures, and the planning office to review them.

Every view loads the department, asks indicators.permissions (403 otherwise), validates with a
form and calls one selector or service. The services check the permission again under a lock.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from indicators import entry_selectors as selectors
from indicators import entry_services as services
from indicators import permissions as perms
from indicators.forms import (
    DeadlineForm,
    QuarterEntryForm,
    ReopenForm,
    ReturnForm,
    data_after_conflict,
)
from indicators.models import Department, Indicator, SubmissionStatus
from indicators.quarters import is_valid, next_quarter, previous_quarter, quarter_label, quarter_of


def _actor(request: HttpRequest) -> perms.Actor:
    if not hasattr(request, "_chitieu_actor"):
        request._chitieu_actor = perms.actor_for(request.user)  # type: ignore[attr-defined]
    return request._chitieu_actor  # type: ignore[attr-defined]


def _department(code: str, year: int, quarter: int) -> Department:
    if not is_valid(year, quarter):
        raise Http404
    return get_object_or_404(Department, code=code)


def _back_to_form(department: Department, year: int, quarter: int) -> HttpResponse:
    return redirect("indicators:entry_form", department=department.code, year=year, quarter=quarter)


def entry_index(request: HttpRequest) -> HttpResponse:
    """A department's quarters of a year; the review board for everyone who reads all."""
    actor = _actor(request)
    year, quarter = quarter_of(timezone.localdate())
    if actor.reads_everything:
        return redirect("indicators:review_board", year=year, quarter=quarter)
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
    return render(request, "indicators/entry/index.html", context)


@require_http_methods(["GET", "POST"])
def entry_form(request: HttpRequest, department: str, year: int, quarter: int) -> HttpResponse:
    """A department's figures for a quarter: the form to fill in, or to read and review."""
    dept = _department(department, year, quarter)
    actor = _actor(request)
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
        context = {"conflicts": conflict.conflicts, "others_changed": conflict.others_changed}
        return _render_entry(request, fresh, form, status=409, **context)
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
    request: HttpRequest,
    entry: selectors.QuarterEntry,
    form: QuarterEntryForm,
    *,
    status: int = 200,
    return_form: ReturnForm | None = None,
    reopen_form: ReopenForm | None = None,
    **extra,
) -> HttpResponse:
    actor = _actor(request)
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
        "return_form": return_form or ReturnForm(),
        "reopen_form": reopen_form or ReopenForm(),
        "status_history": selectors.submission_history(entry.submission),
        "needs_explanation": form.needs_explanation() if not form.is_bound else [],
        "previous": previous_quarter(entry.year, entry.quarter),
        "next": next_quarter(entry.year, entry.quarter),
        **extra,
    }
    return render(request, "indicators/entry/form.html", context, status=status)


@require_POST
def submission_approve(request: HttpRequest, department: str, year: int, quarter: int):
    dept = _department(department, year, quarter)
    services.submission_approve(
        actor=_actor(request), user=request.user, department=dept, year=year, quarter=quarter
    )
    messages.success(
        request,
        _("Đã duyệt số liệu %(period)s của %(department)s. Số liệu đã được khóa.")
        % {"period": quarter_label(year, quarter), "department": dept.name},
    )
    return redirect("indicators:review_board", year=year, quarter=quarter)


@require_POST
def submission_return(request: HttpRequest, department: str, year: int, quarter: int):
    dept = _department(department, year, quarter)
    actor = _actor(request)
    entry = selectors.quarter_entry(dept, year, quarter)
    perms.require(perms.can_review(actor, entry.status))
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _render_entry(request, entry, QuarterEntryForm(entry=entry), return_form=form)
    services.submission_return(
        actor=actor,
        user=request.user,
        department=dept,
        year=year,
        quarter=quarter,
        comment=form.cleaned_data["comment"],
    )
    messages.success(
        request,
        _("Đã trả lại số liệu %(period)s cho %(department)s và gửi thư báo.")
        % {"period": quarter_label(year, quarter), "department": dept.name},
    )
    return redirect("indicators:review_board", year=year, quarter=quarter)


@require_POST
def submission_reopen(request: HttpRequest, department: str, year: int, quarter: int):
    dept = _department(department, year, quarter)
    actor = _actor(request)
    entry = selectors.quarter_entry(dept, year, quarter)
    perms.require(perms.can_reopen(actor, entry.status))
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _render_entry(request, entry, QuarterEntryForm(entry=entry), reopen_form=form)
    services.submission_reopen(
        actor=actor,
        user=request.user,
        department=dept,
        year=year,
        quarter=quarter,
        reason=form.cleaned_data["reason"],
    )
    messages.success(
        request,
        _("Đã mở lại số liệu %(period)s của %(department)s.")
        % {"period": quarter_label(year, quarter), "department": dept.name},
    )
    return _back_to_form(dept, year, quarter)


@require_POST
def submission_deadline(request: HttpRequest, department: str, year: int, quarter: int):
    dept = _department(department, year, quarter)
    actor = _actor(request)
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
    return redirect("indicators:review_board", year=year, quarter=quarter)


def indicator_history(request: HttpRequest, code: str) -> HttpResponse:
    """Who changed an indicator's figures, targets and review status, when and why.

    The same partial is meant for the public indicator page (shown there to signed-in users).
    """
    indicator = get_object_or_404(Indicator.objects.select_related("department"), code=code)
    actor = _actor(request)
    perms.require(
        actor.reads_everything
        or (
            indicator.department_id is not None
            and perms.can_view_department(actor, indicator.department_id)
        )
    )
    context = {"indicator": indicator, "history": selectors.indicator_history(indicator)}
    return render(request, "indicators/entry/history.html", context)


def review_index(request: HttpRequest) -> HttpResponse:
    year, quarter = quarter_of(timezone.localdate())
    return redirect("indicators:review_board", year=year, quarter=quarter)


def review_board(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    """Departments × a quarter: status, deadline, progress; the reviewer moves deadlines."""
    if not is_valid(year, quarter):
        raise Http404
    actor = _actor(request)
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
    return render(request, "indicators/entry/board.html", context)
