"""Input of the council pages: which year, against which plan, which indicators, which file."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import PlanSource
from reports.models import ExportFormat, ExportKind

SCOPES = [("main", _("Chỉ tiêu chủ yếu")), ("all", _("Tất cả chỉ tiêu"))]


class CouncilTableForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int)
    baseline = forms.ChoiceField(
        label=_("So với kế hoạch"), choices=PlanSource.choices, initial=PlanSource.COUNCIL
    )
    scope = forms.ChoiceField(label=_("Chỉ tiêu"), choices=SCOPES, initial="main")

    def __init__(self, data=None, *, years: list[int], **kwargs):
        # A page opened without parameters shows the latest year, the council's plan, the
        # main indicators: the defaults are filled in so the form is always bound.
        defaults = {"year": years[0], "baseline": PlanSource.COUNCIL, "scope": "main"}
        merged = {**defaults, **{k: v for k, v in (data or {}).items() if v != ""}}
        super().__init__(merged, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]

    @property
    def all_indicators(self) -> bool:
        return self.cleaned_data["scope"] == "all"


class ExportRequestForm(CouncilTableForm):
    kind = forms.ChoiceField(choices=ExportKind.choices, initial=ExportKind.TABLE)
    format = forms.ChoiceField(choices=ExportFormat.choices)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ExportKind.SENTENCES and cleaned.get("format") != "docx":
            raise forms.ValidationError(_("Đoạn văn kết quả chỉ tải được dưới dạng Word."))
        return cleaned
