"""Every write URL with every role: only the allowed ones change anything; the others get 403
(or the login page) and nothing changes. Also: login is required, and login throttling."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from indicators import permissions as perms
from indicators.entry_selectors import quarter_entry
from indicators.models import QuarterSubmission, Role, SubmissionStatus, Value
from tests.factories import (
    QUARTER,
    YEAR,
    build_department,
    form_url,
    make_user,
    post_data,
    save,
    typed_for,
)

ROLES = [
    "anonymous",
    "no_role",
    "staff_own",
    "staff_other",
    "head_own",
    "head_other",
    "reviewer",
    "leadership",
    "admin",
]

# action: (status the quarter is in before, roles allowed)
WRITES = {
    "save": (SubmissionStatus.DRAFT, {"staff_own", "head_own", "admin"}),
    "submit": (SubmissionStatus.DRAFT, {"staff_own", "head_own", "admin"}),
    "save_returned": (SubmissionStatus.RETURNED, {"staff_own", "head_own", "admin"}),
    "save_submitted": (SubmissionStatus.SUBMITTED, set()),
    "save_approved": (SubmissionStatus.APPROVED, set()),
    "submit_approved": (SubmissionStatus.APPROVED, set()),
    "approve": (SubmissionStatus.SUBMITTED, {"reviewer", "admin"}),
    "approve_draft": (SubmissionStatus.DRAFT, set()),
    "return": (SubmissionStatus.SUBMITTED, {"reviewer", "admin"}),
    "reopen": (SubmissionStatus.APPROVED, {"reviewer", "admin"}),
    "reopen_submitted": (SubmissionStatus.SUBMITTED, set()),
    "deadline": (SubmissionStatus.DRAFT, {"reviewer", "admin"}),
    "deadline_approved": (SubmissionStatus.APPROVED, {"reviewer", "admin"}),
}


def _users(department, other):
    return {
        "anonymous": None,
        "no_role": get_user_model().objects.create_user("no-role", password="x"),
        "staff_own": make_user(Role.STAFF, department, "staff-own"),
        "staff_other": make_user(Role.STAFF, other, "staff-other"),
        "head_own": make_user(Role.HEAD, department, "head-own"),
        "head_other": make_user(Role.HEAD, other, "head-other"),
        "reviewer": make_user(Role.REVIEWER),
        "leadership": make_user(Role.LEADERSHIP),
        "admin": make_user(Role.ADMIN),
    }


def _snapshot() -> tuple:
    """Everything a write could change."""
    return (
        sorted(Value.objects.values_list("id", "value", "kind", "note", "report_id")),
        sorted(QuarterSubmission.objects.values_list("id", "status", "deadline", "comment")),
        Value.history.count(),
        QuarterSubmission.history.count(),
    )


def _request(action: str, department, indicators) -> tuple[str, dict]:
    kwargs = {"department": department.code, "year": YEAR, "quarter": QUARTER}
    verb = action.split("_")[0]
    if verb in ("save", "submit"):
        entry = quarter_entry(department, YEAR, QUARTER)
        data = post_data(entry, typed_for(indicators, offset=2), action=verb)
        return form_url(department), data
    if verb == "approve":
        return reverse("indicators:submission_approve", kwargs=kwargs), {}
    if verb == "return":
        return reverse("indicators:submission_return", kwargs=kwargs), {"comment": "Sửa lại"}
    if verb == "reopen":
        return reverse("indicators:submission_reopen", kwargs=kwargs), {"reason": "Sửa lại"}
    return reverse("indicators:submission_deadline", kwargs=kwargs), {"deadline": "2025-09-30"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(WRITES))
def test_every_write_is_refused_unless_the_role_may_do_it(client, action, role):
    department, indicators = build_department(2)
    other, _ = build_department(1, code="YTE", name="Phòng Y tế")
    users = _users(department, other)
    status, allowed = WRITES[action]
    save(users["head_own"], department, typed_for(indicators))
    QuarterSubmission.objects.filter(department=department).update(status=status)
    url, data = _request(action, department, indicators)
    if users[role] is not None:
        client.force_login(users[role])
    before = _snapshot()

    response = client.post(url, data)

    if role in allowed:
        assert response.status_code == 302, response.content.decode()[:500]
        assert _snapshot() != before
    else:
        expected = 302 if role == "anonymous" else 403
        assert response.status_code == expected
        if role == "anonymous":
            assert response.url.startswith(reverse("login"))
        assert _snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("no_role", 403),
        ("staff_own", 200),
        ("staff_other", 403),
        ("head_other", 403),
        ("reviewer", 200),
        ("leadership", 200),
        ("admin", 200),
    ],
)
def test_a_departments_figures_are_read_by_its_own_people_and_those_who_read_everything(
    client, role, status
):
    department, _indicators = build_department(1)
    other, _ = build_department(1, code="YTE", name="Phòng Y tế")
    user = _users(department, other)[role]
    if user is not None:
        client.force_login(user)
    assert client.get(form_url(department)).status_code == status


@pytest.mark.django_db
def test_leadership_reads_the_form_without_any_input_or_button(client):
    department, indicators = build_department(2)
    save(make_user(Role.STAFF, department), department, typed_for(indicators))
    client.force_login(make_user(Role.LEADERSHIP))
    html = client.get(form_url(department)).content.decode()
    assert '<input type="text"' not in html
    assert 'value="save"' not in html and "Duyệt và khóa" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [("staff_own", 403), ("leadership", 200)])
def test_the_review_board_is_for_those_who_read_everything(client, role, status):
    department, _indicators = build_department(1)
    other, _ = build_department(1, code="YTE", name="Phòng Y tế")
    client.force_login(_users(department, other)[role])
    url = reverse("indicators:review_board", kwargs={"year": YEAR, "quarter": QUARTER})
    assert client.get(url).status_code == status


def test_the_rules_as_a_table():
    staff = perms.Actor(user_id=1, role=Role.STAFF, department_id=7)
    head = perms.Actor(user_id=2, role=Role.HEAD, department_id=7)
    reviewer = perms.Actor(user_id=3, role=Role.REVIEWER)
    leadership = perms.Actor(user_id=4, role=Role.LEADERSHIP)
    assert perms.can_edit_figures(staff, 7, SubmissionStatus.RETURNED)
    assert not perms.can_edit_figures(staff, 8, SubmissionStatus.DRAFT)
    assert perms.can_submit(staff, 7, SubmissionStatus.DRAFT)
    assert not perms.can_submit(staff, 8, SubmissionStatus.DRAFT)
    assert perms.can_submit(head, 7, SubmissionStatus.NOT_STARTED)
    assert not perms.can_edit_figures(head, 7, SubmissionStatus.SUBMITTED)
    assert not perms.can_edit_figures(reviewer, 7, SubmissionStatus.DRAFT)
    assert perms.can_review(reviewer, SubmissionStatus.SUBMITTED)
    assert not perms.can_review(leadership, SubmissionStatus.SUBMITTED)
    assert perms.can_view_department(leadership, 7)
    assert not perms.can_view_department(perms.ANONYMOUS, 7)


@pytest.mark.django_db
def test_a_superuser_without_a_role_is_an_administrator():
    user = get_user_model().objects.create_superuser("root", password="x")
    assert perms.actor_for(user).role == Role.ADMIN


# --- login ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["indicators:entry_index", "indicators:review_index"])
def test_pages_other_than_the_published_ones_need_a_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_the_login_page_is_open(client):
    assert client.get(reverse("login")).status_code == 200


def _login(client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_that_user_from_that_address_for_a_while(client, settings):
    get_user_model().objects.create_user("kte.chuyenvien", password="dung-mat-khau")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "kte.chuyenvien", "sai").status_code == 200
    assert _login(client, "kte.chuyenvien", "sai").status_code == 429  # the last allowed failure

    locked = _login(client, "kte.chuyenvien", "dung-mat-khau")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert "15 phút" in locked.content.decode()

    # The real user, from their own machine, is not locked out by a guesser elsewhere.
    assert _login(client, "kte.chuyenvien", "dung-mat-khau", ip="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_a_lock_ends_by_itself_after_the_cool_off(client, settings):
    from axes.models import AccessAttempt

    get_user_model().objects.create_user("kte.chuyenvien", password="dung-mat-khau")
    for _ in range(settings.AXES_FAILURE_LIMIT + 3):  # failures during the lock do not extend it
        _login(client, "kte.chuyenvien", "sai")
    assert _login(client, "kte.chuyenvien", "dung-mat-khau").status_code == 429

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    )
    assert _login(client, "kte.chuyenvien", "dung-mat-khau").status_code == 302
