"""A worker killed with `kill -9` in the middle of an export: the export is built again by itself
and ends with one file. Real worker processes (tests/ops/fault_worker.py) on the test Redis and
the PostgreSQL test database; a test takes some 10-15 seconds, most of it starting workers."""

from __future__ import annotations

import os
import signal
import time

import pytest

from reports import services
from reports.models import Export, ExportStatus
from tests.ops.conftest import files_under

pytestmark = pytest.mark.celery_worker


def finished(export: Export, workers, timeout: float = 45) -> Export:
    """The export once its build is done or failed, as the database has it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        export.refresh_from_db()
        if export.status in (ExportStatus.DONE, ExportStatus.FAILED):
            return export
        time.sleep(0.2)
    pytest.fail(f"export still {export.status} after {timeout} s:\n{workers.output()}")


@pytest.fixture
def clerk(django_user_model):
    return django_user_model.objects.create_user("thuy")


def test_an_export_whose_pool_process_is_killed_is_built_again_by_itself(
    fault_workers, export_data, media_root, clerk
):
    # As the OOM killer does: the process building the file dies, its worker lives on.
    fault_workers.start()
    export, created = services.export_request(user=clerk, format="xlsx", year=2024)
    assert created

    os.kill(fault_workers.held_build_pid(), signal.SIGKILL)

    export = finished(export, fault_workers)
    assert export.status == ExportStatus.DONE, export.error
    assert export.attempts == 2, "the killed build, then the one that finished"
    assert files_under(media_root) == [media_root / export.file.name]
