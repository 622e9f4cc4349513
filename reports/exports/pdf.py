"""The council table as PDF (WeasyPrint), A4 landscape, in the vendored Liberation Serif 2
(Times New Roman's metric twin, see layout.PDF_FONTS). The header row repeats on every page.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from reports.exports import layout
from reports.snapshot import Snapshot, SnapshotRow


def html(snapshot: Snapshot) -> str:
    """The HTML WeasyPrint lays out (also handy to look at in a browser)."""
    top, bottom = layout.header(snapshot)
    annex, title = layout.title(snapshot)
    rows = [{"row": row, "cells": _cells(row, snapshot)} for row in snapshot.rows]
    total = sum(c.width for c in layout.COLUMNS)
    context = {
        "snapshot": snapshot,
        "fonts": layout.PDF_FONTS,
        "font_dir": (settings.BASE_DIR / "static" / layout.PDF_FONT_DIR).as_uri(),
        "issuer": layout.ISSUER,
        "nation": layout.NATION,
        "place_and_date": layout.place_and_date(snapshot),
        "annex": annex,
        "title": title,
        "subtitle": layout.subtitle(snapshot),
        "footnote": layout.footnote(snapshot),
        "top": top,
        "bottom": bottom,
        "columns": [
            {"key": c.key, "width": round(100 * c.width / total, 2)} for c in layout.COLUMNS
        ],
        "rows": rows,
    }
    return render_to_string("reports/exports/council_table.html", context)


CHANGE = 6  # the "So cùng kỳ" column


def _cells(row: SnapshotRow, snapshot: Snapshot) -> list[str]:
    """The row's texts; a change in points may wrap before "điểm" (it is wider than its
    column: "+30,32 điểm %" ran into the next one), never between "điểm" and its symbol."""
    cells = layout.cell_texts(row, snapshot)
    cells[CHANGE] = cells[CHANGE].replace(" %", "\u00a0%").replace(" ‰", "\u00a0‰")
    return cells


def render(snapshot: Snapshot) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=html(snapshot)).write_pdf()
    return pdf
