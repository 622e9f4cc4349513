from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from indicators.display import exact_number
from indicators.models import (
    Department,
    Indicator,
    Sector,
    SourceReport,
    Statement,
    Target,
    Value,
)

admin.site.site_header = _("Chỉ tiêu KT-XH · TP Lai Châu — quản trị")
admin.site.site_title = _("Chỉ tiêu KT-XH")
admin.site.index_title = _("Quản trị dữ liệu")


@admin.display(description=_("giá trị"), ordering="value")
def exact_value(obj: Target | Value) -> str:
    """The stored number exactly, in Vietnamese form (no rounding, no trailing zeros)."""
    return exact_number(obj.value)


@admin.register(SourceReport)
class SourceReportAdmin(SimpleHistoryAdmin):
    list_display = ["number", "date", "issuer", "title"]
    search_fields = ["number", "title", "issuer"]
    date_hierarchy = "date"


@admin.register(Sector)
class SectorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "name_en", "parent", "order"]
    list_filter = ["parent"]
    search_fields = ["code", "name", "name_en"]


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "name_en"]
    search_fields = ["code", "name", "name_en"]


class TargetInline(admin.TabularInline[Target, Indicator]):
    model = Target
    extra = 0
    fields = ["year", "quarter", "source", "value", "report", "is_derived", "flag"]
    autocomplete_fields = ["report"]


class ValueInline(admin.TabularInline[Value, Indicator]):
    """Values are shown here, and edited on their own page, where the quarter lock applies."""

    model = Value
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Indicator | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Indicator | None = None) -> bool:
        return False

    fields = [
        "year",
        "quarter",
        "kind",
        "value",
        "numerator",
        "denominator",
        "report",
        "is_derived",
        "flag",
    ]
    autocomplete_fields = ["report"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = [
        "code",
        "name",
        "unit",
        "sector",
        "department",
        "direction",
        "aggregation",
        "is_main",
        "council_group",
    ]
    list_filter = [
        "is_main",
        "sector__parent",
        "sector",
        "department",
        "direction",
        "aggregation",
        "unit",
    ]
    search_fields = ["code", "name", "name_en"]
    list_select_related = ["sector", "department"]
    autocomplete_fields = ["parent"]
    inlines = [TargetInline, ValueInline]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "quarter", "source", exact_value, "report", "is_derived"]
    list_filter = ["year", "source", "is_derived", "report", "indicator__sector"]
    search_fields = ["indicator__code", "indicator__name", "quote", "flag"]
    list_select_related = ["indicator", "report"]
    autocomplete_fields = ["indicator", "report"]


@admin.register(Value)
class ValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "quarter", "kind", exact_value, "report", "is_derived"]
    list_filter = [
        "year",
        "quarter",
        "kind",
        "is_published",
        "is_locked",
        "is_derived",
        "report",
        "indicator__sector",
    ]
    # Set by the review (approve, return, reopen), which leaves a record; never by hand.
    readonly_fields = ["is_published", "is_locked"]
    search_fields = ["indicator__code", "indicator__name", "quote", "flag"]
    list_select_related = ["indicator", "report"]
    autocomplete_fields = ["indicator", "report"]

    def _locked(self, obj: Value | None) -> bool:
        # A quarter waiting for review or approved is locked for everyone, admin included:
        # it is reopened through the review board, which leaves a record.
        return obj is not None and obj.is_locked

    def has_change_permission(self, request: HttpRequest, obj: Value | None = None) -> bool:
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Value | None = None) -> bool:
        return not self._locked(obj) and super().has_delete_permission(request, obj)


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    list_display = [
        "indicator",
        "year",
        "metric",
        "baseline",
        "figure",
        "status_text",
        "report",
        "derives",
    ]
    list_filter = ["metric", "baseline", "derives", "report"]
    search_fields = ["indicator__code", "indicator__name", "quote", "flag"]
    list_select_related = ["indicator", "report"]
    autocomplete_fields = ["indicator", "report"]
