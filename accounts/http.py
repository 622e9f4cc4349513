"""The request type of views that decide access: Django's request with the actor on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

from accounts.permissions import Actor

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class ActorRequest(HttpRequest):
    """A request that went through `accounts.middleware.ActorMiddleware`."""

    actor: Actor


class SignedInRequest(ActorRequest):
    """A request of a view behind `LoginRequiredMiddleware` (every view not marked
    `login_not_required`): its user has signed in."""

    user: User
