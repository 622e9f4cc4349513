"""Form fields for numbers a person types, the Vietnamese way, wherever they are typed: the
quarterly entry form and every decimal field of the admin use the same field, the same parser
and the same messages (`indicators.numbers`)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from indicators.models import Indicator
from indicators.numbers import (
    ANY_FIGURE,
    RATE_PARTS,
    FigureRules,
    NumberFormatError,
    check_figure,
    read_figure,
    written_for_input,
)
from indicators.units import figure_rules


class VietnameseNumberField(forms.Field):
    """A number typed the Vietnamese way ("4.475", "128,5") in a text input; anything ambiguous
    or outside the figure's rules is refused with a message saying why, on this field.

    `rules` are the indicator's when the field is built for one (the entry form). None when
    the form learns the indicator from its own data and checks the figure then (`FigureForm`),
    or when the figure is in no indicator's unit (a stated percentage, a range's bound).
    `max_digits` and `decimal_places` are what a model's DecimalField passes (the admin).
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(
        self,
        *,
        rules: FigureRules | None = ANY_FIGURE,
        max_digits: int | None = None,
        decimal_places: int | None = None,
        **kwargs: Any,  # the rest of Django's Field arguments
    ) -> None:
        self.rules = rules
        super().__init__(**kwargs)

    def to_python(self, value: object) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            if self.rules is None:
                return read_figure(str(value))
            return check_figure(str(value), self.rules)
        except NumberFormatError as exc:
            raise ValidationError(exc.message, code=exc.code) from exc

    def prepare_value(self, value: object) -> object:
        if isinstance(value, Decimal):
            return written_for_input(value, self.rules or ANY_FIGURE)
        return value


class FigureForm(forms.ModelForm[Any]):
    """A model form whose figures are in an indicator's unit (a target's or a value's value) or
    are the parts of a rate: each figure changed in the form is checked against the rules of
    the indicator the form names, with the messages of the entry form."""

    indicator_figures: ClassVar[tuple[str, ...]] = ("value",)
    part_figures: ClassVar[tuple[str, ...]] = ()

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        indicator = cleaned.get("indicator")
        if not isinstance(indicator, Indicator):
            # An inline form's indicator is its parent; RelatedObjectDoesNotExist is an
            # AttributeError when the form names none.
            indicator = getattr(self.instance, "indicator", None)
        changed = set(self.changed_data)
        checks: Iterable[tuple[str, FigureRules | None]] = [
            *((n, figure_rules(indicator) if indicator else None) for n in self.indicator_figures),
            *((n, RATE_PARTS) for n in self.part_figures),
        ]
        for name, rules in checks:
            typed = self[name].data if name in self.fields else None
            if rules is None or name in self.errors or name not in changed or not typed:
                continue
            try:
                cleaned[name] = check_figure(str(typed), rules)
            except NumberFormatError as exc:
                self.add_error(name, ValidationError(exc.message, code=exc.code))
        return cleaned


# For ModelAdmin.formfield_overrides: every decimal field of a model is typed as text, read
# the Vietnamese way.
FIGURE_INPUT: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.DecimalField: {"form_class": VietnameseNumberField, "rules": None},
}
