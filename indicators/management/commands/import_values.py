from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.importing import ImportRejected, values_import
from indicators.services import SYSTEM_USERNAME, command_user


class Command(BaseCommand):
    help = "Import targets and values from a UTF-8 CSV file; a file with any bad row saves nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user",
            help=f"the username the history records for every figure written "
            f"(default: the system account {SYSTEM_USERNAME})",
        )

    def handle(self, *args: Any, file: Path, user: str | None = None, **options: Any) -> None:
        try:
            actor = command_user(user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {file}: {exc.strerror}") from exc
        try:
            result = values_import(content, user=actor, file_name=file.name)
        except ImportRejected as exc:
            raise CommandError(
                f"Tệp {file} bị từ chối, không lưu dòng nào:\n" + "\n".join(exc.errors)
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập {result.rows} dòng từ {file}: {result.created} số liệu mới, "
                f"{result.updated} thay đổi, {result.unchanged} không đổi "
                f"(người nhập: {actor.get_username()})."
            )
        )
        if result.created_indicators:
            self.stdout.write("Chỉ tiêu mới: " + ", ".join(result.created_indicators))
        if result.created_sectors:
            self.stdout.write("Lĩnh vực mới: " + ", ".join(result.created_sectors))
        if result.created_reports:
            self.stdout.write("Báo cáo nguồn mới: " + ", ".join(result.created_reports))
