"""The Django admin respects the quarter lock: a locked quarter is reopened through the review
board (which leaves a record), never edited behind its back."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from entry.models import SubmissionStatus
from tests.factories import ValueFactory, typed_into_quarter


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("status", "editable"),
    [
        (SubmissionStatus.DRAFT, True),
        (SubmissionStatus.RETURNED, True),
        (SubmissionStatus.SUBMITTED, False),
        (SubmissionStatus.APPROVED, False),
    ],
)
def test_admin_cannot_change_a_value_of_a_locked_quarter(admin_client, status, editable):
    value = ValueFactory(quarter=3, year=2025)
    typed_into_quarter(value, status)
    url = reverse("admin:indicators_value_change", args=[value.pk])
    response = admin_client.post(
        url,
        {
            "indicator": value.indicator.pk,
            "year": 2025,
            "quarter": 3,
            "kind": "actual",
            "value": "999",
            "report": value.report.pk,
            "quote": "",
            "derivation": "",
            "note": "",
            "flag": "",
        },
    )
    value.refresh_from_db()
    assert (value.value == 999) is editable
    if not editable:
        assert response.status_code in (200, 403)


def test_a_value_read_from_a_report_stays_editable_in_admin(admin_client):
    value = ValueFactory()
    response = admin_client.get(reverse("admin:indicators_value_change", args=[value.pk]))
    assert b'name="value"' in response.content
