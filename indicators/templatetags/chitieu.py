"""Template filters for figures: thin wrappers over `indicators.display`, the one place numbers
are rounded and written (4.475; 128,5; 9,73‰ in Vietnamese, English separators when English
is active). Undefined is "–", never 0."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from indicators import display, quarters
from indicators.quarters import quarter_label

register = template.Library()


def _defined(value: Any) -> Decimal | None:
    # A template hands "" for an attribute of something missing: treat it as undefined.
    return None if value is None or value == "" else value


@register.filter
def num(value: Decimal | None, decimals: int = 0) -> str:
    """A number with the given decimals: {{ value|num:1 }}."""
    return display.number(_defined(value), int(decimals))


@register.filter
def figure(value: Decimal | None, decimals: int = 0) -> str:
    """A figure by the one display rule: significant decimals, capped by the indicator's
    ({{ row.plan|figure:row.decimals }}: 182; 17,5; 122,195)."""
    return display.figure(_defined(value), int(decimals))


@register.filter
def stored(value: Decimal | None) -> str:
    """A stored figure at its own precision, for the views that show what was typed and what
    a reviewer approves (12,5 not 13)."""
    return display.stored(_defined(value))


@register.filter
def pct(value: Decimal | None, decimals: int = 1) -> str:
    """A percentage with one decimal: 102,7%."""
    return display.percent(_defined(value), int(decimals))


@register.filter
def signed_pct(value: Decimal | None) -> str:
    """A change in %, with its sign: +8,0%, −2,3%."""
    return display.signed_percent(_defined(value))


@register.filter
def signed_points(value: Decimal | None, unit: str = "%") -> str:
    """A change of a rate in points: +0,13 điểm %."""
    return display.signed_points(_defined(value), unit)


@register.filter
def figure_points(value: Decimal | None, indicator: Any) -> str:
    """A difference of a rate's figures in points, at the figures' precision: +35 điểm %."""
    return display.signed_figure_points(_defined(value), indicator.decimals, indicator.unit)


@register.filter
def with_unit(shown: str, unit: str) -> str:
    """A written number with its unit: "4.475 tỷ đồng", but "60%" and "9,73‰"."""
    return display.with_unit(str(shown), unit)


@register.filter
def signed_change(value: Decimal | None, unit: str) -> str:
    """The change on last year as it is spoken of: in points for a rate, in % otherwise."""
    return display.signed_change(_defined(value), unit)


@register.filter
def measure(value: Decimal | None, indicator: Any) -> str:
    """A value with its unit by the display rule: 4.475 tỷ đồng, 17,5 tỷ đồng, 9,73‰, 60%."""
    return display.measure(_defined(value), indicator.decimals, indicator.unit)


@register.filter
def status_label(status: str) -> str:
    """A review status in the active language: Vượt kế hoạch, Exceeded."""
    return display.status_label(str(status))


@register.filter
def status_css(status: str) -> str:
    """The Bootstrap colour of a status badge: success, primary, danger, secondary."""
    return display.status_words(str(status)).css


@register.filter
def period_label(value: Any) -> str:
    """A value's period as reports write it: "2024", "Quý III/2025", "6 tháng đầu năm 2024"."""
    if value.quarter:
        return quarter_label(value.year, value.quarter)
    # Anything with a year and a quarter may come (a value, a stored row's stand-in).
    if getattr(value, "months", None) or getattr(value, "as_of", None):
        return quarters.period_label(value.period)
    return str(value.year)


@register.filter
def stated(statement: Any, indicator: Any) -> str:
    """A figure a report states, with what it measures: 102,7%, +2,3%, +0,13 điểm %, 8 ha."""
    figure = _defined(statement.figure)
    if figure is None:
        return display.UNDEFINED
    decimals = statement.figure_decimals
    if statement.metric == "completion":
        return display.percent(figure, decimals)
    if statement.metric == "yoy_pct":
        return display.signed_percent(figure)
    if statement.metric == "yoy_points":
        return display.signed_points(figure, indicator.unit)
    shown = display.number(figure, decimals)
    return shown if statement.metric == "status" else f"{shown} {indicator.unit}"
