"""Reading Vietnamese numbers: dot for thousands, comma for decimals (4.475; 128,5; 9,73‰).

Parsing is strict: input that could be read two ways, or is malformed, is refused with a
message in the user's language. Nothing is guessed silently. Writing numbers for display is
`indicators.display`'s.

Two levels, the same messages everywhere a person types a number (the quarterly form, the
admin, and files read later):
- `parse_vn_number(text)`: the number's form alone;
- `check_figure(text_or_decimal, rules)`: a figure of one indicator, against `FigureRules`
  (what `indicators.units.figure_rules(indicator)` says of it): what the database can store, a
  unit that takes whole numbers only, "228,643" typed for an indicator of fewer decimals (an
  English thousands separator?), "98%" in a % field, the indicator's plausible range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from indicators import computations as calc
from indicators.display import exact_number

_VN_NUMBER = re.compile(
    r"""^(?P<sign>[-+−]?)
        (?P<int>\d{1,3}(?:\.\d{3})+|\d+)
        (?:,(?P<frac>\d+))?$""",
    re.VERBOSE,
)


class NumberFormatError(ValueError):
    """Raised with a message meant for the person who typed the number; `code` says which
    rule refused it ("invalid", "ambiguous", "whole_numbers", "out_of_range", ...)."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def parse_vn_number(text: str) -> Decimal:
    """Read a number typed the Vietnamese way: "4.475", "128,5", "1.234.567,25", "-0,29"."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise NumberFormatError(_("Chưa nhập số."))
    match = _VN_NUMBER.match(cleaned)
    if match is None:
        raise NumberFormatError(_explain(cleaned))
    digits = match["int"].replace(".", "")
    if match["frac"]:
        digits += "." + match["frac"]
    try:
        value = Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
        raise NumberFormatError(_("“%(text)s” không phải là số.") % {"text": text}) from exc
    return -value if match["sign"] in ("-", "−") else value


def _explain(text: str) -> str:
    """Say what is wrong in terms a department clerk recognises."""
    if re.search(r"[^\d.,+\-−]", text):
        return _("“%(text)s” có ký tự không phải chữ số.") % {"text": text}
    if text.count(",") > 1:
        return _(
            "“%(text)s” có nhiều dấu phẩy: dấu phẩy chỉ dùng một lần, trước phần thập phân "
            "(ví dụ 128,5)."
        ) % {"text": text}
    if "," in text and "." in text and text.index(",") < text.rindex("."):
        return _(
            "“%(text)s” viết theo kiểu tiếng Anh. Hãy dùng dấu chấm phân cách hàng nghìn và "
            "dấu phẩy trước phần thập phân (ví dụ 12.345,6)."
        ) % {"text": text}
    if "." in text:
        return _(
            "“%(text)s” không rõ nghĩa: dấu chấm phân cách hàng nghìn, mỗi nhóm đủ 3 chữ số "
            "(ví dụ 4.475). Số thập phân dùng dấu phẩy (ví dụ 1,5)."
        ) % {"text": text}
    return _("“%(text)s” không phải là số hợp lệ.") % {"text": text}


# What the database stores (DECIMAL(20, 6)): 14 digits before the decimal comma, 6 after.
STORED_DECIMALS = calc.STORED_DECIMALS
MAX_ABS = Decimal(10) ** 14

# One comma followed by three digits, nothing else: "228,643" is 228.643 to an English reader.
_COMMA_THOUSANDS = re.compile(r"^[-+−]?\d{1,3},\d{3}$")


@dataclass(frozen=True)
class FigureRules:
    """What a figure of one indicator may be.

    `unit` is the indicator's unit as written ("lượt", "tỷ đồng", "%"); `whole_numbers` when
    the unit takes no decimals (counts: người, hộ, lượt ...); `decimals` how many decimals the
    indicator carries (None: not known, nothing is read as ambiguous); `minimum` / `maximum`
    the plausible range (None: no bound).
    """

    unit: str = ""
    whole_numbers: bool = False
    decimals: int | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None


ANY_FIGURE = FigureRules()
# The parts of a rate (590 / 607 children) are counted: a comma and three digits is ambiguous.
RATE_PARTS = FigureRules(decimals=0)


def check_figure(typed: str | Decimal, rules: FigureRules = ANY_FIGURE) -> Decimal:
    """The figure a person typed (Vietnamese text) or a file gave (a Decimal), checked against
    the indicator's rules; `NumberFormatError` with a message for that person otherwise.

    Text is read with `parse_vn_number` after a trailing "%" or "‰" matching the unit; a comma
    followed by three digits, for an indicator that carries fewer decimals, is refused with
    both readings ("228,643 hay 228.643?") unless the range or the unit rules one out.
    """
    value = typed if isinstance(typed, Decimal) else _read_typed(typed, rules)
    if rules.whole_numbers and value != value.to_integral_value():
        raise NumberFormatError(
            _(
                "“%(typed)s”: số liệu của chỉ tiêu tính bằng %(unit)s là số nguyên, không có "
                "phần thập phân."
            )
            % {"typed": _shown(typed), "unit": rules.unit},
            code="whole_numbers",
        )
    check_storable(value)
    check_range(value, rules)
    return value


def read_figure(typed: str) -> Decimal:
    """A figure whose indicator is not known yet (a form that learns it from its own data, and
    checks the figure with `check_figure` then): its form and what the database can store; a
    trailing "%" or "‰" is left for the indicator's unit to judge."""
    text = typed.strip()
    if text[-1:] in ("%", "‰"):
        text = text[:-1]
    return check_storable(parse_vn_number(text))


