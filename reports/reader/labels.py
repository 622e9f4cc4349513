"""The indicator phrase of a figure: the words before its value, from the clause's start (or the
end of the figure before it) to the verb ("Tổng mức bán lẻ hàng hóa ... đạt 4.475 tỷ đồng" →
"Tổng mức bán lẻ hàng hóa ..."); when those words are too few to name anything ("Cấp mới 289 hộ
kinh doanh"), the words after the unit join them."""

from __future__ import annotations

import re

from reports.reader.text import fold

# Words between an indicator's name and its value: verbs, time, qualifiers (folded).
_TRAILING = re.compile(
    r"(?:\s|,|:|-)*(?:\b(?:uoc thuc hien|uoc dat|uoc|thuc hien|dat duoc|dat|la|co|con lai|con"
    r"|duoc|tren|hon|khoang|gan|duoi|vuot|xuong|dat ty le|ty le|trong nam|nam \d{4}|den nay"
    r"|cho|don|mac|tong so|tong cong|gom|voi|cap|tang|giam|tu)\b(?:\s|,|:)*)+$"
)
_LEADING = re.compile(
    r"^(?:\s|[-–•+.,:)])*(?:\(?\d+(?:\.\d+)*\)?\.?\s+|[a-zđ]\)\s+)?(?:\b(?:trong do|uoc|nam \d{4}"
    r"|trong nam|tinh den nay|den nay|rieng|bao gom|gom)\b(?:\s|,|:)*)*",
)
_PARENTHESES = re.compile(r"\([^()]*\)")
_ADVERBIAL = re.compile(r"\b(?:thang|quy|nam \d{4}|theo|ngay|\d{1,2}/\d{1,2})\b")
_CLAUSE_MARK = re.compile(r"[;:(]")
_LIST_EDGE = re.compile(r"[),]")
_AFTER_STOP = re.compile(r"[,;.()\d]")
MIN_WORDS = 2
AFTER_WORDS = 8


def label_before(text: str, start: int, number_start: int, unit_end: int) -> str:
    """The label of the figure whose number starts at `number_start` of `text` and whose unit
    ends at `unit_end`; `start` is where the previous figure's words ended."""
    segment = text[start:number_start]
    folded = fold(segment)
    # Parentheses closed before the number are asides; an open one starts the label.
    folded = _PARENTHESES.sub(lambda m: " " * len(m[0]), folded)
    marks = [m.end() for m in _CLAUSE_MARK.finditer(folded)]
    cut = marks[-1] if marks else 0
    if start > 0:
        comma = folded.find(",")
        cut = max(cut, comma + 1 if comma >= 0 else 0)
    label = _strip(segment[cut:], folded[cut:])
    if not label and cut and folded[cut - 1] in ":(":
        # "Nguồn vốn tỉnh quản lý: 20.117/20.117trđ", "khai thác đá (47.800 m³)": the words
        # before the colon or the bracket name it.
        edges = [m.end() for m in _LIST_EDGE.finditer(folded, 0, cut - 1)]
        previous = max([m for m in marks if m < cut] + edges + [0])
        label = _strip(segment[previous : cut - 1], folded[previous : cut - 1])
    label = _without_leading_adverbials(label)
    if len(label.split()) < MIN_WORDS:
        # The counted thing names the figure: "Cấp mới 289 hộ kinh doanh", "đón 647.700 lượt khách".
        unit_words = re.sub(r"^[\d.,/\s]+", "", text[number_start:unit_end])
        after = text[unit_end:]
        stop = _AFTER_STOP.search(after)
        words = (after[: stop.start()] if stop else after).split()[:AFTER_WORDS]
        label = " ".join([*label.split(), *unit_words.split(), *words])
    return label.strip(" ,;:-")


def _without_leading_adverbials(label: str) -> str:
    """ "9 tháng đầu năm, tổng vốn đầu tư ..." → "tổng vốn đầu tư ...": clauses of time or source
    before the last comma are no part of the name (a name's own commas stay: "nông nghiệp - lâm
    nghiệp, thủy sản")."""
    head, comma, tail = label.rpartition(",")
    if comma and len(tail.split()) >= MIN_WORDS + 1 and _ADVERBIAL.search(fold(head)):
        return _strip(tail, fold(tail))
    return label


def _strip(original: str, folded: str) -> str:
    """The original words of the label: `folded` (same length) says where the verbs are."""
    trailing = _TRAILING.search(folded)
    end = trailing.start() if trailing else len(folded)
    leading = _LEADING.match(folded)
    begin = leading.end() if leading else 0
    text = original[begin:end] if begin < end else ""
    return " ".join(_PARENTHESES_ORIGINAL.sub("", text).split())


_PARENTHESES_ORIGINAL = re.compile(r"\([^()]*\)")
