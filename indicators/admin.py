from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.db.models import Count, Model, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from indicators import services
from indicators.display import exact_number
from indicators.forms import FIGURE_INPUT, FigureForm
from indicators.models import (
    CouncilGroup,
    Department,
    Indicator,
    Sector,
    SourceReport,
    Statement,
    Target,
    Unit,
    Value,
)
from indicators.selectors import fold
from indicators.units import unit_save

admin.site.site_header = _("Chỉ tiêu KT-XH · TP Lai Châu — quản trị")
admin.site.site_title = _("Chỉ tiêu KT-XH")
admin.site.index_title = _("Quản trị dữ liệu")


# Provenance after the figure, in small boxes; what is rarely filled (arithmetic of a derived
# figure, notes, flags) folded away until it is opened or holds an error.
SMALL_TEXT: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 2})},
}


def folded_matches(words: list[str], rows: QuerySet[Any, Any], fields: list[str]) -> list[Any]:
    """Primary keys of the rows whose fields, without case or diacritics, hold every word: the
    public search's rule ("thu ngan sach" finds "Thu ngân sách"), in Python on tables of a few
    thousand rows so that SQLite and PostgreSQL agree."""
    found = []
    for pk, *texts in rows.values_list("pk", *fields):
        haystack = fold(" ".join(t or "" for t in texts))
        if all(w in haystack for w in words):
            found.append(pk)
    return found


class FoldedSearchAdmin[M: Model](admin.ModelAdmin[M]):
    """Search (and autocomplete, which asks the same method) with or without diacritics.

    Django's own search runs as before; rows whose `folded_search_fields` hold the words
    without diacritics are added, and for figures and statements the rows of indicators whose
    code or names hold them (`folded_indicator`).
    """

    folded_search_fields: ClassVar[list[str]] = []
    folded_indicator: ClassVar[str | None] = None

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[M], search_term: str
    ) -> tuple[QuerySet[M], bool]:
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = fold(search_term).split()
        if not words:
            return found, may_have_duplicates
        matched = Q(pk__in=found.values("pk"))
        if self.folded_search_fields:
            matched |= Q(pk__in=folded_matches(words, queryset, self.folded_search_fields))
        if self.folded_indicator:
            indicators = folded_matches(words, Indicator.objects.all(), INDICATOR_SEARCH)
            matched |= Q(**{f"{self.folded_indicator}__in": indicators})
        return queryset.filter(matched), may_have_duplicates


INDICATOR_SEARCH = ["code", "name", "name_en"]


@admin.display(description=_("giá trị"), ordering="value")
def exact_value(obj: Target | Value) -> str:
    """The stored number exactly, in Vietnamese form (no rounding, no trailing zeros)."""
    return exact_number(obj.value)


@admin.register(SourceReport)
class SourceReportAdmin(FoldedSearchAdmin[SourceReport], SimpleHistoryAdmin):
    list_display = ["number", "date", "issuer", "title"]
    search_fields = ["number", "title", "issuer"]
    folded_search_fields = search_fields
    date_hierarchy = "date"


@admin.register(Sector)
class SectorAdmin(FoldedSearchAdmin[Sector], SimpleHistoryAdmin):
    list_display = ["code", "name", "name_en", "parent", "order"]
    list_filter = ["parent"]
    search_fields = ["code", "name", "name_en"]
    folded_search_fields = search_fields


@admin.register(Department)
class DepartmentAdmin(FoldedSearchAdmin[Department], SimpleHistoryAdmin):
    list_display = ["code", "name", "name_en"]
    search_fields = ["code", "name", "name_en"]
    folded_search_fields = search_fields


@admin.register(CouncilGroup)
class CouncilGroupAdmin(FoldedSearchAdmin[CouncilGroup], SimpleHistoryAdmin):
    list_display = ["number", "name", "name_en"]
    search_fields = ["name", "name_en"]
    folded_search_fields = search_fields


@admin.register(Unit)
class UnitAdmin(FoldedSearchAdmin[Unit], SimpleHistoryAdmin):
    list_display = ["name", "kind", "allows_decimals", "n_indicators"]
    list_filter = ["kind", "allows_decimals"]
    search_fields = ["name"]
    folded_search_fields = search_fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Unit]:
        return super().get_queryset(request).annotate(n_indicators=Count("indicators"))

    @admin.display(description=_("số chỉ tiêu"), ordering="n_indicators")
    def n_indicators(self, unit: Unit) -> int:
        return int(getattr(unit, "n_indicators", 0))

    def save_model(self, request: HttpRequest, obj: Unit, form: Any, change: bool) -> None:
        unit_save(obj)  # the indicators' unit text follows a new name