def written_for_input(value: Decimal, rules: FigureRules = ANY_FIGURE) -> str:
    """A stored figure written back into an input so that reading it again gives it back:
    12.345 tỷ đồng of an indicator carrying one decimal is "12,3450", since "12,345" would be
    refused as ambiguous."""
    text = exact_number(value)
    if _could_be_english_thousands(text, value, rules):
        return text + "0"
    return text


def check_storable(value: Decimal) -> Decimal:
    """What the database can hold: six decimals, fourteen digits before the comma."""
    if calc.decimals_of(value) > STORED_DECIMALS:
        raise NumberFormatError(
            _("Nhiều nhất %(n)s chữ số sau dấu phẩy.") % {"n": STORED_DECIMALS},
            code="too_precise",
        )
    if abs(value) >= MAX_ABS:
        raise NumberFormatError(_("Số quá lớn."), code="too_large")
    return value


def check_range(value: Decimal, rules: FigureRules) -> Decimal:
    """The indicator's plausible range, when it has one."""
    if not _in_range(value, rules):
        unit = f" {rules.unit}" if rules.unit else ""
        low, high = rules.minimum, rules.maximum
        if low is not None and high is not None:
            bounds = _("từ %(low)s đến %(high)s%(unit)s") % {
                "low": exact_number(low),
                "high": exact_number(high),
                "unit": unit,
            }
        elif low is not None:
            bounds = _("từ %(low)s%(unit)s trở lên") % {"low": exact_number(low), "unit": unit}
        else:
            assert high is not None
            bounds = _("không quá %(high)s%(unit)s") % {"high": exact_number(high), "unit": unit}
        raise NumberFormatError(
            _(
                "%(value)s nằm ngoài khoảng hợp lý của chỉ tiêu này (%(bounds)s). Hãy kiểm tra "
                "lại số liệu và đơn vị tính."
            )
            % {"value": exact_number(value), "bounds": bounds},
            code="out_of_range",
        )
    return value


def _in_range(value: Decimal, rules: FigureRules) -> bool:
    if rules.minimum is not None and value < rules.minimum:
        return False
    return rules.maximum is None or value <= rules.maximum


def _shown(typed: str | Decimal) -> str:
    return exact_number(typed) if isinstance(typed, Decimal) else typed.strip()


def _read_typed(typed: str, rules: FigureRules) -> Decimal:
    text = typed.strip().replace("\u00a0", "").replace(" ", "")
    symbol = calc.rate_symbol(rules.unit)
    if symbol is not None and text.endswith(symbol):
        text = text[: -len(symbol)]  # "98%" in a % field is 98
    elif text[-1:] in ("%", "‰") and rules.unit:
        raise NumberFormatError(
            _("“%(typed)s”: chỉ tiêu này tính bằng %(unit)s, không phải %(symbol)s.")
            % {"typed": typed.strip(), "unit": rules.unit, "symbol": text[-1]},
            code="wrong_unit",
        )
    value = parse_vn_number(text)
    if _could_be_english_thousands(text, value, rules):
        readings = {"typed": text, "thousands": text.replace(",", ".")}
        if rules.whole_numbers:
            message = _(
                "%(typed)s hay %(thousands)s? Chỉ tiêu tính bằng %(unit)s chỉ có số nguyên, "
                "nên dấu phẩy ở đây giống dấu phân cách hàng nghìn kiểu tiếng Anh. Nếu là "
                "%(thousands)s, hãy gõ %(thousands)s (dấu chấm phân cách hàng nghìn)."
            ) % {**readings, "unit": rules.unit}
        else:
            message = _(
                "%(typed)s hay %(thousands)s? Chỉ tiêu này ghi %(decimals)s chữ số thập phân, "
                "nên dấu phẩy ở đây có thể là dấu phân cách hàng nghìn kiểu tiếng Anh. Nếu là "
                "%(thousands)s, hãy gõ %(thousands)s (dấu chấm phân cách hàng nghìn); nếu đúng "
                "là %(typed)s, hãy gõ %(typed)s0."
            ) % {**readings, "decimals": rules.decimals}
        raise NumberFormatError(message, code="ambiguous")
    return value


def _could_be_english_thousands(text: str, value: Decimal, rules: FigureRules) -> bool:
    """ "228,643" for an indicator that carries fewer than three decimals, when reading the
    comma as a thousands separator gives a figure the indicator can take."""
    decimals = 0 if rules.whole_numbers else rules.decimals
    if decimals is None or decimals >= 3 or not _COMMA_THOUSANDS.match(text):
        return False
    thousands = value * 1000
    symbol = calc.rate_symbol(rules.unit)
    if symbol is not None and abs(thousands) > calc.RATE_SCALES[symbol]:
        return False  # 98.555% is no rate: 98,555 can only be the decimal
    return _in_range(thousands, rules)
