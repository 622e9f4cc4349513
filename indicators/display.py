"""Figures and review statuses as people read them: the one place numbers are rounded and
written out, and the one vocabulary of statuses.

Vietnamese by default (4.475; 128,5; 9,73‰), English separators when English is active.
Undefined is "–", never 0. Template filters (`indicators.templatetags.chitieu`), tables,
charts, exports and the generated sentences all write numbers through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, gettext_lazy

from indicators import computations as calc
from indicators.computations import Status

UNDEFINED = "–"
# (thousands, decimals) separators of each interface language.
SEPARATORS = {"vi": (".", ","), "en": (",", ".")}


def active_language() -> str:
    return (get_language() or "vi")[:2]


def plotly_separators() -> str:
    """plotly.js's `separators` (decimal mark, then thousands) for the active language."""
    thousands, decimal_mark = SEPARATORS.get(active_language(), SEPARATORS["en"])
    return f"{decimal_mark}{thousands}"


def format_number(value: Decimal | int | None, decimals: int, *, lang: str = "vi") -> str:
    """Display form: rounded half-up to `decimals`, grouped by thousands; "–" when undefined."""
    if value is None:
        return UNDEFINED
    thousands, decimal_sep = SEPARATORS.get(lang[:2], SEPARATORS["vi"])
    quantized = calc.round_half_up(Decimal(value), decimals)
    if quantized == 0:
        quantized = abs(quantized)  # no "-0"
    sign = "-" if quantized < 0 else ""
    integer, _dot, fraction = f"{abs(quantized):f}".partition(".")
    grouped = f"{int(integer):,}".replace(",", thousands)
    return f"{sign}{grouped}{decimal_sep}{fraction}" if fraction else f"{sign}{grouped}"


def exact_number(value: Decimal) -> str:
    """Vietnamese form of an exact number, for arithmetic shown to people (no rounding)."""
    return format_number(value, calc.decimals_of(value.normalize()), lang="vi")


def number(value: Decimal | None, decimals: int = 0) -> str:
    """A number with the given decimals in the active language: 4.475; 128,5."""
    return format_number(value, decimals, lang=active_language())


def percent(value: Decimal | None, decimals: int = 1) -> str:
    """A percentage: 102,7%."""
    if value is None:
        return UNDEFINED
    return f"{number(value, decimals)}%"


def signed_percent(value: Decimal | None) -> str:
    """A change in %, with its sign: +8,0%, −2,3%; no sign when it rounds to zero."""
    if value is None:
        return UNDEFINED
    shown = number(abs(value), 1)
    sign = "+" if value > 0 else ("−" if value < 0 and shown.strip("0,.") else "")
    return f"{sign}{shown}%"


def signed_points(value: Decimal | None, unit: str = "%") -> str:
    """A change of a rate in points: +0,13 điểm %."""
    if value is None:
        return UNDEFINED
    shown = number(abs(value), 2)
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return points_text(f"{sign}{shown}", unit)


def signed_figure_points(value: Decimal | None, decimals: int, unit: str) -> str:
    """A difference of two figures of a rate, in points, by the display rule of `figure`
    (95% planned on 60% achieved: +35 điểm %; 85,4 on 84,8: +0,6 điểm %)."""
    if value is None:
        return UNDEFINED
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return points_text(f"{sign}{figure(abs(value), decimals)}", unit)


def signed_change(value: Decimal | None, unit: str) -> str:
    """A change on last year as it is spoken of: in points for a rate, in % otherwise."""
    return signed_points(value, unit) if calc.is_rate_unit(unit) else signed_percent(value)


def points_text(shown: str, unit: str) -> str:
    """A written number as percentage (or per mille) points of a rate."""
    symbol = calc.rate_symbol(unit) or "%"
    # Word order differs: "+0,13 điểm %" against "+0.13 % points".
    return gettext("%(number)s điểm %(symbol)s") % {"number": shown, "symbol": symbol}


def with_unit(shown: str, unit: str) -> str:
    """A written number and its unit: 4.475 tỷ đồng, but 9,73‰ and 60% (no space)."""
    if calc.is_rate_unit(unit):
        return f"{shown}{unit.strip()}"
    return f"{shown} {unit}"


def measure(value: Decimal | None, decimals: int, unit: str) -> str:
    """A value with its unit, by the display rule of `figure`: 4.475 tỷ đồng, 17,5 tỷ đồng,
    9,73‰; "–" if undefined."""
    if value is None:
        return UNDEFINED
    return with_unit(figure(value, decimals), unit)


def figure_decimals(value: Decimal | int, decimals: int) -> int:
    """How many decimals a figure shows: its significant ones, at most the indicator's.

    182,000 tỷ shows as 182, 17,500 as 17,5, 122,195 as 122,195: three decimals on every
    figure of a column put "182,000 tỷ" beside "2.135 triệu", a 1000× misreading one glance
    away. Files use it too: xlsx gives each cell the number format of exactly these decimals.
    """
    rounded = calc.round_half_up(Decimal(value), max(0, decimals))
    return min(max(0, decimals), calc.decimals_of(rounded.normalize()))


