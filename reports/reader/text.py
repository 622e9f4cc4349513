"""Text helpers every step uses: folding away case and diacritics, and the report text as quotes
are given (no markdown emphasis, no footnote marks, one space between words)."""

from __future__ import annotations

import re
import unicodedata

# Footnote marks; "²" and "³" after "m" are square and cubic metres.
_FOOTNOTE = re.compile(r"<sup>\s*\(?\d+\)?\s*</sup>|[⁽⁾⁰¹⁴⁵⁶⁷⁸⁹]|(?<!m)[²³]")
_SUPERSCRIPT_UNIT = re.compile(r"(?<=m)<sup>\s*([23])\s*</sup>")
_SPACE = re.compile(r"\s+")


class _FoldTable(dict[int, str]):
    """Each character's folded form, worked out the first time it is met (`str.translate`
    looks characters up in it): a report folds in milliseconds."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "đĐ":
            folded = "d"
        else:
            base = unicodedata.normalize("NFD", char)[0]
            folded = base.lower() if len(base.lower()) == 1 else base
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower case without diacritics, "đ" as "d": "Thu ngân sách" → "thu ngan sach". The length
    is kept for text in NFC (one character in, one out), so positions carry over."""
    return text.translate(_FOLD_TABLE)


def clean(text: str) -> str:
    """Text as a quote shows it: "m<sup>2</sup>" as "m²", footnote marks and markdown emphasis
    gone, white space collapsed."""
    text = _SUPERSCRIPT_UNIT.sub(lambda m: "²" if m[1] == "2" else "³", text)
    text = _FOOTNOTE.sub("", text).replace("*", "")
    return _SPACE.sub(" ", text).strip()
