"""Export builds are delivered at least once: a build run again after its process died ends
with one file, and one whose process dies every time gives up."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from reports import services
from reports import tasks as report_tasks
from reports.models import Export, ExportStatus


@pytest.fixture
def clerk(django_user_model):
    return django_user_model.objects.create_user("thuy", first_name="Thủy", last_name="Lê")


def ask(user, fmt="xlsx"):
    return services.export_request(user=user, format=fmt, year=2024)


def test_a_build_whose_process_died_under_it_three_times_fails_instead_of_coming_back(
    income, clerk, django_capture_on_commit_callbacks
):
    # reject_on_worker_lost hands the message back each time its process dies: a file that
    # kills its worker every time (the OOM killer) must not come back for ever.
    with django_capture_on_commit_callbacks(execute=False):
        export, _ = ask(clerk)
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING,
        attempts=services.EXPORT_MAX_ATTEMPTS,
        started_at=timezone.now(),
    )

    assert report_tasks.export_build.apply(args=[export.pk]).get() == "failed"
    export.refresh_from_db()
    assert "bị dừng giữa chừng 3 lần" in export.error and export.can_retry


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


def test_the_export_task_is_acknowledged_late_and_given_back_when_its_worker_dies():
    task = report_tasks.export_build
    assert task.acks_late and task.reject_on_worker_lost
    assert task.time_limit and task.soft_time_limit < task.time_limit
