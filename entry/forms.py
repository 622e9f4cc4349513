"""Forms of the quarterly entry and the review: Vietnamese number input, one form per
department × quarter, and the reviewer's comment and deadline forms."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entry.models import EntryMode
from entry.selectors import YTD_DERIVATION_PREFIX, EntryRow, QuarterEntry, form_report_number
from entry.services import EntryConflict, RowInput, SendBack
from indicators import computations as calc
from indicators import validation_rules as rules
from indicators.display import exact_number
from indicators.forms import VietnameseNumberField
from indicators.models import Aggregation, Indicator, ValueKind
from indicators.numbers import RATE_PARTS, NumberFormatError, check_range, written_for_input
from indicators.quarters import ROMAN, year_to_date_label
from indicators.units import figure_rules

__all__ = [
    "DeadlineForm",
    "QuarterEntryForm",
    "SendBackForm",
    "VietnameseNumberField",
    "auto_report_number",
    "data_after_conflict",
]


MODE_QUARTER = EntryMode.QUARTER.value
MODE_YTD = EntryMode.YEAR_TO_DATE.value


@dataclass
class _Typed:
    """A figure being cleaned: what will be stored, and the arithmetic when it was computed."""

    value: Decimal | None
    is_derived: bool = False
    derivation: str = ""

    def derived(self, value: Decimal, derivation: str) -> None:
        self.value, self.is_derived, self.derivation = value, True, derivation


@dataclass
class FormRow:
    """What the template shows for one indicator: context, fields, findings."""

    entry: EntryRow
    value: forms.BoundField
    kind: forms.BoundField
    note: forms.BoundField
    report: forms.BoundField
    token: forms.BoundField
    mode: forms.BoundField | None = None
    numerator: forms.BoundField | None = None
    denominator: forms.BoundField | None = None
    findings: list[rules.Finding] = field(default_factory=list)

    @property
    def indicator(self) -> Indicator:
        return self.entry.indicator

    @property
    def has_errors(self) -> bool:
        return any(
            f is not None and f.errors
            for f in (
                self.value,
                self.kind,
                self.note,
                self.report,
                self.mode,
                self.numerator,
                self.denominator,
            )
        )

    @property
    def warnings(self) -> list[rules.Finding]:
        return [f for f in self.findings if f.severity == rules.WARNING]


def auto_report_number(entry: QuarterEntry) -> str:
    """The document recorded when a department names none: its own entry for the quarter."""
    return form_report_number(entry.department, entry.year, entry.quarter)


class QuarterEntryForm(forms.Form):
    """A department's figures for one quarter: one row of fields per indicator it owns.

    Drafting saves whatever is valid as a whole (a malformed number, a rate above 100 or a
    negative count stop the save: nothing is half-saved). Submitting also needs every figure,
    no component above its total, and an explanation for every large change.
    """

    report_number = forms.CharField(
        label=gettext_lazy("Văn bản báo cáo của phòng (số hiệu)"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("Ví dụ 15/BC-PKT. Để trống nếu chưa có văn bản."),
    )
    report_date = forms.DateField(
        label=gettext_lazy("Ngày văn bản"),
        required=False,
        widget=forms.DateInput(
            attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"
        ),
    )

    def __init__(
        self,
        data: Mapping[str, object] | None = None,
        *,
        entry: QuarterEntry,
        submitting: bool = False,
        **kwargs: Any,  # the rest of Django's Form arguments
    ) -> None:
        self.entry = entry
        self.submitting = submitting
        self.threshold = Decimal(settings.CHITIEU_CHANGE_NEEDS_EXPLANATION)
        report = entry.submission.report
        initial = {
            "report_number": report.number if report else "",
            "report_date": report.date if report else None,
        }
        super().__init__(data, initial=initial, **kwargs)
        self.rows_cleaned: list[RowInput] = []
        self.findings: dict[int, list[rules.Finding]] = {}
        # Which units take decimals: one query for the form's indicators.
        prefetch_related_objects([row.indicator for row in entry.rows], "unit_ref")
        for row in entry.rows:
            self._add_row_fields(row)
        if not self.is_bound:
            self.findings = self._stored_findings()

    # --- building ------------------------------------------------------------------------

    def _add_row_fields(self, row: EntryRow) -> None:
        pk = row.indicator.pk
        current = row.current
        value_initial = current.value if current else None
        mode_initial = MODE_QUARTER
        if row.entered_as_ytd and row.ytd is not None:
            mode_initial, value_initial = MODE_YTD, row.ytd
        self.fields[f"value_{pk}"] = VietnameseNumberField(
            label=row.indicator.name,
            required=False,
            initial=value_initial,
            rules=figure_rules(row.indicator),
        )
        if row.is_flow:
            self.fields[f"mode_{pk}"] = forms.ChoiceField(
                label=_("Số nhập là"),
                choices=[
                    (MODE_QUARTER, _("số của quý %(roman)s") % {"roman": ROMAN[row.quarter]}),
                    (
                        MODE_YTD,
                        _("lũy kế %(period)s") % {"period": year_to_date_label(row.quarter)},
                    ),
                ],
                initial=mode_initial,
                required=False,
            )
        if row.indicator.aggregation == Aggregation.RATIO:
            self.fields[f"num_{pk}"] = VietnameseNumberField(
                label=_("Tử số"),
                required=False,
                initial=current.numerator if current else None,
                rules=RATE_PARTS,
            )
            self.fields[f"den_{pk}"] = VietnameseNumberField(
                label=_("Mẫu số"),
                required=False,
                initial=current.denominator if current else None,
                rules=RATE_PARTS,
            )
        self.fields[f"kind_{pk}"] = forms.ChoiceField(
            label=_("Loại số liệu"),
            choices=[(ValueKind.ESTIMATE, _("Ước")), (ValueKind.ACTUAL, _("Chính thức"))],
            initial=current.kind if current else ValueKind.ESTIMATE,
        )
        self.fields[f"note_{pk}"] = forms.CharField(
            label=_("Ghi chú, giải trình"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 1}),
            initial=current.note if current else "",
        )
        auto = auto_report_number(self.entry)
        own_report = ""
        if current and current.report.number not in (auto, self._initial_report_number()):
            own_report = current.report.number
        self.fields[f"report_{pk}"] = forms.CharField(
            label=_("Văn bản khác (nếu có)"), required=False, max_length=120, initial=own_report
        )
        self.fields[f"token_{pk}"] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=row.token
        )

    def _initial_report_number(self) -> str:
        report = self.entry.submission.report
        return report.number if report else ""

    def rows(self) -> list[FormRow]:
        result = []
        for row in self.entry.rows:
            pk = row.indicator.pk

            def bound(name: str, pk: int = pk) -> forms.BoundField | None:
                key = f"{name}_{pk}"
                return self[key] if key in self.fields else None

            result.append(
                FormRow(
                    entry=row,
                    value=self[f"value_{pk}"],
                    kind=self[f"kind_{pk}"],
                    note=self[f"note_{pk}"],
                    report=self[f"report_{pk}"],
                    token=self[f"token_{pk}"],
                    mode=bound("mode"),
                    numerator=bound("num"),
                    denominator=bound("den"),
                    findings=self.findings.get(pk, []),
                )
            )
        return result

    # --- cleaning ------------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        form_report = (cleaned.get("report_number") or "").strip()
        default_report = form_report or auto_report_number(self.entry)
        values: dict[int, Decimal] = {}
        inputs: dict[int, RowInput] = {}
        for row in self.entry.rows:
            row_input = self._clean_row(row, cleaned, default_report)
            if row_input is not None:
                inputs[row.indicator.pk] = row_input
                if row_input.value is not None:
                    values[row.indicator.pk] = row_input.value

        missing = []
        for row in self.entry.rows:
            pk = row.indicator.pk
            row_input = inputs.get(pk)
            if row_input is None:
                continue  # its fields already carry an error
            findings = self._findings(row, row_input.value, values)
            self.findings[pk] = findings
            for finding in findings:
                blocks = finding.severity == rules.ERROR or (
                    self.submitting and finding.blocks_submit
                )
                if blocks:
                    self.add_error(f"value_{pk}", finding.message)
            needs_note = any(f.needs_explanation for f in findings)
            if self.submitting and needs_note and not row_input.note.strip():
                self.add_error(
                    f"note_{pk}",
                    _("Cần giải trình vì số liệu thay đổi lớn trước khi gửi duyệt."),
                )
            if self.submitting and row_input.value is None:
                missing.append(row)
                self.add_error(f"value_{pk}", _("Chưa nhập số liệu."))
        if missing:
            raise ValidationError(
                _("Còn %(n)s chỉ tiêu chưa nhập số liệu: chưa thể gửi duyệt.") % {"n": len(missing)}
            )
        # Rows whose fields carry an error are missing here; the form is then invalid anyway.
        self.rows_cleaned = [
            inputs[r.indicator.pk] for r in self.entry.rows if r.indicator.pk in inputs
        ]
        return cleaned

    def _clean_row(
        self, row: EntryRow, cleaned: dict[str, Any], default_report: str
    ) -> RowInput | None:
        """One indicator's typed figure as it will be stored, or None after adding the error
        to its field: the rate from its parts, the quarter's own figure from a year-to-date
        one, the document it cites."""
        pk = row.indicator.pk
        names = [f"value_{pk}", f"num_{pk}", f"den_{pk}", f"kind_{pk}", f"mode_{pk}"]
        if any(name in self.errors for name in names):
            return None
        numerator = cleaned.get(f"num_{pk}")
        denominator = cleaned.get(f"den_{pk}")
        typed = _Typed(value=cleaned.get(f"value_{pk}"))
        if not self._apply_ratio(row, typed, numerator, denominator):
            return None
        mode = cleaned.get(f"mode_{pk}") or MODE_QUARTER
        entered_as = EntryMode.QUARTER
        if typed.value is not None and mode == MODE_YTD and row.is_flow and row.quarter > 1:
            if not self._apply_year_to_date(row, typed):
                return None
            entered_as = EntryMode.YEAR_TO_DATE
        kind = cleaned.get(f"kind_{pk}") or ValueKind.ESTIMATE
        report_number = (cleaned.get(f"report_{pk}") or "").strip() or default_report
        if typed.value is not None and self._cites_a_taken_report(row, kind, report_number):
            return None
        return RowInput(
            indicator=row.indicator,
            value=typed.value,
            kind=kind,
            note=(cleaned.get(f"note_{pk}") or "").strip(),
            report_number=report_number,
            token=cleaned.get(f"token_{pk}") or "",
            numerator=numerator,
            denominator=denominator,
            is_derived=typed.is_derived,
            derivation=typed.derivation,
            entered_as=entered_as,
        )

    def _apply_ratio(
        self,
        row: EntryRow,
        typed: _Typed,
        numerator: Decimal | None,
        denominator: Decimal | None,
    ) -> bool:
        """Both parts or neither; with both, the rate is computed (or checked when typed)."""
        pk = row.indicator.pk
        if (numerator is None) != (denominator is None):
            missing_name = f"den_{pk}" if denominator is None else f"num_{pk}"
            self.add_error(missing_name, _("Cần nhập cả tử số và mẫu số."))
            return False
        if numerator is None or denominator is None:
            return True
        computed = calc.rate_from_parts(numerator, denominator, row.indicator.unit)
        if computed is None:
            self.add_error(f"den_{pk}", _("Mẫu số phải lớn hơn 0."))
            return False
        if typed.value is None:
            try:
                check_range(computed, figure_rules(row.indicator))
            except NumberFormatError as exc:
                self.add_error(f"value_{pk}", exc.message)
                return False
            scale = calc.rate_scale(row.indicator.unit)
            typed.derived(
                computed,
                f"{exact_number(numerator)} / {exact_number(denominator)} × {exact_number(scale)} "
                f"= {exact_number(computed)}",
            )
        elif not calc.matches_at_precision(computed, typed.value, row.indicator.decimals):
            self.add_error(
                f"value_{pk}",
                _("Không khớp với tử số / mẫu số (tính ra %(computed)s).")
                % {"computed": exact_number(computed)},
            )
            return False
        return True

    def _apply_year_to_date(self, row: EntryRow, typed: _Typed) -> bool:
        """The quarter's own figure from the year-to-date one typed, with its arithmetic."""
        pk = row.indicator.pk
        before = row.ytd_before
        if before is None:
            missing = ", ".join(ROMAN[q] for q in row.missing_prior_quarters)
            self.add_error(
                f"value_{pk}",
                _(
                    "Chưa có số của quý %(quarters)s nên không tính được số riêng quý này "
                    "từ lũy kế; hãy nhập số của riêng quý."
                )
                % {"quarters": missing},
            )
            return False
        assert typed.value is not None
        ytd = typed.value
        own = calc.quarter_from_year_to_date(ytd, before)
        if own < 0:
            self.add_error(
                f"value_{pk}",
                _("Lũy kế %(now)s nhỏ hơn lũy kế kỳ trước (%(before)s).")
                % {"now": exact_number(ytd), "before": exact_number(before)},
            )
            return False
        typed.derived(
            own,
            f"{YTD_DERIVATION_PREFIX} {year_to_date_label(row.quarter)} {exact_number(ytd)} "
            f"− lũy kế {year_to_date_label(row.quarter - 1)} {exact_number(before)} "
            f"= {exact_number(own)}",
        )
        return True

    def _cites_a_taken_report(self, row: EntryRow, kind: str, report_number: str) -> bool:
        """A figure of the same kind from the same document is already stored for the quarter
        (read from a report): the database keeps one; say so on the document field."""
        for other in row.others:
            if other.kind == kind and other.report.number == report_number:
                self.add_error(
                    f"report_{row.indicator.pk}",
                    _("Kỳ này đã có số liệu cùng loại từ văn bản %(report)s; hãy ghi văn bản khác.")
                    % {"report": report_number},
                )
                return True
        return False

    # --- checks --------------------------------------------------------------------------

    def _findings(
        self, row: EntryRow, value: Decimal | None, values: dict[int, Decimal]
    ) -> list[rules.Finding]:
        """The validation rules for one figure; the total is taken from this form when the
        total is one of the department's own indicators, else from what is stored."""
        if value is None:
            return []
        indicator = row.indicator
        findings = []
        in_range = rules.check_range(value, indicator.unit)
        if in_range is not None:
            findings.append(in_range)
        if indicator.parent_id:
            total = values.get(indicator.parent_id)
            if total is None and row.total is not None:
                total = row.total.value
            assert indicator.parent is not None
            component = rules.check_component(
                value,
                total,
                unit=indicator.unit,
                total_unit=indicator.parent.unit,
                total_name=indicator.parent.name,
            )
            if component is not None:
                findings.append(component)
        findings += rules.check_change(
            value,
            previous_quarter=row.previous_quarter.value if row.previous_quarter else None,
            same_quarter_last_year=(
                row.same_quarter_last_year.value if row.same_quarter_last_year else None
            ),
            threshold=self.threshold,
        )
        return findings

    def _stored_findings(self) -> dict[int, list[rules.Finding]]:
        values = {row.indicator.pk: row.current.value for row in self.entry.rows if row.current}
        return {
            row.indicator.pk: self._findings(row, row.current.value, values)
            for row in self.entry.rows
            if row.current is not None
        }

    def needs_explanation(self) -> list[EntryRow]:
        """Figures with a large change and no explanation yet (they block submitting)."""
        result = []
        for row in self.entry.rows:
            findings = self.findings.get(row.indicator.pk, [])
            needs_note = any(f.needs_explanation for f in findings)
            if row.current and needs_note and not row.current.note.strip():
                result.append(row)
        return result


