"""django-tables2 tables of the reports app; each exports to CSV and Excel through the app's one
table exporter (indicators.table_files), respecting the page's filters."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from indicators import table_files
from reports.models import Export

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class ExportTable(tables.Table):
    created_at = tables.Column(verbose_name=_("Tạo lúc"))
    created_by = tables.Column(verbose_name=_("Người tạo"), default="–")
    kind = tables.Column(verbose_name=_("Loại"))
    year = tables.Column(verbose_name=_("Năm"))
    all_indicators = tables.Column(verbose_name=_("Phạm vi"))
    baseline = tables.Column(verbose_name=_("So với kế hoạch"))
    format = tables.Column(verbose_name=_("Định dạng"))
    status = tables.Column(verbose_name=_("Trạng thái"))
    filename = tables.Column(verbose_name=_("Tệp"), default="–", orderable=False)

    class Meta:
        model = Export
        fields = (
            "created_at",
            "created_by",
            "kind",
            "year",
            "all_indicators",
            "baseline",
            "format",
            "status",
            "filename",
        )
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("-created_at",)
        empty_text = _("Chưa có tệp nào được xuất.")

    def render_created_at(self, value: datetime) -> str:
        return date_format(localtime(value), "d/m/Y H:i")

    def value_created_at(self, value: datetime) -> str:
        return date_format(localtime(value), "d/m/Y H:i")

    def render_created_by(self, value: User) -> str:
        return value.get_full_name() or value.get_username()

    def value_created_by(self, value: User | None) -> str:
        return value.get_full_name() or value.get_username() if value else ""

    def render_all_indicators(self, value: bool) -> StrOrPromise:
        return _("Tất cả chỉ tiêu") if value else _("Chỉ tiêu chủ yếu")

    def value_all_indicators(self, value: bool) -> str:
        return str(self.render_all_indicators(value))

    def render_status(self, value: str, record: Export) -> SafeString:
        css = {"done": "success", "failed": "danger"}.get(record.status, "secondary")
        return format_html('<span class="badge text-bg-{}">{}</span>', css, value)

    def value_status(self, value: str, record: Export) -> str:
        return record.get_status_display()

    def value_filename(self, value: str) -> str:
        return value

    def render_filename(self, value: str, record: Export) -> SafeString:
        return format_html(
            '<a href="{}">{}</a>', reverse("reports:export_detail", args=[record.pk]), value
        )


def export_list_file(table: ExportTable) -> table_files.TableFile:
    """The list of exports as a file (indicators.table_files: BOM, named sheet)."""
    return table_files.from_table(table, sheet=str(_("Tệp đã xuất")))
