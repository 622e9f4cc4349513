"""Reporting periods: what a target's or value's period is, how it is written, and what each
rolled-up period of a year is made of. Pure: no Django, no database.

A period is a year with at most one of: a quarter (its own figure), the first n months
cumulatively (lũy kế: M3 = quý I lũy kế, M6 = 6 tháng, M9 = 9 tháng), or the cumulative
figure up to a date. Written as `import_values` reads them: "2024", "2024-Q2", "2024-M6",
"2024-12-31"; a date after its year names the year first: "2024@2025-01-31" (capital of 2024
disbursed until 31 January 2025).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

FIRST_YEAR = 1990
LAST_YEAR = 2100

_PERIOD = re.compile(
    r"^(?P<year>[0-9]{4})"
    r"(?:-Q(?P<quarter>[1-4])"
    r"|-M(?P<months>[0-9]{1,2})"
    r"|-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
    r"|@(?P<as_of>[0-9]{4}-[0-9]{2}-[0-9]{2}))?$"
)


class PeriodError(ValueError):
    """A period written wrongly; the message says why, in English (callers word their own)."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int | None = None
    months: int | None = None
    as_of: date | None = None

    def __post_init__(self) -> None:
        if sum(x is not None for x in (self.quarter, self.months, self.as_of)) > 1:
            raise PeriodError("a period is a quarter, n months or a date, not several")
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise PeriodError("quarter out of 1-4")
        if self.months is not None and not 1 <= self.months <= 11:
            raise PeriodError("months out of 1-11 (12 months are the year)")
        if self.as_of is not None and self.as_of.year not in (self.year, self.year + 1):
            raise PeriodError("an as-of date lies in its year or the next")

    @property
    def is_year(self) -> bool:
        return self.quarter is None and self.months is None and self.as_of is None

    @property
    def is_cumulative(self) -> bool:
        """The first months of the year (lũy kế), to a month's end or a date."""
        return self.months is not None or self.as_of is not None

    @property
    def end_month(self) -> int:
        """The last month the period covers (a date after the year: the whole year, 12)."""
        if self.quarter is not None:
            return self.quarter * 3
        if self.months is not None:
            return self.months
        if self.as_of is not None and self.as_of.year == self.year:
            return self.as_of.month
        return 12

    @property
    def code(self) -> str:
        return period_code(self.year, self.quarter, self.months, self.as_of)

    def __str__(self) -> str:
        return self.code


def period_code(
    year: int, quarter: int | None = None, months: int | None = None, as_of: date | None = None
) -> str:
    """A period as files write it, without judging it: a form being corrected may hold a
    quarter and months at once, and must still be named ("2024-Q2-M6")."""
    parts = [str(year)]
    if quarter is not None:
        parts.append(f"Q{quarter}")
    if months is not None:
        parts.append(f"M{months}")
    code = "-".join(parts)
    if as_of is not None:
        day = as_of.isoformat()
        return day if code == str(as_of.year) else f"{code}@{day}"
    return code


def same_period_before(months: int | None, as_of: date | None) -> tuple[int | None, date | None]:
    """The same part of the year a year earlier ("so với cùng kỳ"): the same months, or the
    same day of the year before (28 February for a 29th)."""
    if as_of is None:
        return months, None
    day = 28 if (as_of.month, as_of.day) == (2, 29) else as_of.day
    return months, as_of.replace(year=as_of.year - 1, day=day)


def parse_period(text: str) -> Period:
    """A period as written in a file; `PeriodError` says what is wrong. "2024-M12" is the
    year (twelve months cumulatively are the year: one way to store it)."""
    match = _PERIOD.match(text)
    if match is None:
        raise PeriodError("not a period")
    year = int(match["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError("year out of range")
    if match["quarter"]:
        return Period(year, quarter=int(match["quarter"]))
    if match["months"]:
        months = int(match["months"])
        if not 1 <= months <= 12:
            raise PeriodError("months out of 1-12")
        return Period(year) if months == 12 else Period(year, months=months)
    if match["month"]:
        return Period(year, as_of=_date(f"{match['year']}-{match['month']}-{match['day']}"))
    if match["as_of"]:
        return Period(year, as_of=_date(match["as_of"]))
    return Period(year)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PeriodError("not a date") from None


# --- The periods the rolled-up figures, the council table and its exports show ---------------

# Key (as `IndicatorFigure.period` stores it) -> (own quarter, months covered cumulatively).
# Q1 … Q4 are a quarter's own figure; M3, M6, M9 the year to date; Y the year.
ROLLUP_PERIODS: dict[str, tuple[int | None, int]] = {
    "M3": (None, 3),
    "M6": (None, 6),
    "M9": (None, 9),
    "Q1": (1, 3),
    "Q2": (2, 6),
    "Q3": (3, 9),
    "Q4": (4, 12),
    "Y": (None, 12),
}
YEAR = "Y"


def rollup_months(key: str) -> int:
    """How many months of the year a rolled-up period covers (its calendar share's n)."""
    return ROLLUP_PERIODS[key][1]


def rollup_quarter(key: str) -> int | None:
    """The quarter a rolled-up period is the own figure of, or None for a cumulative one."""
    return ROLLUP_PERIODS[key][0]