class SendBackForm(forms.Form):
    """The reviewer's reason for returning or reopening a quarter (entry.services.SendBack)."""

    comment = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(
        self,
        data: Mapping[str, object] | None = None,
        *,
        how: SendBack,
        **kwargs: Any,  # the rest of Django's Form arguments
    ) -> None:
        super().__init__(data, **kwargs)
        field = self.fields["comment"]
        field.label = how.label
        field.error_messages["required"] = how.empty_message


class DeadlineForm(forms.Form):
    deadline = forms.DateField(
        label=gettext_lazy("Hạn nộp"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Ngày không hợp lệ.")},
    )

    def clean_deadline(self) -> date:
        deadline: date = self.cleaned_data["deadline"]
        if not 1990 <= deadline.year <= 2100:
            raise ValidationError(_("Ngày không hợp lệ."))
        return deadline


def data_after_conflict(
    data: QueryDict, *, entry: QuarterEntry, conflict: EntryConflict
) -> QueryDict:
    """The posted form re-based on what is stored now, after a save refused for conflicts.

    A conflicting figure keeps what this person typed, with the stored figure's fingerprint:
    saving again then knowingly replaces the other person's figure. A figure this person did not
    touch shows what the other person stored.
    """
    data = data.copy()
    conflicted = {c.indicator.pk for c in conflict.conflicts}
    others = {i.pk for i in conflict.others_changed}
    default_report = (data.get("report_number") or "").strip() or auto_report_number(entry)
    for row in entry.rows:
        pk = row.indicator.pk
        if pk in conflicted:
            data[f"token_{pk}"] = row.token
        elif pk in others:
            current = row.current
            rules = figure_rules(row.indicator)
            data[f"value_{pk}"] = written_for_input(current.value, rules) if current else ""
            data[f"mode_{pk}"] = MODE_QUARTER
            data[f"kind_{pk}"] = current.kind if current else ValueKind.ESTIMATE
            data[f"note_{pk}"] = current.note if current else ""
            own = current.report.number if current else ""
            data[f"report_{pk}"] = "" if own == default_report else own
            for name, number in (
                ("num", current.numerator if current else None),
                ("den", current.denominator if current else None),
            ):
                written = written_for_input(number, RATE_PARTS) if number is not None else ""
                data[f"{name}_{pk}"] = written
            data[f"token_{pk}"] = row.token
    return data
