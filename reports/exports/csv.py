"""The council table as CSV, two ways.

- `render`: the web page's "CSV (UTF-8)", a table for people: the annex's columns under their
  Vietnamese headers, figures at display precision, status words, heading rows in place; no
  checking notes. Written by the app's one table exporter (indicators.table_files: byte-order
  mark for Windows Excel, formulas neutralised).
- `records_csv`: `export_council_table --format csv`, for machines: the JSON fields of
  domain.md, numbers unrounded with a dot for decimals, empty where undefined.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from indicators import table_files
from reports.council_table import JSON_FIELDS, PERIOD_JSON_FIELDS
from reports.exports import layout
from reports.snapshot import Snapshot, SnapshotRow


def records_csv(records: Iterable[dict[str, Any]], *, period: bool = False) -> bytes:
    """One row a record; a period's table (`period`) has its two more columns."""
    buffer = io.StringIO()
    columns = PERIOD_JSON_FIELDS if period else JSON_FIELDS
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow(
            {
                k: "" if v is None else table_files.neutralised(v) if isinstance(v, str) else v
                for k, v in record.items()
            }
        )
    return ("\ufeff" + buffer.getvalue()).encode()


def headers(snapshot: Snapshot) -> list[str]:
    """One header row from the annex's two: "Năm 2024 - Kế hoạch (NQ HĐND)" where the annex
    merges "Năm 2024" over its sub-columns."""
    top, bottom = layout.header(snapshot)
    out: list[str] = []
    group = ""
    for upper, lower in zip(top, bottom, strict=True):
        group = upper if upper is not None else group
        out.append(group if lower is None else f"{group} - {lower}")
    return out


def table(snapshot: Snapshot) -> table_files.TableFile:
    """The annex as a table for people."""
    return table_files.TableFile(
        sheet=layout.title(snapshot)[0],
        headers=headers(snapshot),
        rows=[_row(row, snapshot) for row in snapshot.rows],
    )


def _row(row: SnapshotRow, snapshot: Snapshot) -> list[table_files.Cell]:
    if row.is_heading:
        empty = [table_files.text("")] * (layout.N_COLUMNS - 2)
        return [table_files.text(row.stt), table_files.text(row.name), *empty]
    return [
        table_files.text(row.stt),
        table_files.text(row.name),
        table_files.text(row.unit),
        *layout.figure_cells(row),
        table_files.text(layout.note_text(row, snapshot)),
    ]


def render(snapshot: Snapshot) -> bytes:
    return table_files.csv_bytes(table(snapshot))
