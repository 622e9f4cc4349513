"""`manage.py restore ARCHIVE`: the database and the export files from a backup (ops/backup.py).

Stop gunicorn and the Celery workers first: the restore replaces every table.

    manage.py restore chitieu-20250915-020000.tar --check    # checksums only, changes nothing
    manage.py restore chitieu-20250915-020000.tar            # asks before replacing anything
    manage.py restore FILE --database-url postgres://.../chitieu_try --media-root /tmp/m
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from ops.backup import BackupError, backup_restore, backup_unpack
from ops.management.commands._target import add_target_arguments, target


class Command(BaseCommand):
    help = (
        "Check a backup's checksums, then replace the database with its dump (pg_restore "
        "--clean --if-exists --no-owner) and write its files under MEDIA_ROOT."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="An archive written by `backup`.")
        parser.add_argument(
            "--check", action="store_true", help="Only check the archive; change nothing."
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )
        add_target_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file.")
        try:
            if options["check"]:
                with tempfile.TemporaryDirectory(prefix="chitieu-check-") as scratch:
                    manifest = backup_unpack(archive=archive, into=Path(scratch))
                self.stdout.write(
                    f"{archive}: every checksum matches (database {manifest.database}, "
                    f"{len(manifest.media_files)} files, made {manifest.created})."
                )
                return
            database, media_root = target(options)
            if options["interactive"]:
                answer = input(
                    f"This replaces every table of {database} and writes the archive's files "
                    f"under {media_root}. Type 'yes' to go on: "
                )
                if answer.strip().lower() != "yes":
                    raise CommandError("Restore cancelled.")
            # No connection of this process may hold a lock on what pg_restore drops.
            connections.close_all()
            manifest = backup_restore(archive=archive, database=database, media_root=media_root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {database} from {archive} (made {manifest.created}) and "
            f"{len(manifest.media_files)} files under {media_root}."
        )
