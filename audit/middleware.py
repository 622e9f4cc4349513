from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from audit.context import Actor, acting_as


class ActorMiddleware:
    """Changes made while answering a request are recorded as the signed-in user's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        def signed_in_user() -> Actor | None:
            user = getattr(request, "user", None)
            if user is None or not user.is_authenticated:
                return None
            return Actor.of(user)

        with acting_as(signed_in_user):
            return self.get_response(request)
