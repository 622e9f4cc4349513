"""The signed-in user as the permission rules see them, on every request as `request.actor`."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from accounts.http import ActorRequest
from accounts.permissions import Actor, actor_for


class ActorMiddleware:
    """Sets `request.actor`, read from the database at its first use (public pages never
    pay the query)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        cast(ActorRequest, request).actor = cast(Actor, SimpleLazyObject(lambda: actor_for(user)))
        return self.get_response(request)
