"""A worker killed with `kill -9` in the middle of an export: the export is built again by itself
and ends with one file. Real worker processes (tests/ops/fault_worker.py) on the test Redis and
the PostgreSQL test database; each test takes some 10-20 seconds, most of it starting workers."""

from __future__ import annotations

import os
import signal
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

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


def test_an_export_whose_whole_worker_is_killed_is_queued_again_by_the_sweep(
    fault_workers, export_data, media_root, clerk
):
    # kill -9 of the worker and its pool: nobody is left to give the message back, which Redis
    # holds until the visibility timeout (an hour). The sweep that beat runs every minute
    # queues the build again once it has run longer than any task may.
    first = fault_workers.start()
    export, _ = services.export_request(user=clerk, format="xlsx", year=2024)
    fault_workers.held_build_pid()
    first.kill()
    export.refresh_from_db()
    assert export.status == ExportStatus.RUNNING
    assert services.exports_requeue_stalled() == {"queued": 0, "failed": 0}, (
        "a build within its time limit may still be running somewhere: left alone"
    )

    fault_workers.start()
    later = timezone.now() + timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 61)
    assert services.exports_requeue_stalled(now=later) == {"queued": 1, "failed": 0}

    export = finished(export, fault_workers)
    assert export.status == ExportStatus.DONE, export.error
    assert export.attempts == 2
    assert files_under(media_root) == [media_root / export.file.name]
