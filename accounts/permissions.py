"""Who may do what: every access decision of the app is made here.

Roles are a field on the user's `Membership` (with the department for department roles), not
Django groups: every rule here depends on the department and on the quarter's review status,
which model permissions cannot express, and one user has exactly one role. The rules are pure
functions of an `Actor` (loaded once per request) so that views, services and tests share them.

| role       | enter / save draft | submit | approve, return, deadline | reopen | read      |
|------------|--------------------|--------|---------------------------|--------|-----------|
| staff      | own department     | own    | –                         | –      | own dept. |
| head       | own department     | own    | –                         | –      | own dept. |
| reviewer   | –                  | –      | every department          | yes    | all       |
| leadership | –                  | –      | –                         | –      | all       |
| admin      | every department   | every  | every department          | yes    | all       |

Nobody edits a quarter that is submitted (waiting for review) or approved (locked).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django_stubs_ext import StrOrPromise

from accounts.models import Membership, Role
from indicators.review import EDITABLE_STATUSES, SubmissionStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class Actor:
    """The signed-in user as the rules see them."""

    user_id: int | None
    role: str | None
    department_id: int | None = None
    department_name: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_department_user(self) -> bool:
        return self.role in (Role.STAFF, Role.HEAD)

    @property
    def reads_everything(self) -> bool:
        return self.role in (Role.REVIEWER, Role.LEADERSHIP, Role.ADMIN)

    def role_label(self) -> StrOrPromise:
        return Role(self.role).label if self.role else ""


ANONYMOUS = Actor(user_id=None, role=None)


def actor_for(user: User | AnonymousUser | None) -> Actor:
    """The user's role and department (one query). A superuser without a role is an admin."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    membership = Membership.objects.filter(user_id=user.pk).select_related("department").first()
    if membership is None:
        return Actor(user_id=user.pk, role=Role.ADMIN if user.is_superuser else None)
    return Actor(
        user_id=user.pk,
        role=membership.role,
        department_id=membership.department_id,
        department_name=membership.department.name if membership.department else "",
    )


def can_view_department(actor: Actor, department_id: int) -> bool:
    if actor.reads_everything:
        return True
    return actor.is_department_user and actor.department_id == department_id


def can_edit_figures(actor: Actor, department_id: int, status: str) -> bool:
    if status not in EDITABLE_STATUSES:
        return False
    if actor.is_admin:
        return True
    return actor.is_department_user and actor.department_id == department_id


def can_submit(actor: Actor, department_id: int, status: str) -> bool:
    if status not in EDITABLE_STATUSES:
        return False
    if actor.is_admin:
        return True
    # The roles: department staff "enter and submit their own department's figures",
    # and the head submits too.
    return actor.is_department_user and actor.department_id == department_id


def can_review(actor: Actor, status: str) -> bool:
    """Approve or return: only a submitted quarter."""
    return actor.role in (Role.REVIEWER, Role.ADMIN) and status == SubmissionStatus.SUBMITTED


def can_reopen(actor: Actor, status: str) -> bool:
    return actor.role in (Role.REVIEWER, Role.ADMIN) and status == SubmissionStatus.APPROVED


def can_set_deadline(actor: Actor) -> bool:
    return actor.role in (Role.REVIEWER, Role.ADMIN)


def can_view_board(actor: Actor) -> bool:
    return actor.reads_everything


def can_use_council_reports(actor: Actor) -> bool:
    """The council table, its sentences and every export: the planning office, leadership and
    administrators. An account with no role, or a department's, has no need of them."""
    return actor.reads_everything


def can_view_history(actor: Actor, department_id: int | None) -> bool:
    """Who changed an indicator's figures, including drafts and reviewers' comments: those who
    read every department, and the indicator's own department."""
    if actor.reads_everything:
        return True
    return department_id is not None and can_view_department(actor, department_id)


def require(allowed: bool) -> None:
    """Refuse the request (403) unless allowed."""
    if not allowed:
        raise PermissionDenied
