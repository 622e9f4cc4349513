"""Backups: the database and the export files in one archive, restored together, so that an
export made before the backup downloads the same bytes after a restore into a fresh database."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import Membership, Role
from ops import backup
from reports import services
from tests.factories import IndicatorFactory, TargetFactory, ValueFactory
from tests.ops.production import ROOT

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Backup and restore run pg_dump and pg_restore: this test needs PostgreSQL "
    "(DATABASE_URL=postgres://...), and this run is on " + connection.vendor,
)


def an_export(user) -> bytes:
    """A built council-table export (Excel), as a person would ask for it: its file's bytes."""
    indicator = IndicatorFactory(code="INCOME", is_main=True, council_group=1, decimals=0)
    TargetFactory(indicator=indicator, value=Decimal("62"))
    ValueFactory(indicator=indicator, value=Decimal("62"))
    export, _created = services.export_request(user=user, format="xlsx", year=2024)
    export.refresh_from_db()
    assert export.is_done, export.error
    with export.file.open("rb") as file:
        return file.read()


def scratch_database() -> tuple[str, str]:
    """A new, empty database on the test run's server: its name and URL."""
    import psycopg

    params = connection.settings_dict
    name = f"chitieu_restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**_connect_args(params), dbname="postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    user = quote(params["USER"] or "", safe="")
    password = f":{quote(params['PASSWORD'], safe='')}" if params["PASSWORD"] else ""
    host, port = params["HOST"] or "127.0.0.1", params["PORT"] or 5432
    return name, f"postgres://{user}{password}@{host}:{port}/{name}"


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(
        **_connect_args(connection.settings_dict), dbname="postgres", autocommit=True
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _connect_args(params) -> dict[str, str]:
    args = {"user": params["USER"], "password": params["PASSWORD"], "host": params["HOST"]}
    if params["PORT"]:
        args["port"] = str(params["PORT"])
    return {k: v for k, v in args.items() if v}


DOWNLOAD = """
import django, hashlib, json
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from reports.models import Export

client = Client(HTTP_HOST="localhost")
client.force_login(get_user_model().objects.get(username="thuy"))
export = Export.objects.get()
response = client.get(reverse("reports:export_download", args=[export.pk]))
body = b"".join(response.streaming_content)
print(json.dumps({"status": response.status_code, "sha256": hashlib.sha256(body).hexdigest(),
                  "filename": export.filename}))
"""


@on_postgresql
def test_an_old_export_downloads_byte_identical_from_a_fresh_database_restored_from_backup(
    transactional_db, django_user_model, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The planning office's reviewer: exports are for the roles that use them.
    user = django_user_model.objects.create_user("thuy")
    Membership.objects.create(user=user, role=Role.REVIEWER)
    made = an_export(user)
    archive = tmp_path / "backup.tar"
    call_command("backup", output=archive, stdout=io.StringIO())

    name, url = scratch_database()
    restored_media = tmp_path / "restored-media"
    try:
        out = io.StringIO()
        call_command(
            "restore",
            archive,
            database_url=url,
            media_root=restored_media,
            interactive=False,
            stdout=out,
        )
        assert "Restored" in out.getvalue()
        # The site as it runs on the restored database and files: another process.
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
        env |= {
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": url,
            "DJANGO_MEDIA_ROOT": str(restored_media),
        }
        result = subprocess.run(
            [sys.executable, "-c", DOWNLOAD],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        drop_database(name)
    assert result.returncode == 0, result.stderr
    downloaded = json.loads(result.stdout)
    assert downloaded["status"] == 200
    assert downloaded["sha256"] == hashlib.sha256(made).hexdigest()


# --- the archive, without a PostgreSQL server: pg_dump replaced by a stand-in -----------------


@pytest.fixture
def fake_pg_dump(monkeypatch):
    """pg_dump writes a known dump; pg_restore records what it was given."""
    calls: list[list[str]] = []

    def run(args: list[str], database: backup.Database) -> None:
        calls.append(args)
        dump = next((a.removeprefix("--file=") for a in args if a.startswith("--file=")), None)
        if dump:
            Path(dump).write_bytes(b"PGDMP fake dump")

    monkeypatch.setattr(backup, "_program", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(backup, "_run", run)
    return calls


@pytest.fixture
def media(tmp_path) -> Path:
    root = tmp_path / "media"
    (root / "exports" / "7").mkdir(parents=True)
    (root / "exports" / "7" / "phu-bieu-2024.xlsx").write_bytes(b"PK\x03\x04 excel bytes")
    (root / "exports" / "8.pdf").write_bytes(b"%PDF-1.7 pdf bytes")
    return root


DATABASE = backup.Database(name="chitieu", user="chitieu", password="mat-khau", host="db")


def test_a_backup_holds_the_dump_and_every_media_file_with_their_checksums(
    fake_pg_dump, media, tmp_path
):
    archive = tmp_path / "out" / "b.tar"
    backup.backup_create(database=DATABASE, media_root=media, archive=archive)

    assert fake_pg_dump[0][0] == "/usr/bin/pg_dump" and "--format=custom" in fake_pg_dump[0]
    assert oct(archive.stat().st_mode & 0o777) == "0o600", "it holds the whole database"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
        members = {name: tar.extractfile(name).read() for name in names if name != "manifest.json"}
    assert names[-1] == "manifest.json"
    assert sorted(members) == [
        "database.dump",
        "media/exports/7/phu-bieu-2024.xlsx",
        "media/exports/8.pdf",
    ]
    assert manifest["format"] == 1 and manifest["database"] == "chitieu"
    for name, data in members.items():
        assert manifest["files"][name] == {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }


def test_restore_checks_then_runs_pg_restore_and_writes_the_files_back(
    fake_pg_dump, media, tmp_path
):
    archive = tmp_path / "b.tar"
    backup.backup_create(database=DATABASE, media_root=media, archive=archive)
    target = tmp_path / "restored"
    backup.backup_restore(archive=archive, database=DATABASE, media_root=target)

    pg_restore = fake_pg_dump[-1]
    assert pg_restore[0] == "/usr/bin/pg_restore"
    for flag in ("--clean", "--if-exists", "--no-owner", "--single-transaction"):
        assert flag in pg_restore
    assert "--dbname=chitieu" in pg_restore
    for path in media.rglob("*"):
        if path.is_file():
            assert (target / path.relative_to(media)).read_bytes() == path.read_bytes()


def test_an_archive_that_does_not_match_its_manifest_is_refused_before_anything_changes(
    fake_pg_dump, media, tmp_path
):
    archive = tmp_path / "b.tar"
    backup.backup_create(database=DATABASE, media_root=media, archive=archive)
    data = archive.read_bytes()
    archive.write_bytes(data.replace(b"pdf bytes", b"pdf bytez"))  # one byte of one file
    calls_before = len(fake_pg_dump)

    with pytest.raises(CommandError, match=r"checksum differs: media/exports/8\.pdf"):
        call_command("restore", archive, check=True)
    with pytest.raises(CommandError, match="checksum differs"):
        call_command("restore", archive, interactive=False, database_url="postgres://x@db/x")
    assert len(fake_pg_dump) == calls_before, "pg_restore never ran"
    assert not (Path(tmp_path) / "restored").exists()


def test_restore_check_says_an_intact_archive_matches(fake_pg_dump, media, tmp_path):
    archive = tmp_path / "b.tar"
    backup.backup_create(database=DATABASE, media_root=media, archive=archive)
    out = io.StringIO()
    call_command("restore", archive, check=True, stdout=out)
    assert "every checksum matches" in out.getvalue() and "2 files" in out.getvalue()


def test_backup_keeps_only_the_newest_archives_when_asked(fake_pg_dump, media, tmp_path, settings):
    settings.MEDIA_ROOT = media
    old = [tmp_path / f"chitieu-2025010{d}-020000.tar" for d in range(1, 4)]
    for path in old:
        path.write_bytes(b"")
    out = io.StringIO()
    call_command(
        "backup", output_dir=tmp_path, keep=2, database_url="postgres://x@db/x", stdout=out
    )
    left = sorted(p.name for p in tmp_path.glob("chitieu-*.tar"))
    assert len(left) == 2 and left[0] == old[-1].name
    assert "removed" in out.getvalue()


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_backup_and_restore_support_postgresql_only(command, tmp_path):
    archive = tmp_path / "b.tar"
    archive.write_bytes(b"")
    args, options = ([archive], {"interactive": False}) if command == "restore" else ([], {})
    with pytest.raises(CommandError, match="PostgreSQL only"):
        call_command(command, *args, database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}", **options)
