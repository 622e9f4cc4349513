"""The request type of views that decide access: Django's request with the actor on it."""

from __future__ import annotations

from django.http import HttpRequest

from accounts.permissions import Actor


class ActorRequest(HttpRequest):
    """A request that went through `accounts.middleware.ActorMiddleware`."""

    actor: Actor
