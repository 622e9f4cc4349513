"""Filters of the list of past exports."""

from __future__ import annotations

from collections.abc import Mapping

import django_filters
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from indicators.models import PlanSource
from reports.models import Export, ExportFormat, ExportKind, ExportStatus

ALL = _("Tất cả")


class ExportFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Năm"))
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=ExportKind.choices, empty_label=ALL)
    format = django_filters.ChoiceFilter(
        label=_("Định dạng"), choices=ExportFormat.choices, empty_label=ALL
    )
    baseline = django_filters.ChoiceFilter(
        label=_("So với kế hoạch"), choices=PlanSource.choices, empty_label=ALL
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=ExportStatus.choices, empty_label=ALL
    )

    class Meta:
        model = Export
        fields = ["year", "kind", "format", "baseline", "status"]

    def __init__(
        self,
        data: Mapping[str, object] | None = None,
        queryset: QuerySet[Export] | None = None,
        *,
        request: HttpRequest | None = None,
        prefix: str | None = None,
    ) -> None:
        super().__init__(data, queryset, request=request, prefix=prefix)
        for field in self.form.fields.values():
            css = "form-select" if hasattr(field, "choices") else "form-control"
            field.widget.attrs.setdefault("class", f"{css} form-select-sm form-control-sm")
