"""`python manage.py read_report FILE [--number N] [--date YYYY-MM-DD] [--period P]`: the
figures a report states, as JSON on stdout (domain.md, "Reading a report"). Writes nothing."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from reports.reader.document import read_text
from reports.reader.extraction import ReaderError, text_of
from reports.reader.matching import Catalogue
from reports.reader.selectors import catalogue_entries

PERIOD = re.compile(r"^\d{4}(?:-Q[1-4]|-M(?:[1-9]|1[0-2])|-\d{2}-\d{2})?$")


class Command(BaseCommand):
    help = "Read a report (.txt, .md, .docx, .pdf) and print the figures it states as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--number", help="the report's number, e.g. 5268/BC-UBND")
        parser.add_argument("--date", help="the report's date, YYYY-MM-DD")
        parser.add_argument("--period", help="the report's period: 2024, 2024-Q1, 2024-M9 ...")

    def handle(
        self,
        *args: Any,
        file: Path,
        number: str | None,
        date: str | None,
        period: str | None,
        **options: Any,
    ) -> None:
        day = _date_option(date)
        if period is not None and not PERIOD.match(period):
            raise CommandError(
                _("Kỳ báo cáo “%(period)s” không hợp lệ (ví dụ: 2024, 2024-Q1, 2024-M9).")
                % {"period": period}
            )
        try:
            text = text_of(file)  # before the catalogue: a bad file needs no database
        except ReaderError as exc:
            raise CommandError(exc.message) from exc
        try:
            catalogue = Catalogue(catalogue_entries())
        except DatabaseError as exc:
            raise CommandError(
                _("Không đọc được danh mục chỉ tiêu (đã chạy migrate chưa?): %(error)s")
                % {"error": exc}
            ) from exc
        result = read_text(text, catalogue=catalogue, number=number, day=day, period=period)
        data = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
        if options.get("stdout") is None:
            # UTF-8 whatever the terminal's locale: other tools read this output.
            sys.stdout.buffer.write(data.encode("utf-8"))
            sys.stdout.buffer.flush()
        else:  # call_command(..., stdout=...)
            self.stdout.write(data, ending="")


def _date_option(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("Ngày “%(date)s” không hợp lệ: hãy ghi theo dạng YYYY-MM-DD.") % {"date": text}
        ) from None
