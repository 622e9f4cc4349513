"""A report's text cut into sentences, each with the section it sits in.

Lines are units: a line that stops mid-sentence (no final punctuation) and a later line that
starts in lower case are one sentence even with a page's footnotes between them, as text copied
from Word or PDF pages has it. Within a unit, a sentence ends at ".", "!" or "?" before a capital
letter, except after an abbreviation ("TP. Lai Châu") or a list number ("(1). Thu nhập ..."):
decimal commas and thousands dots never end one, since no space follows them. A table row
(cells joined by "|") is one sentence of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reports.reader.periods import year_of
from reports.reader.text import clean, fold

# Abbreviations after which a full stop does not end the sentence (a place, a title, a road).
ABBREVIATIONS = frozenset(
    {"tp", "tx", "tt", "p", "q", "x", "ts", "ths", "bs", "gs", "pgs", "ql", "tl", "dt", "tr", "st"}
)
_HEADING_MARKS = re.compile(r"^(?:#+\s*|\*\*|\*\*\*)")
_NUMBERED_HEADING = re.compile(r"^(?:[IVX]+\.|Phần thứ|\d+(?:\.\d+)*\.\s)", re.IGNORECASE)
_FOOTNOTE_START = re.compile(r"^\s*<sup>\s*\(?\d+\)?\s*</sup>")
_BOUNDARY = re.compile(r"[.!?…]+[\"”»)]?\s+")
_LIST_NUMBER = re.compile(r"^(?:[-–•+]\s*)?(?:\(?\d+(?:\.\d+)*\)?|[a-zđ]\))$", re.IGNORECASE)
_PLAN_WORDS = re.compile(r"\b(?:ke hoach|muc tieu|nhiem vu|phuong huong|chi tieu|du toan)\b")
_YEAR = re.compile(r"\bnam\s+(20\d{2})\b")


@dataclass(frozen=True)
class Section:
    """What a section's heading says of the figures under it: their period, and whether they
    are plans (the "Kế hoạch năm 2025" part of a November report)."""

    period: str
    is_plan: bool = False


@dataclass(frozen=True)
class Sentence:
    text: str
    section: Section
    is_table_row: bool = False
    # A table row's column headings: the first row of its table.
    header: tuple[str, ...] = ()

    @property
    def cells(self) -> tuple[str, ...]:
        return tuple(cell.strip() for cell in self.text.split("|"))


def split_sentences(text: str, period: str) -> list[Sentence]:
    """The sentences of a report whose own period is `period`."""
    section = Section(period)
    sentences: list[Sentence] = []
    header: tuple[str, ...] | None = None
    for unit, is_heading, is_row in _units(text):
        if not is_row:
            header = None
        if is_heading:
            section = _section_after(unit, section, period)
        elif is_row and header is None:
            header = tuple(cell.strip() for cell in unit.split("|"))
        elif is_row:
            sentences.append(Sentence(unit, section, is_table_row=True, header=header or ()))
        else:
            sentences.extend(Sentence(part, section) for part in split_unit(unit))
    return sentences


def split_unit(unit: str) -> list[str]:
    """One paragraph's sentences."""
    parts: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(unit):
        following = unit[match.end() : match.end() + 1]
        if not following or not (following.isupper() or following in '(-–“"'):
            continue
        words = [word for word in unit[start : match.start() + 1].split() if word not in "-–•+"]
        last = words[-1].rstrip(".!?…") if words else ""
        if fold(last) in ABBREVIATIONS:
            continue
        if len(words) == 1 and _LIST_NUMBER.match(words[0].rstrip(".")):
            continue  # "(1). Thu nhập ...": the number opens the sentence
        parts.append(unit[start : match.end()].strip())
        start = match.end()
    tail = unit[start:].strip()
    if tail:
        parts.append(tail)
    return [part for part in parts if any(char.isdigit() for char in part)]


def _units(text: str) -> Iterator[tuple[str, bool, bool]]:
    """(text, is a heading, is a table row) for every line, lines that continue one another
    joined."""
    pending: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        is_row = ("|" in line and line.count("|") >= 2) or line.startswith("|")
        if is_row:
            if pending is not None:
                yield from _emit(pending)
                pending = None
            row = clean(line.strip("|").replace("|", " | "))
            if not re.fullmatch(r"[\s|:\-]*", row):  # a markdown table's rule line
                yield re.sub(r"\s*\|\s*", " | ", row), False, True
            continue
        is_footnote = bool(_FOOTNOTE_START.match(line))
        if pending is not None and not is_footnote and _continues(line):
            pending = f"{pending} {line}"
            continue
        if pending is not None and not is_footnote:
            yield from _emit(pending)
            pending = None
        if is_footnote:
            yield from _emit(line)
            continue
        pending = line
    if pending is not None:
        yield from _emit(pending)


def _continues(line: str) -> bool:
    first = clean(line)[:1]
    return bool(first) and (first.islower() or first.isdigit())


def _emit(line: str) -> Iterator[tuple[str, bool, bool]]:
    heading = _is_heading(line)
    yield clean(_HEADING_MARKS.sub("", line)), heading, False


def _is_heading(line: str) -> bool:
    if line.startswith("#"):
        return True
    stripped = line.strip()
    if stripped.startswith("**") and stripped.endswith("**") and len(stripped) < 250:
        return True
    text = clean(stripped)
    if len(text) >= 250 or text.endswith((".", ";", ":", ",")):
        return False
    if _NUMBERED_HEADING.match(text) and text.upper() == text:
        return True
    # A plain short line naming a year's plan and no other number: "Phương hướng, nhiệm vụ năm
    # 2025", as text from a PDF or a plain file writes headings.
    folded = fold(text)
    return (
        len(text) < 120
        and bool(_YEAR.search(folded) and _PLAN_WORDS.search(folded))
        and len(re.findall(r"\d+", _YEAR.sub("", folded))) == 0
    )


def _section_after(heading: str, current: Section, report_period: str) -> Section:
    """A heading that names a year starts that year's section: a plan when the year is after the
    report's and the heading speaks of plans or targets; the report's own period otherwise."""
    folded = fold(heading)
    match = _YEAR.search(folded)
    if match is None:
        return current
    year = int(match[1])
    if year > year_of(report_period) and _PLAN_WORDS.search(folded):
        return Section(str(year), is_plan=True)
    if year == year_of(report_period):
        return Section(report_period)
    return current
