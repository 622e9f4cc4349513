"""Exports as snapshots: built once per request and data, kept as made, failures said and
retried, the Celery task idempotent."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal as D

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import timezone
from openpyxl import load_workbook

from reports import services
from reports import tasks as report_tasks
from reports.models import Export, ExportStatus
from reports.snapshot import Snapshot


@pytest.fixture
def clerk(django_user_model):
    return django_user_model.objects.create_user("thuy", first_name="Thủy", last_name="Lê")


def ask(user, fmt="xlsx", **kwargs):
    return services.export_request(user=user, format=fmt, year=2024, **kwargs)


def test_an_export_is_built_once_its_request_is_committed(
    income, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export, created = ask(clerk)
    assert created and export.status == ExportStatus.PENDING and not export.file
    assert len(callbacks) == 1, "the build is queued on commit, not before"
    callbacks[0]()
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE
    assert export.created_by == clerk and export.attempts == 1
    assert export.filename == "phu-bieu-chi-tieu-chu-yeu-2024.xlsx"
    data = export.file.read()
    assert export.size == len(data) and data.startswith(b"PK")


def test_asking_again_for_the_same_table_of_the_same_data_builds_nothing(
    income, clerk, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = ask(clerk)
    other = django_user_model.objects.create_user("nam")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again, created = ask(other)
    assert not created and again.pk == first.pk
    assert callbacks == [], "nothing was queued"
    again.refresh_from_db()
    assert again.attempts == 1 and again.created_by == clerk
    with django_capture_on_commit_callbacks(execute=True):
        pdf, created = ask(clerk, "docx")
    assert created and pdf.pk != first.pk, "another format is another file"
    assert Export.objects.count() == 2


def test_a_file_stays_as_made_when_the_figures_change_and_a_new_request_sees_them(
    income, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        old, _ = ask(clerk)
    old.refresh_from_db()
    before = old.file.read()
    income.value = D("64")
    income.save()

    with django_capture_on_commit_callbacks(execute=True):
        new, created = ask(clerk)
    assert created and new.pk != old.pk
    new.refresh_from_db()
    old.refresh_from_db()
    with old.file.open("rb") as f:
        assert f.read() == before
    old_sheet = load_workbook(io.BytesIO(before)).active
    new_sheet = load_workbook(io.BytesIO(new.file.read())).active
    assert old_sheet["E12"].value == 62 and new_sheet["E12"].value == 64
    # The record of what was used: the value's id and the figure it had then.
    [old_row] = Snapshot.from_json(old.snapshot).indicators
    assert (old_row.value_id, old_row.actual) == (income.pk, D("62"))


def test_a_build_that_fails_says_why_and_a_retry_builds_it(
    income, clerk, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise OSError("đĩa đầy")

    monkeypatch.setattr(services, "render_snapshot", broken)
    with django_capture_on_commit_callbacks(execute=True):
        export, _ = ask(clerk)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and export.can_retry
    assert export.error == "Không tạo được tệp: OSError: đĩa đầy"

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.export_retry(export=export)
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE and export.error == ""
    assert export.attempts == 2


def test_asking_again_after_a_failure_is_a_retry(
    income, clerk, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "render_snapshot", lambda *a, **k: 1 / 0)
    with django_capture_on_commit_callbacks(execute=True):
        failed, _ = ask(clerk)
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        again, created = ask(clerk)
    again.refresh_from_db()
    assert not created and again.pk == failed.pk and again.status == ExportStatus.DONE


def test_running_past_the_soft_time_limit_is_reported(
    income, clerk, monkeypatch, django_capture_on_commit_callbacks
):
    def slow(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(services, "render_snapshot", slow)
    with django_capture_on_commit_callbacks(execute=True):
        export, _ = ask(clerk)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert "Quá thời gian" in export.error


def test_the_task_is_idempotent(income, clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        export, _ = ask(clerk)
    assert report_tasks.export_build.apply(args=[export.pk]).get() == "done"
    export.refresh_from_db()
    name, digest = export.file.name, export.sha256
    assert report_tasks.export_build.apply(args=[export.pk]).get() == "done"
    export.refresh_from_db()
    assert (export.file.name, export.sha256, export.attempts) == (name, digest, 1)


def test_a_build_abandoned_by_its_worker_can_be_retried(
    income, clerk, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        export, _ = ask(clerk)
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING,
        started_at=timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 120),
    )
    export.refresh_from_db()
    assert export.is_stale and export.can_retry
    Export.objects.filter(pk=export.pk).update(started_at=timezone.now())
    export.refresh_from_db()
    assert not export.can_retry, "a build still within its time limit is left alone"


def test_the_sentences_come_as_word_from_the_main_indicators(
    income, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        export, _ = ask(clerk, "docx", kind="sentences", all_indicators=True)
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE and not export.all_indicators
    assert export.filename == "ket-qua-chi-tieu-chu-yeu-2024.docx"
