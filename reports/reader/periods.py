"""Reporting periods as the reports write them, and their codes (domain.md, "Reporting periods"):
"năm 2024" → `2024`, "quý II" → `2024-Q2`, "quý I (lũy kế)" / "6 tháng" / "9 tháng đầu năm" →
`2024-M3` / `2024-M6` / `2024-M9`, "đến 31/10" / "đến ngày 31/01/2025" → `2024-10-31` /
`2025-01-31`.
"""

from __future__ import annotations

import re
from datetime import date

from reports.reader.text import fold

QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# On folded text (no diacritics, lower case): "quy i", "6 thang dau nam 2024", "den 31/10".
_PERIOD = re.compile(
    r"""(?P<quarter>\bquy\s+(?P<q>iv|iii|ii|i)\b(?P<cumulative>\s*\(?\s*luy\s+ke\)?)?
          (?:\s*(?:/|nam)\s*(?P<qy>20\d{2}))?)
      | (?P<months>\b(?P<m>\d{1,2})\s+thang(?:\s+dau)?(?:\s+nam)?(?:\s+(?P<my>20\d{2}))?)
      | (?P<upto>\bden\s+(?:het\s+)?(?:ngay\s+)?(?P<d>\d{1,2})/(?P<mo>\d{1,2})(?:/(?P<y>\d{4}))?)
      | (?P<year>\bnam\s+(?P<yy>20\d{2}|19\d{2})\b)
    """,
    re.VERBOSE,
)
# "đến năm 2030", "tầm nhìn đến năm 2045", "giai đoạn 2021-2025": horizons, not periods.
_HORIZON_BEFORE = re.compile(r"(?:\bden|\btam nhin|\bsau|\btruoc|\bgiai doan|\btu)\s*$")
_DURATION_BEFORE = re.compile(r"\b(?:duoi|tren|hon|sau|moi|tu|khoang|gan)\s*\(?\s*$")
# "so với cùng kỳ năm 2023", "so với năm 2023": what a figure is compared with, not its period.
_COMPARISON = re.compile(r"\bso\s+voi\b.*$")


def year_of(period: str) -> int:
    return int(period[:4])


def period_in(text: str, default: str) -> str:
    """The period the last period expression of `text` names, in the year of `default` when it
    names none; `default` when there is no expression. Comparisons ("so với năm 2023") and
    horizons ("đến năm 2030") are not the figure's period."""
    folded = _COMPARISON.sub("", fold(text))
    found: str | None = None
    year = year_of(default)
    for match in _PERIOD.finditer(folded):
        code = _code_of(match, year, folded[: match.start()])
        if code is not None:
            found = code
            if match["year"]:
                year = int(match["yy"])
    return found or default


def period_of_title(text: str) -> str | None:
    """The first period the header's title names ("... năm 2024", "9 tháng đầu năm 2024")."""
    folded = fold(text)
    for match in _PERIOD.finditer(folded):
        before = folded[: match.start()]
        if match["year"] or match["months"] or match["quarter"]:
            if _HORIZON_BEFORE.search(before):
                continue
            stated = match["yy"] or match["qy"] or match["my"]
            year = int(stated) if stated else _year_after(folded, match.end())
            if year is None:
                continue
            code = _code_of(match, year, before)
            if code is not None:
                return code
    return None


def _year_after(folded: str, position: int) -> int | None:
    following = re.match(r"\s*(?:nam\s+)?(20\d{2})\b", folded[position:])
    return int(following[1]) if following else None


def _code_of(match: re.Match[str], year: int, before: str) -> str | None:
    year = int(match["qy"] or match["my"] or year)
    if match["quarter"]:
        quarter = QUARTERS[match["q"]]
        if match["cumulative"]:
            return f"{year}-M{quarter * 3}"
        return f"{year}-Q{quarter}"
    if match["months"]:
        if _DURATION_BEFORE.search(before):
            return None  # "dưới 3 tháng", "sau 6 tháng": a length of time
        months = int(match["m"])
        return f"{year}-M{months}" if 1 <= months <= 12 else None
    if match["upto"]:
        try:
            day = date(int(match["y"] or year), int(match["mo"]), int(match["d"]))
        except ValueError:
            return None
        return day.isoformat()
    if _HORIZON_BEFORE.search(before):
        return None
    return match["yy"]
