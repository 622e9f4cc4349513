from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from indicators import services
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
class SourceReportAdmin(admin.ModelAdmin[SourceReport]):
    list_display = ["number", "date", "issuer", "title"]
    search_fields = ["number", "title", "issuer"]
    date_hierarchy = "date"


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin[Sector]):
    list_display = ["code", "name", "name_en", "parent", "order"]
    list_filter = ["parent"]
    search_fields = ["code", "name", "name_en"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
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
class IndicatorAdmin(admin.ModelAdmin[Indicator]):
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
        # it is reopened through the review board, which leaves a record. The stored row
        # decides, not `obj`: the history's revert passes an old version, with its old flags.
        return (
            obj is not None
            and obj.pk is not None
            and not services.figure_write_allowed(pk=obj.pk, cell=None)
        )

    def has_change_permission(self, request: HttpRequest, obj: Value | None = None) -> bool:
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Value | None = None) -> bool:
        return not self._locked(obj) and super().has_delete_permission(request, obj)

    def get_form(
        self, request: HttpRequest, obj: Value | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Value]]:
        # Adding, changing and reverting all validate this form: the lock rule is checked
        # there, so that a refusal is an error on the page, not a server error at save time.
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (_LockRuleMixin, form), {})

    def save_model(self, request: HttpRequest, obj: Value, form: Any, change: bool) -> None:
        services.value_save(value=obj, user=request.user)  # type: ignore[arg-type]

    def delete_model(self, request: HttpRequest, obj: Value) -> None:
        services.figures_delete(figures=Value.objects.filter(pk=obj.pk), user=request.user)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Value]) -> None:
        services.figures_delete(figures=queryset, user=request.user)  # type: ignore[arg-type]


class _LockRuleMixin(forms.ModelForm):  # type: ignore[type-arg]
    """The admin's form of a value, refusing a figure the quarter lock forbids."""

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        indicator, year = cleaned.get("indicator"), cleaned.get("year")
        if indicator is not None and year is not None:
            services.figure_write_guard(
                pk=self.instance.pk, cell=(indicator.pk, year, cleaned.get("quarter"))
            )
        return cleaned


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin[Statement]):
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
