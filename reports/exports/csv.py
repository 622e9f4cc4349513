"""The council table as CSV: the `export_council_table --format csv` contract of domain.md.

UTF-8 with a byte-order mark so that Excel reads the Vietnamese names as UTF-8; one row per
indicator with the JSON fields, numbers unrounded with a dot for decimals, empty where
undefined. The command and the web page write the same bytes from here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from reports.council_table import JSON_FIELDS, PERIOD_JSON_FIELDS
from reports.snapshot import Snapshot


def records_csv(records: Iterable[dict[str, Any]], *, period: bool = False) -> bytes:
    """One row a record; a period's table (`period`) has its two more columns."""
    buffer = io.StringIO()
    columns = PERIOD_JSON_FIELDS if period else JSON_FIELDS
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return ("\ufeff" + buffer.getvalue()).encode()


def render(snapshot: Snapshot) -> bytes:
    return records_csv(
        (row.as_record() for row in snapshot.indicators), period=snapshot.period != "Y"
    )
