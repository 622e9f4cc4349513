"""Numbers in running text, read the Vietnamese way (indicators.numbers): "4.475" is four
thousand, "122,195" a decimal, "03" three. Figures leave the reader as decimal strings with a dot
and no grouping, the form of every contract of the app."""

from __future__ import annotations

import re
from decimal import Decimal

from indicators.numbers import NumberFormatError, parse_vn_number

# A number not glued to a word, a code ("11-NQ/TW") or a longer number; a dot or comma right
# after it that starts another group would make it a malformed one ("1.5"), which is skipped.
NUMBER = re.compile(r"(?<![\w.,/-])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![.,]\d|\d|-[a-z])")


def number_value(token: str) -> Decimal | None:
    try:
        return parse_vn_number(token)
    except NumberFormatError:
        return None


def decimal_text(value: Decimal) -> str:
    """ "412.508", "100", "-0.29": no exponent, no trailing zeros after the point."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
