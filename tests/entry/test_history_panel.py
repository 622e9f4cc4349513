"""The history on the public indicator page: a draft, a figure waiting for review and a
reviewer's comment are internal, shown only to those who may read the indicator's department
(through the client, every role: the page, not the template, makes the decision)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Role
from entry import services
from tests.builders import build_department, make_user, review, save

DRAFT_FIGURE = "12.345"  # typed by the department, never approved
COMMENT = "Số quý III chưa khớp báo cáo"

# role -> whether the history (with the draft figure and the comment) is shown
READERS = {
    "anonymous": False,
    "no_role": False,
    "staff_own": True,
    "head_own": True,
    "staff_other": False,
    "head_other": False,
    "reviewer": True,
    "leadership": True,
    "admin": True,
}


@pytest.fixture
def returned_quarter(db):
    """A department's quarter submitted with a figure nobody approved, then returned."""
    department, indicators = build_department(1)
    head = make_user(Role.HEAD, department, "head-own")
    save(head, department, {indicators[0].pk: DRAFT_FIGURE}, submit=True)
    reviewer = make_user(Role.REVIEWER, username="reviewer")
    review(services.submission_return, reviewer, department, comment=COMMENT)
    return department, indicators[0]


def _user(role: str, department):
    if role == "anonymous":
        return None
    if role == "no_role":
        return get_user_model().objects.create_user("no-role", password="x")
    if role in ("reviewer", "head_own"):
        return get_user_model().objects.get(username=role.replace("_", "-"))
    if role.endswith("_other"):
        other, _ = build_department(1, code="YTE", name="Phòng Y tế")
        return make_user(Role(role.split("_")[0]), other, role)
    if role == "staff_own":
        return make_user(Role.STAFF, department, role)
    return make_user(Role(role), username=role)


@pytest.mark.parametrize("role", READERS)
def test_the_indicator_pages_history_shows_drafts_only_to_who_may_read_them(
    client, returned_quarter, role
):
    department, indicator = returned_quarter
    user = _user(role, department)
    if user is not None:
        client.force_login(user)

    response = client.get(reverse("indicators:indicator_detail", args=[indicator.code]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Lịch sử thay đổi" in html
    shown = READERS[role]
    assert (DRAFT_FIGURE in html) is shown
    assert (COMMENT in html) is shown
    assert ('id="history"' in html) is shown
