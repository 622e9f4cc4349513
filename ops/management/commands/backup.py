"""`manage.py backup`: the database and the export files in one archive (ops/backup.py).

manage.py backup                          # into CHITIEU_BACKUP_DIR, named by date and time
manage.py backup --keep 14                # and delete all but the 14 newest there
manage.py backup --output /mnt/usb/x.tar  # to that file
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ops.backup import BackupError, archive_name, backup_create, backups_prune
from ops.management.commands._target import add_target_arguments, target


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and MEDIA_ROOT into one archive with checksums."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output-dir",
            type=Path,
            help=f"Where to write the archive (default CHITIEU_BACKUP_DIR, "
            f"{settings.CHITIEU_BACKUP_DIR}).",
        )
        parser.add_argument("--output", type=Path, help="The archive's path, instead.")
        parser.add_argument(
            "--keep",
            type=int,
            help="Then delete all but this many newest archives in the output directory.",
        )
        add_target_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        database, media_root = target(options)
        directory = Path(options["output_dir"] or settings.CHITIEU_BACKUP_DIR)
        archive = options["output"] or directory / archive_name()
        if options["keep"] is not None and options["keep"] < 1:
            raise CommandError("--keep must be at least 1.")
        try:
            manifest = backup_create(database=database, media_root=media_root, archive=archive)
            removed = (
                backups_prune(directory=directory, keep=options["keep"])
                if options["keep"] and not options["output"]
                else []
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        size_mb = archive.stat().st_size / (1024 * 1024)
        self.stdout.write(
            f"{archive}: database {database}, {len(manifest.media_files)} files from "
            f"{media_root}, {size_mb:.1f} MB"
        )
        for path in removed:
            self.stdout.write(f"removed {path}")
