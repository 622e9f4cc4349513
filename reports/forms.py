"""Input of the council pages: which year, against which plan, which indicators, which file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import PlanSource
from reports.models import ExportFormat, ExportKind
from reports.snapshot import PLACE, TitleBlock

SCOPES = [("main", _("Chỉ tiêu chủ yếu")), ("all", _("Tất cả chỉ tiêu"))]


class CouncilTableForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int)
    baseline = forms.ChoiceField(
        label=_("So với kế hoạch"), choices=PlanSource.choices, initial=PlanSource.COUNCIL
    )
    scope = forms.ChoiceField(label=_("Chỉ tiêu"), choices=SCOPES, initial="main")

    def __init__(
        self,
        data: Mapping[str, object] | None = None,
        *,
        years: list[int],
        **kwargs: Any,  # the rest of Django's Form arguments
    ) -> None:
        # A page opened without parameters shows the latest year, the council's plan, the
        # main indicators: the defaults are filled in so the form is always bound.
        defaults = {"year": years[0], "baseline": PlanSource.COUNCIL, "scope": "main"}
        merged = {**defaults, **{k: v for k, v in (data or {}).items() if v != ""}}
        super().__init__(merged, **kwargs)
        cast(forms.TypedChoiceField, self.fields["year"]).choices = [(y, y) for y in years]

    @property
    def all_indicators(self) -> bool:
        scope: str = self.cleaned_data["scope"]
        return scope == "all"


class ExportRequestForm(CouncilTableForm):
    kind = forms.ChoiceField(choices=ExportKind.choices, initial=ExportKind.TABLE)
    format = forms.ChoiceField(choices=ExportFormat.choices)
    # The title block: "Kèm theo Báo cáo số … ngày … của UBND …" and the place and date line.
    # Left empty, the files leave number, day and month blank in the table's year.
    report_number = forms.CharField(
        label=_("Số báo cáo"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "5268/BC-UBND"}),
    )
    report_date = forms.DateField(
        label=_("Ngày báo cáo"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.TextInput(attrs={"placeholder": "28/11/2024"}),
    )
    place = forms.CharField(label=_("Địa danh"), max_length=60, required=False, initial=PLACE)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("kind") == ExportKind.SENTENCES and cleaned.get("format") != "docx":
            raise forms.ValidationError(_("Đoạn văn kết quả chỉ tải được dưới dạng Word."))
        day, year = cleaned.get("report_date"), cleaned.get("year")
        if day and year and day.year < year:
            self.add_error(
                "report_date",
                _("Báo cáo kết quả năm %(year)s không thể có ngày trước năm %(year)s.")
                % {"year": year},
            )
        return cleaned

    @property
    def title_block(self) -> TitleBlock:
        cleaned = self.cleaned_data
        return TitleBlock(
            report_number=cleaned.get("report_number", "").strip(),
            report_date=cleaned.get("report_date"),
            place=cleaned.get("place", "").strip() or PLACE,
        )
