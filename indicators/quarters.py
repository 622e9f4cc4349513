"""Reporting quarters: labels as Vietnamese reports write them, default deadlines, neighbours.

Pure functions, no database.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from indicators.periods import YEAR, Period, rollup_months, rollup_quarter

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
FIRST_YEAR, LAST_YEAR = 1990, 2100


def is_valid(year: int, quarter: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR and quarter in ROMAN


def quarter_label(year: int, quarter: int) -> str:
    """ "Quý III/2025"."""
    return _("Quý %(roman)s/%(year)s") % {"roman": ROMAN[quarter], "year": year}


def year_to_date_label(quarter: int) -> str:
    """What Vietnamese reports call a year-to-date figure: quý I, 6 tháng, 9 tháng, năm."""
    return {
        1: _("quý I"),
        2: _("6 tháng"),
        3: _("9 tháng"),
        4: _("cả năm"),
    }[quarter]


def quarter_of(day: date) -> tuple[int, int]:
    """The quarter a day falls in."""
    return day.year, (day.month - 1) // 3 + 1


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def next_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter + 1) if quarter < 4 else (year + 1, 1)


def default_deadline(year: int, quarter: int, day: int = 14) -> date:
    """The given day (the 14th by default) of the quarter's last month."""
    return date(year, quarter * 3, day)


def period_label(period: Period) -> str:
    """A target's or value's period as reports write it: "Năm 2024", "Quý III/2024",
    "6 tháng đầu năm 2024", "Lũy kế đến 31/01/2025 (năm 2024)"."""
    if period.quarter is not None:
        return quarter_label(period.year, period.quarter)
    if period.months is not None:
        return months_label(period.year, period.months)
    if period.as_of is not None:
        day = period.as_of.strftime("%d/%m/%Y")
        if period.as_of.year == period.year:
            return _("Lũy kế đến %(day)s") % {"day": day}
        return _("Lũy kế đến %(day)s (năm %(year)s)") % {"day": day, "year": period.year}
    return _("Năm %(year)s") % {"year": period.year}


def months_label(year: int, months: int) -> str:
    """ "6 tháng đầu năm 2024": the first n months, cumulatively."""
    return _("%(n)s tháng đầu năm %(year)s") % {"n": months, "year": year}


def rollup_period_label(year: int, key: str) -> str:
    """A rolled-up period of a year ("Y", "Q2", "M6") as a title reads it."""
    if key == YEAR:
        return _("Năm %(year)s") % {"year": year}
    quarter = rollup_quarter(key)
    if quarter is not None:
        return quarter_label(year, quarter)
    return months_label(year, rollup_months(key))
