from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from indicators.models import PlanSource
from indicators.periods import YEAR
from reports.council_table import TABLE_PERIODS, council_table, to_jsonable
from reports.exports import render_export
from reports.exports.csv import records_csv

TEXT_FORMATS = ("json", "csv")
BINARY_FORMATS = ("xlsx", "docx", "pdf")


class Command(BaseCommand):
    help = (
        "Write the council table of a year or of a period of it (main indicators, or every "
        "one with --all)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=TEXT_FORMATS + BINARY_FORMATS, default="json")
        parser.add_argument(
            "--all", action="store_true", help="every indicator, not only main ones"
        )
        parser.add_argument(
            "--baseline",
            choices=PlanSource.values,
            default=PlanSource.COUNCIL,
            help="which plan completion is measured against",
        )
        parser.add_argument(
            "--period",
            choices=TABLE_PERIODS,
            default=YEAR,
            help="a period of the year: M3, M6, M9 (year to date), Q1-Q4 (a quarter's own "
            "figure), against the annual plan with the pace; the year when omitted",
        )
        parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")

    def handle(
        self,
        *args: Any,
        year: int,
        format: str,
        all: bool,
        baseline: str,
        period: str,
        output: Path | None,
        **options: Any,
    ) -> None:
        rows = council_table(year=year, baseline=baseline, all_indicators=all, period=period)
        if format == "json":
            records = [{k: to_jsonable(v) for k, v in row.as_record().items()} for row in rows]
            data = (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode()
        elif format == "csv":
            # UTF-8 with a byte-order mark, as the web page's download (reports.exports.csv).
            data = records_csv((row.as_record() for row in rows), period=period != YEAR)
        else:
            data = self._binary(
                format, year=year, baseline=baseline, all_indicators=all, period=period
            )
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            output.write_bytes(data)
            self.stderr.write(f"Wrote {output} ({len(rows)} indicators).")

    def _binary(
        self, format: str, *, year: int, baseline: str, all_indicators: bool, period: str
    ) -> bytes:
        return render_export(
            format, year=year, baseline=baseline, all_indicators=all_indicators, period=period
        )
