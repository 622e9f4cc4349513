"""Demo accounts: one per role and department, all with one shared, published password.

Because the password is published (README), these accounts must never exist where people can
reach the app. The command refuses to run when DEBUG is off (production settings force it
off), except under the test settings that the test suite uses, and always refuses under a
settings module named "production", even if someone turned DEBUG on there.

Idempotent: accounts are found by username and brought back to their role; an existing
account keeps its password unless --reset-passwords is given (hashing the password is the
slow part, so it happens once per run, not once per account).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts.models import Membership, Role
from indicators.models import Department

DEMO_PASSWORD = "laichau-demo"
ENV_NAME = "DJANGO_SETTINGS_MODULE"
EMAIL_DOMAIN = "demo.invalid"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    first_name: str
    last_name: str
    department: Department | None = None


def demo_accounts() -> list[DemoAccount]:
    """The accounts to create: the planning office's reviewer, leadership, the administrator,
    and a staff member and a head for every department."""
    accounts = [
        DemoAccount("thamdinh", Role.REVIEWER, "Chuyên viên", "tổng hợp, thẩm định"),
        DemoAccount("lanhdao", Role.LEADERSHIP, "Lãnh đạo", "UBND thành phố"),
        DemoAccount("quantri", Role.ADMIN, "Quản trị", "hệ thống"),
    ]
    for department in Department.objects.order_by("code"):
        code, name = department.code.lower(), department.name
        accounts += [
            DemoAccount(f"{code}.chuyenvien", Role.STAFF, "Chuyên viên", name, department),
            DemoAccount(f"{code}.truongphong", Role.HEAD, "Lãnh đạo", name, department),
        ]
    return accounts


def refusal() -> str | None:
    """Why the command must not run with these settings, or None."""
    # Both the loaded settings' name and the environment's, so that neither can hide the other.
    modules = {
        m for m in (getattr(settings, "SETTINGS_MODULE", None), os.environ.get(ENV_NAME)) if m
    }
    for module in sorted(modules):
        if "production" in module.split("."):
            return f"Refusing to create demo accounts under {module}: their password is public."
    if not settings.DEBUG and not (modules and all(m.endswith(".test") for m in modules)):
        return (
            "Refusing to create demo accounts with DEBUG off: their password is public. "
            "Use config.settings.local (make run) on a development machine."
        )
    return None


class Command(BaseCommand):
    help = "Create (idempotently) one demo account per role and department. Development only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Set the shared demo password on existing demo accounts too.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        reason = refusal()
        if reason:
            raise CommandError(reason)
        accounts = demo_accounts()
        hashed = make_password(DEMO_PASSWORD)
        created = 0
        with transaction.atomic():
            for account in accounts:
                created += self._ensure(account, hashed, reset=options["reset_passwords"])
        if not Department.objects.exists():
            self.stderr.write(
                "No departments yet: run `manage.py load_lai_chau` first, then this again."
            )
        self.stdout.write(self.style.SUCCESS(f"Demo accounts: {len(accounts)} ({created} new)."))
        self.stdout.write(f"Shared demo password: {DEMO_PASSWORD}")
        width = max(len(a.username) for a in accounts)
        for account in accounts:
            department = account.department.name if account.department else ""
            role = Role(account.role).label
            self.stdout.write(f"  {account.username:<{width}}  {role:<28}  {department}")

    def _ensure(self, account: DemoAccount, hashed: str, *, reset: bool) -> int:
        User = get_user_model()
        is_admin = account.role == Role.ADMIN
        user, created = User.objects.get_or_create(username=account.username)
        wanted = {
            "first_name": account.first_name,
            "last_name": account.last_name,
            "email": f"{account.username}@{EMAIL_DOMAIN}",
            "is_active": True,
            "is_staff": is_admin,
            "is_superuser": is_admin,
        }
        if created or reset:
            wanted["password"] = hashed
        if any(getattr(user, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(user, name, value)
            user.save()
        membership = Membership.objects.filter(user=user).first()
        if membership is None:
            membership = Membership(user=user)
        department_id = account.department.pk if account.department else None
        if membership.pk is None or (membership.role, membership.department_id) != (
            account.role,
            department_id,
        ):
            membership.role = account.role
            membership.department = account.department
            membership.full_clean(exclude=["user"])
            membership.save()
        return int(created)
