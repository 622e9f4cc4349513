"""Backups: the database and the export files together in one archive, and their restore.

An export's file lives under MEDIA_ROOT and its row in the database: a restore of the database
alone leaves rows whose file is missing, and every download a 500. So one archive holds both:

    chitieu-20250915-020000.tar
      database.dump      pg_dump --format=custom of the database
      media/...          every file under MEDIA_ROOT
      manifest.json      the SHA-256 and size of each of the above, written last

A restore checks every checksum before it touches anything, then restores the database with
pg_restore (--clean --if-exists --no-owner, in a single transaction) and writes the files back
under MEDIA_ROOT (files there that the archive does not hold are left as they are).
PostgreSQL only: pg_dump and pg_restore (PostgreSQL's client programs) do the database part.

The site may keep running during a backup: pg_dump reads one consistent snapshot, and the files
are copied after it, so every export the dump says is done has its file in the archive.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

import environ
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"
ARCHIVE_PREFIX = "chitieu-"
ARCHIVE_SUFFIX = ".tar"


class BackupError(Exception):
    """What an operator must fix; the commands show it as a CommandError."""


@dataclass(frozen=True)
class Database:
    """A PostgreSQL database as pg_dump and pg_restore reach it (libpq's environment variables,
    so that the password is never on a command line)."""

    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    sslmode: str = ""

    @classmethod
    def of(cls, settings_dict: Mapping[str, Any]) -> Database:
        """From a DATABASES entry; refuses anything but PostgreSQL."""
        engine = settings_dict.get("ENGINE", "")
        if engine != "django.db.backends.postgresql":
            raise BackupError(
                f"Backup and restore support PostgreSQL only, and this database is {engine or '?'}"
                f" ({settings_dict.get('NAME')}). Under SQLite, copy the database file and "
                "MEDIA_ROOT while the site is stopped."
            )
        options = settings_dict.get("OPTIONS") or {}
        return cls(
            name=str(settings_dict["NAME"]),
            user=str(settings_dict.get("USER") or ""),
            password=str(settings_dict.get("PASSWORD") or ""),
            host=str(settings_dict.get("HOST") or ""),
            port=str(settings_dict.get("PORT") or ""),
            sslmode=str(options.get("sslmode") or ""),
        )

    @classmethod
    def from_url(cls, url: str) -> Database:
        """From a DATABASE_URL (postgres://user:password@host:port/name)."""
        return cls.of(environ.Env.db_url_config(url))

    def environment(self) -> dict[str, str]:
        variables = {
            "PGDATABASE": self.name,
            "PGUSER": self.user,
            "PGPASSWORD": self.password,
            "PGHOST": self.host,
            "PGPORT": self.port,
            "PGSSLMODE": self.sslmode,
        }
        return os.environ | {k: v for k, v in variables.items() if v}

    def __str__(self) -> str:
        where = f"{self.host or 'localhost'}:{self.port or 5432}"
        return f"{self.name} on {where}" + (f" as {self.user}" if self.user else "")


@dataclass(frozen=True)
class Manifest:
    """What an archive holds: each member's SHA-256 and size, by its name in the archive."""

    created: str
    database: str
    files: dict[str, dict[str, Any]]

    @property
    def media_files(self) -> list[str]:
        return sorted(name for name in self.files if name.startswith(f"{MEDIA}/"))

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "created": self.created,
            "database": self.database,
            "files": self.files,
        }
        return json.dumps(data, indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        data = json.loads(raw)
        if data.get("format") != FORMAT:
            raise BackupError(f"Unknown archive format {data.get('format')!r} (expected {FORMAT}).")
        return cls(created=data["created"], database=data["database"], files=data["files"])


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found: install PostgreSQL's client programs (Debian: "
            "postgresql-client, the same major version as the server or newer)."
        )
    return path


