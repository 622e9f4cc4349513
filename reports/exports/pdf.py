"""The council table as PDF (WeasyPrint), A4 landscape, in the vendored Liberation Serif 2
(Times New Roman's metric twin, see layout.PDF_FONTS). The header row repeats on every page.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from reports.exports import layout
from reports.snapshot import Snapshot


def html(snapshot: Snapshot) -> str:
    """The HTML WeasyPrint lays out (also handy to look at in a browser)."""
    top, bottom = layout.header(snapshot)
    annex, title = layout.title(snapshot)
    rows = [{"row": row, "cells": layout.cell_texts(row, snapshot)} for row in snapshot.rows]
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


def render(snapshot: Snapshot) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=html(snapshot)).write_pdf()
    return pdf
