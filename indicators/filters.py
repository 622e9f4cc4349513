"""Filters for the pages leadership browses (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.display import STATUSES
from indicators.models import Department, Indicator, PlanSource
from indicators.querysets import IndicatorQuerySet

STATUS_CHOICES = [(status.value, words.label) for status, words in STATUSES.items()]
DEFAULT_YEAR = 2024


class YearBaselineForm(forms.Form):
    """Which year, and which plan completion is measured against."""

    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)
    baseline = forms.ChoiceField(label=_("So với"), choices=PlanSource.choices, required=False)

    def values(self) -> tuple[int, str]:
        if not self.is_valid():
            return DEFAULT_YEAR, PlanSource.COUNCIL
        return (
            self.cleaned_data.get("year") or DEFAULT_YEAR,
            self.cleaned_data.get("baseline") or PlanSource.COUNCIL,
        )


class IndicatorFilter(django_filters.FilterSet):
    """Department and main-only filter the indicators in SQL; the status is computed from
    the figures, so the view applies it to the computed rows (`wanted_status`)."""

    department = django_filters.ModelChoiceFilter(
        label=_("Phòng ban"),
        queryset=Department.objects.order_by("name"),
        empty_label=_("Mọi phòng ban"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Đánh giá"),
        choices=STATUS_CHOICES,
        empty_label=_("Mọi đánh giá"),
        method="_computed_later",
    )
    main_only = django_filters.BooleanFilter(
        label=_("Chỉ tiêu chủ yếu"), method="_main_only", widget=forms.CheckboxInput
    )

    class Meta:
        model = Indicator
        fields = ["department"]

    def _main_only(
        self, queryset: IndicatorQuerySet, name: str, value: bool | None
    ) -> IndicatorQuerySet:
        return queryset.main() if value else queryset

    def _computed_later(
        self, queryset: IndicatorQuerySet, name: str, value: str
    ) -> IndicatorQuerySet:
        return queryset

    def wanted_status(self) -> str:
        return (self.form.cleaned_data.get("status") or "") if self.is_valid() else ""
