"""Export builds are delivered at least once, never lost: the Export row is the record of the
request, a broker that is down leaves it pending and not queued, the sweep queues what no
message will bring to a worker, and a build run twice ends with one file."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from kombu.exceptions import OperationalError

from reports import services
from reports import tasks as report_tasks
from reports.models import Export, ExportStatus


@pytest.fixture
def clerk(django_user_model):
    return django_user_model.objects.create_user("thuy", first_name="Thủy", last_name="Lê")


@contextmanager
def broker_refusing(monkeypatch):
    """Publishing a build fails as kombu fails when Redis is down."""

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patch:
        patch.setattr(report_tasks.export_build, "apply_async", refuse)
        yield


def ask(user, fmt="xlsx"):
    return services.export_request(user=user, format=fmt, year=2024)


def asked_while_the_broker_was_down(user, monkeypatch, capture_on_commit) -> Export:
    with broker_refusing(monkeypatch), capture_on_commit(execute=True):
        export, created = ask(user)
    assert created
    return export


def test_asking_while_the_broker_is_down_records_the_export_without_queueing_it(
    income, clerk, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    export = asked_while_the_broker_was_down(clerk, monkeypatch, django_capture_on_commit_callbacks)

    assert export.awaits_queue
    export.refresh_from_db()
    assert export.status == ExportStatus.PENDING and export.queued_at is None
    assert "recorded but not queued" in caplog.text


def test_a_queued_export_says_when_it_was_queued(income, clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export, _ = ask(clerk)
    assert export.awaits_queue
    callbacks[0]()  # in-process here: the build runs as it is queued
    export.refresh_from_db()
    assert export.queued_at is not None and not export.awaits_queue
    assert export.status == ExportStatus.DONE


def test_the_sweep_queues_the_exports_asked_for_while_the_broker_was_down(
    income, clerk, monkeypatch, django_capture_on_commit_callbacks
):
    export = asked_while_the_broker_was_down(clerk, monkeypatch, django_capture_on_commit_callbacks)
    assert export.awaits_queue

    with django_capture_on_commit_callbacks(execute=True):
        assert report_tasks.exports_requeue_stalled.delay().get() == {"queued": 1, "failed": 0}

    export.refresh_from_db()
    assert export.status == ExportStatus.DONE and export.attempts == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.exports_requeue_stalled() == {"queued": 0, "failed": 0}


def test_asking_again_for_an_export_not_yet_queued_queues_it(
    income, clerk, monkeypatch, django_capture_on_commit_callbacks
):
    first = asked_while_the_broker_was_down(clerk, monkeypatch, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        again, created = ask(clerk)
    assert not created and again.pk == first.pk
    again.refresh_from_db()
    assert again.status == ExportStatus.DONE


def _limit() -> timedelta:
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 61)


@pytest.mark.parametrize(
    ("status", "field"), [(ExportStatus.RUNNING, "started_at"), (ExportStatus.PENDING, "queued_at")]
)
def test_the_sweep_queues_a_build_again_once_it_outlived_every_time_limit(
    income, clerk, django_capture_on_commit_callbacks, status, field
):
    # Running: its worker died with it. Queued: the message was lost (Redis restarted empty).
    with django_capture_on_commit_callbacks(execute=False):
        export, _ = ask(clerk)
    Export.objects.filter(pk=export.pk).update(status=status, attempts=1, **{field: timezone.now()})

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.exports_requeue_stalled() == {"queued": 0, "failed": 0}
    assert callbacks == [], "within its time limit a build may still be going somewhere"

    with django_capture_on_commit_callbacks(execute=True):
        swept = services.exports_requeue_stalled(now=timezone.now() + _limit())
    assert swept == {"queued": 1, "failed": 0}
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE and export.attempts == 2


def test_a_build_whose_process_died_under_it_three_times_fails_instead_of_coming_back(
    income, clerk, django_capture_on_commit_callbacks
):
    # reject_on_worker_lost hands the message back each time its process dies: a file that
    # kills its worker every time (the OOM killer) must not come back for ever.
    with django_capture_on_commit_callbacks(execute=False):
        export, _ = ask(clerk)
    started = timezone.now()
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, attempts=services.EXPORT_MAX_ATTEMPTS, started_at=started
    )

    assert report_tasks.export_build.apply(args=[export.pk]).get() == "failed"
    export.refresh_from_db()
    assert "bị dừng giữa chừng 3 lần" in export.error and export.can_retry

    # Found by the sweep instead (the whole worker was killed each time): failed the same.
    Export.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING, error="")
    swept = services.exports_requeue_stalled(now=started + _limit())
    assert swept == {"queued": 0, "failed": 1}
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED


def test_a_build_that_died_after_writing_its_file_leaves_one_file_once_built_again(
    income, clerk, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        export, _ = ask(clerk)
    # The dead build's file, written but never recorded: the row is still running, no file.
    name = export.file.field.generate_filename(export, export.filename)
    export.file.storage.save(name, ContentFile(b"half a file"))
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, attempts=1, started_at=timezone.now()
    )

    assert report_tasks.export_build.apply(args=[export.pk]).get() == "done"

    export.refresh_from_db()
    files = sorted(p for p in media_root.rglob("*") if p.is_file())
    assert files == [media_root / name], "one file, under its own name"
    assert export.file.name == name and export.file.read().startswith(b"PK")


def test_every_export_task_is_acknowledged_late_and_given_back_when_its_worker_dies():
    for task in (report_tasks.export_build, report_tasks.exports_requeue_stalled):
        assert task.acks_late and task.reject_on_worker_lost
        assert task.time_limit and task.soft_time_limit < task.time_limit
