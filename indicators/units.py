"""The unit list: which units are counts, amounts or rates, and what a figure of an indicator
may be in its unit.

Units were free text on the indicator ("tỷ đồng" and "Tỷ đồng" both existed); they are now
rows of `Unit`, one per spelling that differs only in case or spacing, with the indicator's
`unit` text kept as the unit's name for everything that reads it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from indicators import data_version
from indicators.computations import is_rate_unit
from indicators.models import Indicator, Unit, UnitKind
from indicators.numbers import FigureRules

# Units counted in whole things, as the reports of the city write them.
COUNT_UNITS = frozenset(
    {
        "băng rôn",
        "buổi",
        "ca",
        "cặp",
        "chiếc",
        "chủ thể",
        "chương trình",
        "con",
        "cơ sở",
        "cuộc",
        "di tích",
        "doanh nghiệp",
        "dự án",
        "đơn",
        "đơn vị",
        "giải",
        "giấy",
        "giấy phép",
        "hồ sơ",
        "hộ",
        "học sinh",
        "hợp tác xã",
        "lao động",
        "liều",
        "lớp",
        "lượt",
        "lượt khách",
        "lượt người",
        "mô hình",
        "người",
        "phòng",
        "phường",
        "quyết định",
        "sản phẩm",
        "sáng kiến",
        "suất",
        "tài khoản",
        "thẻ",
        "thôn",
        "thông báo",
        "thửa",
        "tiêu chí",
        "tin",
        "tin, bài",
        "tổ dân phố",
        "tổ dân phố, bản",
        "trẻ em",
        "trường",
        "trường hợp",
        "văn bản",
        "video",
        "viên",
        "vụ",
        "vụ việc",
        "xã",
        "xã, phường",
    }
)
# Not counts, yet whole numbers: a rank.
WHOLE_NUMBER_UNITS = frozenset({"hạng"})
AMOUNT_WORDS = ("đồng", "usd")


def guess_kind(name: str) -> UnitKind:
    """The kind of a unit from its name, for a unit the list does not hold yet."""
    key = Unit.key_of(name)
    if is_rate_unit(key):
        return UnitKind.RATE
    if any(word in key for word in AMOUNT_WORDS):
        return UnitKind.AMOUNT
    if key in COUNT_UNITS:
        return UnitKind.COUNT
    return UnitKind.OTHER


def guess_allows_decimals(name: str) -> bool:
    return guess_kind(name) != UnitKind.COUNT and Unit.key_of(name) not in WHOLE_NUMBER_UNITS


def unit_for_name(name: str) -> Unit:
    """The unit of that name in the list, whatever its case; a new one, of the kind its name
    says, when the list has none."""
    key = Unit.key_of(name)
    unit = Unit.objects.filter(key=key).first()
    if unit is None:
        unit = Unit(
            name=Unit.tidy_name(name),
            kind=guess_kind(name),
            allows_decimals=guess_allows_decimals(name),
        )
        unit.full_clean()
        unit.save()
    return unit


def unit_finder() -> Callable[[str], Unit]:
    """`unit_for_name` remembering what it found, for a loader that asks for the same few units
    hundreds of times."""
    found: dict[str, Unit] = {}

    def find(name: str) -> Unit:
        key = Unit.key_of(name)
        if key not in found:
            found[key] = unit_for_name(name)
        return found[key]

    return find


@transaction.atomic
def unit_save(unit: Unit) -> Unit:
    """Save a unit of the list; its indicators' unit text follows a new name."""
    unit.full_clean()
    unit.save()
    stale = Indicator.objects.filter(unit_ref=unit).exclude(unit=unit.name)
    renamed = list(stale.values_list("pk", flat=True))
    if renamed:
        Indicator.objects.filter(pk__in=renamed).update(unit=unit.name)
        # Pages show the unit's name: only these indicators' rolled-up figures are rewritten
        # (without ids every indicator's would be).
        data_version.bump(indicator_ids=renamed)
    return unit


def figure_rules(indicator: Indicator) -> FigureRules:
    """What a figure of this indicator may be: whole numbers for a count, the decimals it
    carries, its plausible range. The unit of the list decides; an indicator not yet pointed
    at one (created from a file) goes by its unit's name."""
    unit = indicator.unit_ref
    allows_decimals = unit.allows_decimals if unit else guess_allows_decimals(indicator.unit)
    return FigureRules(
        unit=indicator.unit,
        whole_numbers=not allows_decimals,
        decimals=indicator.decimals,
        minimum=indicator.plausible_min,
        maximum=indicator.plausible_max,
    )
