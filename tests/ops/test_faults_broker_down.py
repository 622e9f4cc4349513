"""The broker (Redis) down while people work: entry goes on, an export asked for is recorded and
the page says so, never a 500. The web process is pointed at a port where nothing listens; the
machine's Redis is never stopped (other test runs use it)."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from accounts.models import Membership, Role
from entry.selectors import quarter_entry
from indicators.models import Value
from reports.models import Export, ExportStatus
from tests.builders import QUARTER, YEAR, build_department, form_url, make_user, post_data

RECORDED = "Yêu cầu đã được ghi lại, sẽ xử lý khi hệ thống hàng đợi hoạt động lại."
EXPORT_FORM = {"year": 2024, "baseline": "council", "scope": "main", "kind": "table"}


@pytest.fixture
def planner(client, django_user_model):
    """The planning office's reviewer, signed in: asks for exports."""
    user = django_user_model.objects.create_user("thuy", email="thuy@example.org")
    Membership.objects.create(user=user, role=Role.REVIEWER)
    client.force_login(user)
    return user


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
