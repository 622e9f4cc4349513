"""`create_demo_accounts`: one account per role and department, idempotent, never in production."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from accounts.management.commands.create_demo_accounts import DEMO_PASSWORD
from accounts.models import Membership, Role
from tests.factories import DepartmentFactory


@pytest.mark.django_db
def test_it_creates_a_staff_member_and_a_head_per_department_and_one_account_per_other_role(
    capsys,
):
    kte = DepartmentFactory(code="KTE", name="Phòng Kinh tế")
    DepartmentFactory(code="YTE", name="Phòng Y tế")
    call_command("create_demo_accounts")

    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles == {
        "thamdinh": Role.REVIEWER,
        "lanhdao": Role.LEADERSHIP,
        "quantri": Role.ADMIN,
        "kte.chuyenvien": Role.STAFF,
        "kte.truongphong": Role.HEAD,
        "yte.chuyenvien": Role.STAFF,
        "yte.truongphong": Role.HEAD,
    }
    assert Membership.objects.get(user__username="kte.truongphong").department == kte
    admin = get_user_model().objects.get(username="quantri")
    assert admin.is_superuser and admin.is_staff
    request = RequestFactory().post("/accounts/login/")
    assert authenticate(request, username="kte.chuyenvien", password=DEMO_PASSWORD)
    out = capsys.readouterr().out
    assert f"Shared demo password: {DEMO_PASSWORD}" in out
    assert "kte.truongphong" in out and "Phòng Kinh tế" in out


@pytest.mark.django_db
def test_running_it_again_changes_nothing_and_keeps_changed_passwords():
    DepartmentFactory(code="KTE")
    call_command("create_demo_accounts")
    user = get_user_model().objects.get(username="kte.chuyenvien")
    user.set_password("mat-khau-rieng")
    user.save()
    history = Membership.history.count()

    call_command("create_demo_accounts")

    assert get_user_model().objects.count() == 5
    assert Membership.history.count() == history
    user.refresh_from_db()
    assert user.check_password("mat-khau-rieng")
    call_command("create_demo_accounts", "--reset-passwords")
    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_it_brings_an_account_back_to_its_role():
    DepartmentFactory(code="KTE")
    call_command("create_demo_accounts")
    Membership.objects.filter(user__username="lanhdao").update(role=Role.ADMIN)
    call_command("create_demo_accounts")
    assert Membership.objects.get(user__username="lanhdao").role == Role.LEADERSHIP


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("module", "debug"),
    [
        ("config.settings.production", False),
        ("config.settings.production", True),
        ("config.settings.local", False),
        ("somewhere.else", False),
    ],
)
def test_it_refuses_to_run_where_the_public_password_would_be_reachable(
    settings, monkeypatch, module, debug
):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", module)
    settings.DEBUG = debug
    with pytest.raises(CommandError, match="Refusing"):
        call_command("create_demo_accounts")
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_it_runs_on_a_development_machine(settings, monkeypatch):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "config.settings.local")
    settings.DEBUG = True
    call_command("create_demo_accounts")
    assert get_user_model().objects.filter(username="thamdinh").exists()
