"""The broker (Redis) down while people work: entry goes on, an export asked for is recorded and
the page says so, a return is committed without its mail, never a 500; once the broker is back
the sweeps send what was recorded, once. The web process is pointed at a port where nothing
listens; the machine's Redis is never stopped (other test runs use it)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db.models import F
from django.urls import reverse

from accounts.models import Membership, Role
from entry.models import QuarterSubmission, SubmissionNotice, SubmissionStatus
from entry.selectors import quarter_entry
from entry.tasks import return_notices_send_missed
from indicators.models import Value
from reports.models import Export, ExportStatus
from reports.tasks import exports_requeue_stalled
from tests.builders import QUARTER, YEAR, build_department, form_url, make_user, post_data, save
from tests.ops.conftest import broker_unreachable

RECORDED = "Yêu cầu đã được ghi lại, sẽ xử lý khi hệ thống hàng đợi hoạt động lại."
EXPORT_FORM = {"year": 2024, "baseline": "council", "scope": "main", "kind": "table"}


@pytest.fixture
def planner(client, django_user_model):
    """The planning office's reviewer, signed in: asks for exports, returns quarters."""
    user = django_user_model.objects.create_user("thuy", email="thuy@example.org")
    Membership.objects.create(user=user, role=Role.REVIEWER)
    client.force_login(user)
    return user


def submitted_quarter():
    department, indicators = build_department(1)
    save(make_user(Role.HEAD, department), department, {indicators[0].pk: "57"}, submit=True)
    return department


def return_url(department) -> str:
    kwargs = {"department": department.code, "year": YEAR, "quarter": QUARTER}
    return reverse("entry:submission_return", kwargs=kwargs)


@pytest.mark.django_db
def test_a_department_saves_its_quarter_while_the_broker_is_down(client, broker_down):
    department, indicators = build_department(2)
    client.force_login(make_user(Role.HEAD, department))
    entry = quarter_entry(department, YEAR, QUARTER)

    response = client.post(form_url(department), post_data(entry, {indicators[0].pk: "58"}))

    assert response.status_code == 302
    assert Value.objects.get(indicator=indicators[0], entry__isnull=False).value == 58


def test_an_export_asked_for_while_the_broker_is_down_is_recorded_and_the_page_says_so(
    client, transactional_db, broker_down, export_data, media_root, planner
):
    started = time.monotonic()
    response = client.post(reverse("reports:export_create"), {**EXPORT_FORM, "format": "xlsx"})
    elapsed = time.monotonic() - started

    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:export_detail", args=[export.pk])
    assert export.status == ExportStatus.PENDING and export.queued_at is None
    assert elapsed < 5, f"a down broker held the request {elapsed:.1f} s"
    page = client.get(response["Location"]).content.decode()
    assert RECORDED in page


def test_a_quarter_returned_while_the_broker_is_down_is_returned_without_its_mail_yet(
    client, transactional_db, broker_down, planner
):
    department = submitted_quarter()

    response = client.post(return_url(department), {"comment": "Thiếu số quý III"})

    assert response.status_code == 302
    assert QuarterSubmission.objects.get().status == SubmissionStatus.RETURNED
    assert mail.outbox == [] and not SubmissionNotice.objects.exists()


@pytest.mark.celery_worker
def test_what_was_asked_while_the_broker_was_down_goes_out_once_it_is_back(
    client, celery_worker_app, export_data, media_root, planner
):
    department = submitted_quarter()
    with broker_unreachable():
        client.post(reverse("reports:export_create"), {**EXPORT_FORM, "format": "csv"})
        client.post(return_url(department), {"comment": "Thiếu số quý III"})
    export = Export.objects.get()
    assert export.awaits_queue and mail.outbox == []

    # The broker is back: beat's next sweeps, through Redis to a real worker.
    assert exports_requeue_stalled.delay().get(timeout=30) == {"queued": 1, "failed": 0}
    deadline = time.monotonic() + 30
    while export.status != ExportStatus.DONE and time.monotonic() < deadline:
        time.sleep(0.2)
        export.refresh_from_db()
    assert export.status == ExportStatus.DONE and export.queued_at is not None

    # The notice waits a few minutes for its own task first: the return was six minutes ago.
    QuarterSubmission.objects.update(reviewed_at=F("reviewed_at") - timedelta(minutes=6))
    assert return_notices_send_missed.delay().get(timeout=30) == 1
    assert len(mail.outbox) == 1 and "Thiếu số quý III" in mail.outbox[0].body
    assert return_notices_send_missed.delay().get(timeout=30) == 0
    assert len(mail.outbox) == 1, "sent once"