def figure(value: Decimal | int | None, decimals: int, *, lang: str | None = None) -> str:
    """The one display rule for a figure: its significant decimals, capped by the indicator's
    (182; 17,5; 122,195; 4.475). Web filters, tables, charts, sentences and every file write
    figures through here."""
    if value is None:
        return UNDEFINED
    return format_number(value, figure_decimals(value, decimals), lang=lang or active_language())


def stored(value: Decimal | int | None) -> str:
    """A stored figure at its own precision, whatever the indicator's decimals: what a reviewer
    approves must read as it was typed (12,5 not 13; 228,643 not 229)."""
    if value is None:
        return UNDEFINED
    exact = Decimal(value).normalize()
    return format_number(exact, calc.decimals_of(exact), lang=active_language())


def prose_number(value: Decimal | None, decimals: int) -> str:
    """A number as prose writes it, without trailing decimal zeros: 100; 100,3; 4.475 (the
    display rule of `figure`)."""
    return figure(value, decimals)


# --- Arithmetic shown to people ------------------------------------------------------------


@dataclass(frozen=True)
class Derived:
    """A figure derived from a report's percentage, with how it was found, in Vietnamese."""

    value: Decimal
    exact: Decimal
    arithmetic: str  # "128,5 / 102,7% = 125,1217… ≈ 125,1 (số gọn nhất cho lại đúng 102,7%)"


def derive_plan(
    actual: Decimal, stated_pct: Decimal, direction: str, *, min_decimals: int = 0
) -> Derived | None:
    """The plan implied by "actual, đạt X% kế hoạch", with its arithmetic."""
    implied = calc.implied_plan(actual, stated_pct, direction, min_decimals=min_decimals)
    if implied is None:
        return None
    if direction == calc.LOWER:
        formula = (
            f"{exact_number(actual)} × {exact_number(stated_pct)}% (chỉ tiêu càng thấp càng tốt)"
        )
    else:
        formula = f"{exact_number(actual)} / {exact_number(stated_pct)}%"
    arithmetic = _arithmetic(formula, implied, f"{exact_number(stated_pct)}%")
    return Derived(implied.value, implied.exact, arithmetic)


def derive_previous(
    current: Decimal, metric: str, stated: Decimal, *, min_decimals: int = 0
) -> Derived | None:
    """Last year's figure implied by a stated change on the same period, with its arithmetic."""
    implied = calc.implied_previous(current, metric, stated, min_decimals=min_decimals)
    if implied is None:
        return None
    if metric == "yoy_pct":
        sign = "+" if stated >= 0 else "−"
        formula = f"{exact_number(current)} / (1 {sign} {exact_number(abs(stated))}%)"
        arithmetic = _arithmetic(formula, implied, f"{exact_number(stated)}%")
    else:
        sign = "−" if stated >= 0 else "+"
        arithmetic = (
            f"{exact_number(current)} {sign} {exact_number(abs(stated))} "
            f"= {exact_number(implied.value)}"
        )
    return Derived(implied.value, implied.exact, arithmetic)


def _arithmetic(formula: str, implied: calc.Implied, reproduced: str) -> str:
    if implied.exact == implied.value:
        return f"{formula} = {exact_number(implied.value)}"
    return (
        f"{formula} = {exact_number(calc.round_half_up(implied.exact, 4))}… "
        f"≈ {exact_number(implied.value)} (số gọn nhất cho lại đúng {reproduced})"
    )


# --- Review statuses ------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusWords:
    """How one review status is shown."""

    label: str | Promise  # pages and tables: "Vượt kế hoạch"
    short: str | Promise  # the council table's note column: "Vượt KH"; "–" without a plan
    css: str  # Bootstrap colour of its badge
    colour: str  # its bar on a chart


# In the order tables sort by: the indicators behind their plan first.
STATUSES: dict[Status, StatusWords] = {
    Status.NOT_ACHIEVED: StatusWords(
        gettext_lazy("Không đạt"), gettext_lazy("Không đạt"), "danger", "#dc3545"
    ),
    Status.ACHIEVED: StatusWords(
        gettext_lazy("Đạt kế hoạch"), gettext_lazy("Đạt KH"), "primary", "#0d6efd"
    ),
    Status.EXCEEDED: StatusWords(
        gettext_lazy("Vượt kế hoạch"), gettext_lazy("Vượt KH"), "success", "#198754"
    ),
    Status.NO_ACTUAL: StatusWords(
        gettext_lazy("Chưa có số thực hiện"), UNDEFINED, "secondary", "#ced4da"
    ),
    Status.NO_PLAN: StatusWords(
        gettext_lazy("Chưa có kế hoạch"), UNDEFINED, "secondary", "#adb5bd"
    ),
}


def _status(status: str) -> Status:
    # A template hands "" for the status of something missing: it has no plan to be judged by.
    return Status(status) if status in Status else Status.NO_PLAN


def status_words(status: str) -> StatusWords:
    return STATUSES[_status(status)]


def status_label(status: str) -> str:
    """'Vượt kế hoạch', 'Exceeded' in English."""
    return str(status_words(status).label)


def status_short(status: str) -> str:
    """'Vượt KH', as the council table's note column writes it; '–' without a plan."""
    return str(status_words(status).short)


def status_sort_key(status: str) -> int:
    return list(STATUSES).index(_status(status))