class TargetForm(FigureForm):
    """A target's value, checked against its indicator's unit, decimals and range."""


class ValueForm(FigureForm):
    """A value, and the parts of a rate, checked as the entry form checks them."""

    part_figures = ("numerator", "denominator")


class TargetInline(admin.TabularInline[Target, Indicator]):
    model = Target
    form = TargetForm
    formfield_overrides = FIGURE_INPUT
    extra = 0
    # The period's every column, so that the form checks the constraints that name them.
    fields = [
        "year",
        "quarter",
        "months",
        "as_of",
        "source",
        "value",
        "report",
        "is_derived",
        "flag",
    ]
    autocomplete_fields = ["report"]


class ValueInline(admin.TabularInline[Value, Indicator]):
    """Values are shown here, and edited on their own page, where the quarter lock applies."""

    model = Value
    formfield_overrides = FIGURE_INPUT
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
        "months",
        "as_of",
        "kind",
        "value",
        "numerator",
        "denominator",
        "report",
        "is_derived",
        "flag",
    ]
    autocomplete_fields = ["report"]


class IndicatorForm(forms.ModelForm[Indicator]):
    """The unit is chosen from the list; the indicator's unit text follows it (Indicator.clean)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "unit_ref" in self.fields:
            self.fields["unit_ref"].required = True


@admin.register(Indicator)
class IndicatorAdmin(FoldedSearchAdmin[Indicator], SimpleHistoryAdmin):
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
        "change_is_neutral",
        "aggregation",
        "unit_ref__kind",
        "unit_ref",
    ]
    search_fields = INDICATOR_SEARCH
    folded_search_fields = INDICATOR_SEARCH
    list_select_related = ["sector", "department"]
    autocomplete_fields = ["parent"]
    inlines = [TargetInline, ValueInline]
    form = IndicatorForm
    exclude = ["unit"]  # the text follows the unit chosen from the list
    formfield_overrides = FIGURE_INPUT


@admin.register(Target)
class TargetAdmin(FoldedSearchAdmin[Target], SimpleHistoryAdmin):
    list_display = ["indicator", "year", "quarter", "source", exact_value, "report", "is_derived"]
    list_filter = ["year", "source", "is_derived", "report", "indicator__sector"]
    search_fields = ["indicator__code", "indicator__name", "quote", "flag"]
    folded_indicator = "indicator"
    list_select_related = ["indicator", "report"]
    autocomplete_fields = ["indicator", "report"]
    form = TargetForm
    formfield_overrides = FIGURE_INPUT | SMALL_TEXT
    fieldsets = [
        # Every period column: the form checks only the constraints whose fields it has.
        (
            None,
            {"fields": ["indicator", ("year", "quarter", "months", "as_of"), "source", "value"]},
        ),
        (_("Nguồn số liệu"), {"fields": ["report", "quote"]}),
        (
            _("Số suy ra, ghi chú, cảnh báo"),
            {"classes": ["collapse"], "fields": ["is_derived", "derivation", "note", "flag"]},
        ),
    ]


@admin.register(Value)
class ValueAdmin(FoldedSearchAdmin[Value], SimpleHistoryAdmin):
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
    folded_indicator = "indicator"
    list_select_related = ["indicator", "report"]
    autocomplete_fields = ["indicator", "report"]
    form = ValueForm
    formfield_overrides = FIGURE_INPUT | SMALL_TEXT
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "indicator",
                    # Every period column: the form checks only the constraints whose fields
                    # it has.
                    ("year", "quarter", "months", "as_of"),
                    "kind",
                    "value",
                    ("numerator", "denominator"),
                ]
            },
        ),
        (_("Nguồn số liệu"), {"fields": ["report", "quote"]}),
        (
            _("Số suy ra, ghi chú, cảnh báo"),
            {"classes": ["collapse"], "fields": ["is_derived", "derivation", "note", "flag"]},
        ),
        (_("Công bố và khóa (do thẩm định đặt)"), {"fields": ["is_published", "is_locked"]}),
    ]

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
class StatementAdmin(FoldedSearchAdmin[Statement], SimpleHistoryAdmin):
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
    folded_indicator = "indicator"
    list_select_related = ["indicator", "report"]
    autocomplete_fields = ["indicator", "report"]
    formfield_overrides = FIGURE_INPUT
