"""A whole report read: its header, then every sentence's figures matched to the catalogue, as
the JSON of `read_report` (domain.md, "Reading a report")."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from reports.reader.extraction import text_of
from reports.reader.grammar import Context, Figure, sentence_figures
from reports.reader.header import read_header
from reports.reader.matching import Catalogue
from reports.reader.numbers import decimal_text
from reports.reader.periods import year_of
from reports.reader.sentences import split_sentences
from reports.reader.tables import row_figures


def read_text(
    text: str,
    *,
    catalogue: Catalogue,
    number: str | None = None,
    day: date | None = None,
    period: str | None = None,
) -> dict[str, Any]:
    """The contract JSON (as Python data) of a report's text. Number, date and period given
    override what the header says."""
    text = unicodedata.normalize("NFC", text)
    header = read_header(text)
    number = number if number is not None else header.number
    day = day if day is not None else header.date
    period = period or header.period or (str(day.year) if day else str(date.today().year))
    context = Context(
        period,
        estimate_by_default=_year_not_over(period, day or header.written_by),
        report_date=day,
    )
    figures = [
        figure
        for sentence in split_sentences(text, period)
        for figure in (
            row_figures(sentence, context)
            if sentence.is_table_row
            else sentence_figures(sentence, context)
        )
    ]
    return {
        "report": {"number": number, "date": day.isoformat() if day else None, "period": period},
        "figures": [_figure_record(figure, catalogue) for figure in figures],
    }


def read_file(path: Path, *, catalogue: Catalogue, **header: Any) -> dict[str, Any]:
    return read_text(text_of(path), catalogue=catalogue, **header)


def _year_not_over(period: str, day: date | None) -> bool:
    """A whole year reported before it ends can only be estimated ("ước" or not)."""
    return len(period) == 4 and day is not None and day < date(year_of(period), 12, 31)


def _figure_record(figure: Figure, catalogue: Catalogue) -> dict[str, Any]:
    match = catalogue.match(figure.label, figure.unit, figure.quote)
    return {
        "quote": figure.quote,
        "label": figure.label,
        "indicator_code": match.code,
        "match_score": float(match.score),
        "candidates": [
            {"indicator_code": c.code, "match_score": float(c.score)} for c in match.candidates[1:]
        ],
        "value": decimal_text(figure.value),
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "period": figure.period,
        "kind": figure.kind,
        "completion": [
            {"pct": decimal_text(c.pct), "baseline": c.baseline} for c in figure.completion
        ],
        "yoy_pct": _optional(figure.yoy_pct),
        "yoy_points": _optional(figure.yoy_points),
        "yoy_abs": _optional(figure.yoy_abs),
    }


def _optional(value: Any) -> str | None:
    return None if value is None else decimal_text(value)
