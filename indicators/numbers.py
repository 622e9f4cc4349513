"""Reading Vietnamese numbers: dot for thousands, comma for decimals (4.475; 128,5; 9,73‰).

Parsing is strict: input that could be read two ways, or is malformed, is refused with a
message in the user's language. Nothing is guessed silently. Writing numbers for display is
`indicators.display`'s.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

_VN_NUMBER = re.compile(
    r"""^(?P<sign>[-+−]?)
        (?P<int>\d{1,3}(?:\.\d{3})+|\d+)
        (?:,(?P<frac>\d+))?$""",
    re.VERBOSE,
)


class NumberFormatError(ValueError):
    """Raised with a message meant for the person who typed the number."""


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
