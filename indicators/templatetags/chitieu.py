"""Display of numbers, the only place they are rounded: Vietnamese by default (4.475; 128,5;
9,73‰), English separators when English is active. Undefined is "–", never 0."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import get_language, gettext

from indicators.computations import is_rate_unit, rate_symbol
from indicators.numbers import format_number
from indicators.quarters import quarter_label

register = template.Library()

STATUS_LABELS = {
    "exceeded": ("Vượt kế hoạch", "Exceeded", "success"),
    "achieved": ("Đạt kế hoạch", "Achieved", "primary"),
    "not_achieved": ("Không đạt", "Not achieved", "danger"),
    "no_plan": ("Chưa có kế hoạch", "No plan", "secondary"),
}


def _lang() -> str:
    return (get_language() or "vi")[:2]


def _undefined(value) -> bool:
    # A template hands "" for an attribute of something missing: treat it as undefined.
    return value is None or value == ""


@register.filter
def num(value: Decimal | None, decimals: int = 0) -> str:
    """A number with the given decimals: {{ value|num:1 }}."""
    if _undefined(value):
        return "–"
    return format_number(value, int(decimals), lang=_lang())


@register.filter
def pct(value: Decimal | None, decimals: int = 1) -> str:
    """A percentage with one decimal: 102,7%."""
    if _undefined(value):
        return "–"
    return f"{format_number(value, int(decimals), lang=_lang())}%"


@register.filter
def signed_pct(value: Decimal | None) -> str:
    """A change in %, with its sign: +8,0%, −2,3%."""
    if _undefined(value):
        return "–"
    shown = format_number(abs(value), 1, lang=_lang())
    sign = "+" if value > 0 else ("−" if value < 0 and shown.strip("0,.") else "")
    return f"{sign}{shown}%"


@register.filter
def signed_points(value: Decimal | None, unit: str = "%") -> str:
    """A change of a rate in points: +0,13 điểm %."""
    if _undefined(value):
        return "–"
    shown = format_number(abs(value), 2, lang=_lang())
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return points_text(f"{sign}{shown}", unit)


def points_text(number: str, unit: str) -> str:
    """A formatted number as percentage (or per mille) points of a rate."""
    symbol = rate_symbol(unit) or "%"
    # Word order differs: "+0,13 điểm %" against "+0.13 % points".
    return gettext("%(number)s điểm %(symbol)s") % {"number": number, "symbol": symbol}


@register.filter
def measure(value: Decimal | None, indicator) -> str:
    """A value with the indicator's decimals and unit: 4.475 tỷ đồng, 9,73‰, 60%."""
    if _undefined(value):
        return "–"
    shown = format_number(value, indicator.decimals, lang=_lang())
    if is_rate_unit(indicator.unit):
        return f"{shown}{indicator.unit.strip()}"
    return f"{shown} {indicator.unit}"


@register.filter
def status_label(status: str) -> str:
    vi, en, _css = STATUS_LABELS.get(str(status), STATUS_LABELS["no_plan"])
    return en if _lang() == "en" else vi


@register.filter
def status_css(status: str) -> str:
    return STATUS_LABELS.get(str(status), STATUS_LABELS["no_plan"])[2]


@register.filter
def period_label(value) -> str:
    """A value's period as reports write it: "2024", "Quý III/2025"."""
    if value.quarter:
        return quarter_label(value.year, value.quarter)
    return str(value.year)


@register.filter
def stated(statement, indicator) -> str:
    """A figure a report states, with what it measures: 102,7%, +2,3%, +0,13 điểm %, 8 ha."""
    figure = statement.figure
    if _undefined(figure):
        return "–"
    decimals = statement.figure_decimals
    if statement.metric == "completion":
        return pct(figure, decimals)
    if statement.metric == "yoy_pct":
        return signed_pct(figure)
    if statement.metric == "yoy_points":
        return signed_points(figure, indicator.unit)
    shown = num(figure, decimals)
    return shown if statement.metric == "status" else f"{shown} {indicator.unit}"
