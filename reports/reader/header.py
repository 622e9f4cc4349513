"""What a report's header says of it: its number ("Số: 5268/BC-UBND"), its date ("Thành phố Lai
Châu, ngày 28 tháng 11 năm 2024") and the period its title names ("... năm 2024", "9 tháng đầu năm
2024"); the year of its date when the title names none."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from reports.reader.periods import period_of_title
from reports.reader.text import clean, fold

# The header: the first lines, before the body's first section.
HEADER_LENGTH = 2500

_NUMBER = re.compile(r"\bSố\s*:\s*(\d[\d.]*)\s*/\s*([A-ZĐa-zđ0-9][A-ZĐa-zđ0-9\-]*)")
_DATE_WORDS = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
# "Lai Châu, ngày 28/11/2024": the place's comma tells the date line from a resolution's date.
_DATE_NUMBERS = re.compile(r",\s*ngay\s+(\d{1,2})/(\d{1,2})/(\d{4})")
# The month and year of a date whose day is left blank ("ngày    tháng 10 năm 2024").
_MONTH_YEAR = re.compile(r"\bngay\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")


_Date = date  # the field `date` below hides the type inside the class


@dataclass(frozen=True)
class Header:
    number: str
    date: date | None
    period: str | None
    # Where the date line was found: the title follows it.
    date_end: int = 0
    # The last day the report can have been written: its date, or the end of its month when the
    # day is left blank ("ngày    tháng 10 năm 2024").
    written_by: _Date | None = None


def read_header(text: str) -> Header:
    head = clean(text[:HEADER_LENGTH])
    folded = fold(head)
    number_match = _NUMBER.search(head)
    number = f"{number_match[1]}/{number_match[2]}" if number_match else ""
    day, date_end, year = _date_of(folded)
    # The title follows the date line; a news page puts it first.
    period = period_of_title(folded[date_end:]) or period_of_title(folded[:date_end])
    if period is None and year is not None:
        period = str(year)
    written_by = day
    partial = _MONTH_YEAR.search(folded)
    if day is None and partial:
        month, year_ = int(partial[1]), int(partial[2])
        if 1 <= month <= 12:
            following = date(year_ + month // 12, month % 12 + 1, 1)
            written_by = following - timedelta(days=1)
    return Header(number, day, period, date_end, written_by)


def _date_of(folded: str) -> tuple[date | None, int, int | None]:
    """The date, where its line ends, and its year (known even when the day is blank)."""
    partial = _MONTH_YEAR.search(folded)
    for pattern in (_DATE_WORDS, _DATE_NUMBERS):
        match = pattern.search(folded)
        if match and not (partial and partial.start() < match.start()):
            try:
                day = date(int(match[3]), int(match[2]), int(match[1]))
            except ValueError:
                continue
            return day, match.end(), day.year
    if partial:
        return None, partial.end(), int(partial[2])
    return None, 0, None
