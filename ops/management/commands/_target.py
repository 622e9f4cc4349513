"""What the backup and restore commands share: which database and which MEDIA_ROOT."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from ops.backup import BackupError, Database


def add_target_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--database",
        default=DEFAULT_DB_ALIAS,
        help="The DATABASES alias (default: default, i.e. DATABASE_URL).",
    )
    parser.add_argument(
        "--database-url",
        help="Another PostgreSQL database instead, e.g. a scratch one to try a restore on.",
    )
    parser.add_argument(
        "--media-root", type=Path, help=f"Instead of MEDIA_ROOT ({settings.MEDIA_ROOT})."
    )


def target(options: dict[str, Any]) -> tuple[Database, Path]:
    try:
        if options["database_url"]:
            database = Database.from_url(options["database_url"])
        else:
            database = Database.of(connections[options["database"]].settings_dict)
    except BackupError as error:
        raise CommandError(str(error)) from error
    return database, Path(options["media_root"] or settings.MEDIA_ROOT)