def _run(args: list[str], database: Database) -> None:
    result = subprocess.run(
        args, env=database.environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        program = Path(args[0]).name
        raise BackupError(f"{program} failed ({result.returncode}): {result.stderr.strip()}")


class _HashingReader:
    """Hashes what tarfile reads from a file, so that the manifest holds the bytes archived."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.file.read(size)
        self.sha256.update(chunk)
        return chunk


def _media_files(media_root: Path) -> Iterator[tuple[str, Path]]:
    if not media_root.is_dir():
        return
    for path in sorted(media_root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            relative = PurePosixPath(path.relative_to(media_root).as_posix())
            yield f"{MEDIA}/{relative}", path


def _add(archive: tarfile.TarFile, name: str, path: Path) -> dict[str, Any]:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as file:
        reader = _HashingReader(file)
        archive.addfile(info, reader)
    return {"sha256": reader.sha256.hexdigest(), "size": info.size}


def archive_name(now: datetime | None = None) -> str:
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M%S")
    return f"{ARCHIVE_PREFIX}{stamp}{ARCHIVE_SUFFIX}"


def backup_create(*, database: Database, media_root: Path, archive: Path) -> Manifest:
    """Write `archive`: a pg_dump of `database`, every file under `media_root`, the manifest.

    The archive appears under its name only once complete, readable by its owner alone (it
    holds the whole database, password hashes included)."""
    pg_dump = _program("pg_dump")
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_name(archive.name + ".partial")
    files: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="chitieu-backup-") as scratch:
        dump = Path(scratch) / DUMP
        _run([pg_dump, "--format=custom", f"--file={dump}", "--no-password"], database)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as out, tarfile.open(fileobj=out, mode="w") as tar:
                files[DUMP] = _add(tar, DUMP, dump)
                for name, path in _media_files(media_root):
                    files[name] = _add(tar, name, path)
                manifest = Manifest(
                    created=timezone.localtime().isoformat(timespec="seconds"),
                    database=database.name,
                    files=files,
                )
                raw = manifest.to_json()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(raw), int(timezone.now().timestamp()), 0o600
                tar.addfile(info, io.BytesIO(raw))
            os.replace(partial, archive)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def backups_prune(*, directory: Path, keep: int) -> list[Path]:
    """Delete all but the `keep` newest archives this command wrote in `directory`."""
    archives = sorted(directory.glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"), reverse=True)
    removed = archives[keep:]
    for path in removed:
        path.unlink()
    return removed


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup_unpack(*, archive: Path, into: Path) -> Manifest:
    """Unpack `archive` into `into` and check every member against the manifest; raises
    BackupError, listing what does not match, before anything is restored."""
    try:
        with tarfile.open(archive, mode="r:") as tar:
            # "data": no absolute paths, no paths out of `into`, no devices or links out.
            tar.extractall(into, filter="data")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{archive} cannot be read as a backup archive: {error}") from error
    manifest_path = into / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{archive} has no {MANIFEST}: not a backup of this site, or cut short.")
    manifest = Manifest.from_json(manifest_path.read_bytes())
    present = {
        path.relative_to(into).as_posix()
        for path in into.rglob("*")
        if path.is_file() and path != manifest_path
    }
    problems = [f"missing: {name}" for name in sorted(set(manifest.files) - present)]
    problems += [f"not in the manifest: {name}" for name in sorted(present - set(manifest.files))]
    for name in sorted(set(manifest.files) & present):
        if _sha256(into / name) != manifest.files[name]["sha256"]:
            problems.append(f"checksum differs: {name}")
    if DUMP not in manifest.files:
        problems.append(f"missing: {DUMP}")
    if problems:
        raise BackupError(f"{archive} does not match its manifest: " + "; ".join(problems))
    return manifest


def backup_restore(*, archive: Path, database: Database, media_root: Path) -> Manifest:
    """Replace `database` with the archive's and write its files under `media_root`, after
    checking every checksum. The database is restored in one transaction: all or nothing."""
    pg_restore = _program("pg_restore")
    with tempfile.TemporaryDirectory(prefix="chitieu-restore-") as scratch:
        unpacked = Path(scratch)
        manifest = backup_unpack(archive=archive, into=unpacked)
        _run(
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                # Grants name roles of the server the backup came from, which may not exist here.
                "--no-privileges",
                "--single-transaction",
                "--no-password",
                f"--dbname={database.name}",
                str(unpacked / DUMP),
            ],
            database,
        )
        for name in manifest.media_files:
            target = media_root / PurePosixPath(name).relative_to(MEDIA)
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(target.name + ".restoring")
            shutil.copy2(unpacked / name, temporary)
            os.replace(temporary, target)
    return manifest
