"""Pages of the planning office: the council table, the generated sentences, exports.

Every page needs a login (the project's LoginRequiredMiddleware, and `login_required` here to
say so where it is read) and a role that uses council reports (accounts.permissions).
"""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_tables2 import RequestConfig

from accounts import permissions as perms
from accounts.decorators import actor_passes
from indicators import table_files
from reports import selectors, services
from reports.exports import FORMATS
from reports.exports.layout import actual_label, baseline_label
from reports.filters import ExportFilter
from reports.forms import CouncilTableForm, ExportRequestForm
from reports.models import Export, ExportFormat
from reports.sentences import council_sentences
from reports.tables import ExportTable, export_list_file

N_RECENT = 5
reports_only = actor_passes(perms.can_use_council_reports)


def _table_form(request: HttpRequest) -> CouncilTableForm:
    form = CouncilTableForm(request.GET, years=selectors.report_years())
    if not form.is_valid():
        raise Http404(_("Năm hoặc kế hoạch không hợp lệ."))
    return form


@login_required
@reports_only
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The council table of a year, as the files will show it, with the downloads."""
    form = _table_form(request)
    snapshot = selectors.council_snapshot(
        year=form.cleaned_data["year"],
        baseline=form.cleaned_data["baseline"],
        all_indicators=form.all_indicators,
    )
    context = {
        "form": form,
        "snapshot": snapshot,
        "actual_label": actual_label(snapshot),
        "baseline_label": baseline_label(snapshot.baseline),
        "counts": Counter(r.status for r in snapshot.indicators),
        "formats": ExportFormat.choices,
        "recent": selectors.export_list()[:N_RECENT],
    }
    return render(request, "reports/index.html", context)


@login_required
@reports_only
@require_GET
def sentences(request: HttpRequest) -> HttpResponse:
    """The report's paragraph on the main indicators, written from the data, to copy."""
    form = _table_form(request)
    snapshot = selectors.council_snapshot(
        year=form.cleaned_data["year"], baseline=form.cleaned_data["baseline"]
    )
    context = {
        "form": form,
        "text": council_sentences(snapshot),
        "baseline_label": baseline_label(snapshot.baseline),
    }
    return render(request, "reports/sentences.html", context)


@login_required
@reports_only
@require_POST
def export_create(request: HttpRequest) -> HttpResponse:
    """Ask for a file; the same request on the same data gives the file already made."""
    form = ExportRequestForm(request.POST, years=selectors.report_years())
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.values()))
        return redirect("reports:index")
    export, created = services.export_request(
        user=request.user,
        kind=form.cleaned_data["kind"],
        format=form.cleaned_data["format"],
        year=form.cleaned_data["year"],
        baseline=form.cleaned_data["baseline"],
        all_indicators=form.all_indicators,
        title_block=form.title_block,
    )
    if not created and export.is_done:
        messages.info(
            request,
            _(
                "Tệp này đã được tạo lúc %(time)s từ đúng những số liệu này: dùng lại tệp đó, "
                "không tạo lại."
            )
            % {"time": date_format(localtime(export.created_at), "H:i d/m/Y")},
        )
    return redirect("reports:export_detail", pk=export.pk)


@login_required
@reports_only
@require_GET
def export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One export: its parameters, who made it, where its build stands, the download."""
    export = get_object_or_404(selectors.export_list(), pk=pk)
    return render(request, "reports/export_detail.html", {"export": export})


@login_required
@reports_only
@require_GET
def export_status(request: HttpRequest, pk: int) -> JsonResponse:
    """Where a build stands, for the page to poll."""
    export = get_object_or_404(selectors.export_list(), pk=pk)
    return JsonResponse(
        {
            "status": export.status,
            "label": export.get_status_display(),
            "progress": export.progress_pct,
            "error": export.error,
            "can_retry": export.can_retry,
            "download_url": (
                reverse("reports:export_download", args=[export.pk]) if export.is_done else None
            ),
        }
    )


@login_required
@reports_only
@require_GET
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    """The stored file, as it was made: the same bytes whatever changed since."""
    export = get_object_or_404(selectors.export_list(), pk=pk)
    if not export.is_done:
        raise Http404(_("Tệp chưa tạo xong."))
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.filename,
        content_type=FORMATS[export.format].content_type,
    )


@login_required
@reports_only
@require_POST
def export_retry(request: HttpRequest, pk: int) -> HttpResponse:
    export = get_object_or_404(Export, pk=pk)
    services.export_retry(export=export)
    return redirect("reports:export_detail", pk=pk)


@login_required
@reports_only
@require_GET
def export_list(request: HttpRequest) -> HttpResponse:
    """Past exports with who made each; the filtered list itself downloads as CSV or Excel."""
    filterset = ExportFilter(request.GET, queryset=selectors.export_list(), request=request)
    table = ExportTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    export_format = request.GET.get("_export")
    if export_format and table_files.is_format(export_format):
        return table_files.response(
            export_list_file(table), export_format, f"danh-sach-tep-xuat.{export_format}"
        )
    return render(request, "reports/export_list.html", {"filter": filterset, "table": table})
