"""Council table exports, one module per format: xlsx (openpyxl), docx (python-docx), pdf
(WeasyPrint), csv. Each renders a `reports.snapshot.Snapshot`, so a stored export can be
rendered again from the rows it recorded, and every format shows the same table."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation

from indicators.models import PlanSource
from reports.snapshot import Snapshot


@dataclass(frozen=True)
class Format:
    extension: str
    content_type: str


FORMATS = {
    "xlsx": Format("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "docx": Format(
        "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "pdf": Format("pdf", "application/pdf"),
    "csv": Format("csv", "text/csv; charset=utf-8"),
}


def render_snapshot(format: str, snapshot: Snapshot, *, kind: str = "table") -> bytes:
    """A file's bytes from a snapshot: the council table, or (kind "sentences", docx only) the
    generated paragraph. Always in Vietnamese: these are the council's documents."""
    from reports.exports import csv, docx, pdf, xlsx

    with translation.override("vi"):
        if kind == "sentences":
            if format != "docx":
                raise ValueError(f"the generated sentences come as docx, not {format!r}")
            return docx.render_sentences(snapshot)
        renderers = {
            "xlsx": xlsx.render,
            "docx": docx.render,
            "pdf": pdf.render,
            "csv": csv.render,
        }
        if format not in renderers:
            raise ValueError(f"unknown export format {format!r}")
        return renderers[format](snapshot)


def render_export(
    format: str,
    *,
    year: int,
    baseline: str = PlanSource.COUNCIL,
    all_indicators: bool = False,
    period: str = "Y",
) -> bytes:
    """The council table of a year (or a period of it) as xlsx, docx, pdf or csv, read from
    the database now (what `export_council_table --format xlsx|docx|pdf` writes)."""
    from reports.selectors import council_snapshot

    snapshot = council_snapshot(
        year=year, baseline=baseline, all_indicators=all_indicators, period=period
    )
    return render_snapshot(format, snapshot)
