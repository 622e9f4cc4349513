"""Views that one access rule of accounts/permissions.py guards as a whole."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, cast

from django.http import HttpRequest, HttpResponseBase

from accounts import permissions as perms
from accounts.http import ActorRequest


def actor_passes[**P, R: HttpResponseBase](
    check: Callable[[perms.Actor], bool],
) -> Callable[[Callable[Concatenate[HttpRequest, P], R]], Callable[Concatenate[HttpRequest, P], R]]:
    """Refuse the request (403) unless `check(request.actor)`."""

    def decorate(
        view: Callable[Concatenate[HttpRequest, P], R],
    ) -> Callable[Concatenate[HttpRequest, P], R]:
        @wraps(view)
        def guarded(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> R:
            # ActorMiddleware has put the actor on every request.
            perms.require(check(cast(ActorRequest, request).actor))
            return view(request, *args, **kwargs)

        return guarded

    return decorate
