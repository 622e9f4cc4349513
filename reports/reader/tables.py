"""The figures of a table row, read through its table's column headings.

Planning tables name their columns: the indicator ("Chỉ tiêu"), its unit ("ĐVT"), values
("Kế hoạch 2024", "Ước TH 2024", "Thực hiện"), completion ("% KH", "So với KH tỉnh giao (%)") and
the change ("So với cùng kỳ (%)", a ratio: 108,5 is +8,5%). Each value column gives a figure of
its kind and period; the completion and change columns are statements about the row's achieved
figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from reports.reader.grammar import HUNDRED, Completion, Context, Figure, baseline_of
from reports.reader.numbers import NUMBER, number_value
from reports.reader.periods import period_in
from reports.reader.sentences import Sentence
from reports.reader.text import fold
from reports.reader.units import LEXICON

_BARE_YEAR = re.compile(r"(?<!nam )\b(20\d{2})\b")


@dataclass(frozen=True)
class Column:
    role: str  # label, unit, plan, estimate, actual, completion, yoy, skip
    period: str = ""
    baseline: str = ""


def column_of(heading: str, default_period: str) -> Column:
    folded = fold(heading)
    # A heading's bare year ("Kế hoạch 2024", "Ước TH 9 tháng 2024") is the year of the column.
    period = period_in(_BARE_YEAR.sub(r"nam \1", folded), default_period)
    if re.search(r"\b(?:dvt|don vi)\b", folded):
        return Column("unit")
    if re.search(r"\b(?:stt|tt)\b", folded) and len(folded) < 5:
        return Column("skip")
    if re.search(r"\b(?:chi tieu|noi dung|ten)\b", folded) and not re.search(r"%|so sanh", folded):
        return Column("label")
    if re.search(r"cung ky|so voi nam", folded):
        return Column("yoy")
    if "%" in folded or re.search(r"\b(?:so sanh|so voi|ty le hoan thanh)\b", folded):
        return Column("completion", baseline=baseline_of(folded))
    if re.search(r"\buoc\b", folded):
        return Column("estimate", period)
    if re.search(r"\b(?:ke hoach|kh)\b", folded):
        return Column("plan", period)
    if re.search(r"\b(?:thuc hien|th|ket qua)\b", folded):
        return Column("actual", period)
    return Column("skip")


def row_figures(sentence: Sentence, context: Context) -> list[Figure]:
    columns = [column_of(h, context.period) for h in sentence.header]
    cells = sentence.cells
    label = next((c for c, col in zip(cells, columns, strict=False) if col.role == "label"), "")
    unit = _unit_of(
        next((c for c, col in zip(cells, columns, strict=False) if col.role == "unit"), "")
    )
    if not label or unit is None:
        return []
    figures: list[Figure] = []
    statements: list[tuple[Column, Decimal]] = []
    for cell, column in zip(cells, columns, strict=False):
        value = _cell_number(cell)
        if value is None:
            continue
        if column.role in ("plan", "estimate", "actual"):
            figures.append(
                Figure(sentence.text, label, value, unit, "", column.period, column.role)
            )
        elif column.role in ("completion", "yoy"):
            statements.append((column, value))
    achieved = next((f for f in figures if f.kind != "plan"), None)
    if achieved is not None:
        for column, value in statements:
            if column.role == "completion":
                achieved.completion.append(Completion(value, column.baseline))
            else:
                # Tables compare with last year as a ratio: 108,5 is 8,5% more.
                achieved.yoy_pct = value - HUNDRED
    return figures


def _cell_number(cell: str) -> Decimal | None:
    text = cell.strip().rstrip("%‰").strip()
    match = NUMBER.fullmatch(fold(text)) if text else None
    return number_value(text) if match else None


def _unit_of(cell: str) -> str | None:
    folded = fold(cell.strip())
    return next((unit for spelling, unit in LEXICON if spelling == folded), None)
