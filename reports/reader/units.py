"""Units as running text writes them, and which figures can be compared.

A unit is found right after a number, longest spelling first ("triệu đồng/người/năm" before
"triệu đồng", "lượt khách" before "lượt"), with or without a space ("1.213,3ha"). Amounts in
đồng convert between their scales (122,195 tỷ đồng = 122.195 triệu đồng), so a figure in triệu
matches an indicator in tỷ; a rate (%, ‰) only ever matches a rate.
"""

from __future__ import annotations

import re
from decimal import Decimal

from indicators.units import COUNT_UNITS
from reports.reader.text import fold

# Amount scales in đồng.
AMOUNT_SCALES = {
    "đồng": Decimal(1),
    "nghìn đồng": Decimal(10) ** 3,
    "triệu đồng": Decimal(10) ** 6,
    "tỷ đồng": Decimal(10) ** 9,
}
RATE_UNITS = ("%", "‰")
# Spellings of a unit that name another: abbreviations reports use.
SPELLINGS = {
    "trđ": "triệu đồng",
    "tr.đ": "triệu đồng",
    "tr đồng": "triệu đồng",
    "tỉ đồng": "tỷ đồng",
    "tỷ": "tỷ đồng",
    "triệu": "triệu đồng",
    "ngàn đồng": "nghìn đồng",
    "hkd": "hộ",
    "htx": "hợp tác xã",
    "hộ kinh doanh": "hộ",
    "m2": "m²",
    "m3": "m³",
    "cháu": "trẻ em",
    "gcn": "giấy chứng nhận",
    "xã phường": "xã, phường",
    "phường xã": "xã, phường",
    "phường, xã": "xã, phường",
    "kilogram": "kg",
    "ki-lô-gam": "kg",
    "lượt hồ sơ": "hồ sơ",
}
# Nouns that count people: a figure in any of them compares with one in "người".
PERSON_NOUNS = frozenset(
    {
        *("người", "cán bộ", "công chức", "viên chức", "công dân", "đồng chí", "tân binh"),
        *("lao động", "đối tượng", "học sinh", "trẻ em", "trẻ", "bệnh nhân", "nhân khẩu"),
    }
)
OTHER_UNITS = (
    "ha",
    "tấn",
    "tạ",
    "tạ/ha",
    "kg",
    "km",
    "m",
    "m²",
    "m³",
    "lít",
    "lần",
    "điểm",
    "hạng",
    "phút",
    "công trình",
    "đối tượng",
    "tuyến",
    "bản",
    "nhà",
    "cơ quan",
    "đợt",
    "bài",
    "ngày công",
    "trẻ",
    "gia đình",
    "lao động/năm",
    "tiêu chí/xã",
    "giấy chứng nhận",
    *PERSON_NOUNS,
)
# Per-unit endings of amounts: "triệu đồng/người/năm", "triệu đồng/ha/năm".
_PER = ("/người/năm", "/ha/năm", "/người", "/ha", "/năm", "/tháng")


def _lexicon() -> list[tuple[str, str]]:
    names = {*COUNT_UNITS, *OTHER_UNITS, *AMOUNT_SCALES, *RATE_UNITS}
    spellings = {name: name for name in names}
    spellings.update(SPELLINGS)
    for amount in AMOUNT_SCALES:
        for per in _PER:
            spellings[amount + per] = amount + per
    spellings["trđ/người/năm"] = "triệu đồng/người/năm"
    # Longest first, so that "lượt khách" wins over "lượt".
    return sorted(((fold(k), v) for k, v in spellings.items()), key=lambda kv: -len(kv[0]))


LEXICON = _lexicon()
_WORD_END = re.compile(r"(?![a-z0-9])")


def unit_at(folded: str, position: int) -> tuple[str, int] | None:
    """The unit written at `position` of the folded text (after optional spaces), and where it
    ends; None when no unit follows."""
    start = position
    while start < len(folded) and folded[start] == " ":
        start += 1
    for spelling, unit in LEXICON:
        if folded.startswith(spelling, start):
            end = start + len(spelling)
            if spelling[-1].isalnum() and not _WORD_END.match(folded, end):
                continue
            return unit, end
    return None


def is_rate(unit: str) -> bool:
    return unit in RATE_UNITS


def amount_parts(unit: str) -> tuple[Decimal, str] | None:
    """The scale in đồng and the per-unit ending of an amount unit ("triệu đồng/ha/năm" →
    (10⁶, "/ha/năm")); None for a unit that is not an amount."""
    for name, scale in AMOUNT_SCALES.items():
        if unit == name or (unit.startswith(name + "/")):
            return scale, unit[len(name) :]
    return None


def family(unit: str) -> str:
    """What a unit measures, for comparing figures: amounts of one per-unit ending are one
    family whatever their scale, rates another, a count unit its first word ("lượt khách" is
    counted in lượt)."""
    amount = amount_parts(unit)
    if amount is not None:
        return "amount" + amount[1]
    if is_rate(unit):
        return "rate"
    if unit.split("/")[0] in PERSON_NOUNS:  # "lao động/năm" counts people too
        return "người"
    return fold(unit).split()[0] if unit.strip() else ""


def compatible(figure_unit: str, indicator_unit: str) -> bool:
    return family(figure_unit) == family(indicator_unit)


def converted(value: Decimal, unit: str, to_unit: str) -> Decimal | None:
    """`value` in `unit` expressed in `to_unit`: amounts change scale; other units only into
    themselves (or their family); None when they do not compare."""
    source, target = amount_parts(unit), amount_parts(to_unit)
    if source and target:
        if source[1] != target[1]:
            return None
        return (value * source[0] / target[0]).normalize()
    return value if compatible(unit, to_unit) else None
