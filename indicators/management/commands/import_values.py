from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.importing import ImportRejected, values_import


class Command(BaseCommand):
    help = "Import targets and values from a UTF-8 CSV file; a file with any bad row saves nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            content = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Không đọc được tệp {file}: {exc}") from exc
        try:
            result = values_import(content)
        except ImportRejected as exc:
            raise CommandError(
                f"Tệp {file} bị từ chối, không lưu dòng nào:\n" + "\n".join(exc.errors)
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"Đã nhập {result.rows} dòng từ {file}."))
        if result.created_indicators:
            self.stdout.write("Chỉ tiêu mới: " + ", ".join(result.created_indicators))
        if result.created_reports:
            self.stdout.write("Báo cáo nguồn mới: " + ", ".join(result.created_reports))
