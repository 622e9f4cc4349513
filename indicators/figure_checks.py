"""Whether a figure, or a piece of text that goes with it, can be stored and shown: the checks
every way in shares (the entry form, `import_values`), whatever reads the number.

Pure functions, no database: a number that does not fit DECIMAL(20, 6); a rate outside 0–100 %
(0–1 000 ‰) or a negative count (`validation_rules.check_range`, the entry form's errors);
text with control characters, which XML (hence xlsx and docx exports) cannot hold.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators import validation_rules as rules
from indicators.computations import STORED_DECIMALS, decimals_of
from indicators.models import DECIMAL

# DECIMAL(20, 6): 14 digits before the decimal point.
MAX_ABS = Decimal(10) ** (DECIMAL["max_digits"] - DECIMAL["decimal_places"])
# Control characters (Unicode's Cc: U+0000–U+001F, U+007F–U+009F) and what else XML 1.0
# cannot hold (xlsx and docx are XML). Tabs and line breaks are text in a multi-line field (a
# quote), a control anywhere else.
_NOT_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NOT_MULTILINE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def stored_number_problem(number: Decimal) -> str | None:
    """Why `number` cannot be stored as a figure, or None. Messages are the entry form's."""
    if not number.is_finite():
        return _("“%(text)s” không phải là số hợp lệ.") % {"text": number}
    if decimals_of(number) > STORED_DECIMALS:
        return _("Nhiều nhất %(n)s chữ số sau dấu phẩy.") % {"n": STORED_DECIMALS}
    if abs(number) >= MAX_ABS:
        return _("Số quá lớn.")
    return None


def figure_problems(number: Decimal, unit: str) -> list[str]:
    """Why `number` cannot be an indicator's figure in `unit`: it must fit the database and
    lie in the unit's range (the entry form's errors; its warnings are not refusals)."""
    stored = stored_number_problem(number)
    if stored is not None:
        return [stored]
    in_range = rules.check_range(number, unit)
    if in_range is not None and in_range.severity == rules.ERROR:
        return [in_range.message]
    return []


def text_problem(text: str, *, multiline: bool = False) -> str | None:
    """Why `text` cannot be stored and exported, or None: control characters (NUL, escape,
    …; tabs and line breaks only in multi-line text) and what XML cannot hold."""
    found = (_NOT_MULTILINE_TEXT if multiline else _NOT_TEXT).search(text)
    if found is None:
        return None
    return _("có ký tự điều khiển (U+%(code)04X), không lưu và xuất ra được") % {
        "code": ord(found.group())
    }
