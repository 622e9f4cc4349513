"""Who is changing the figures, and why: what the database triggers write beside each change.

A request's user (audit/middleware.py), a command's `--user`, a service's reason: each is set
for the duration of a `with` block and read by the database connection when it writes to an
audited table (audit/connection.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol

# The history table's column: a longer reason is cut, not refused.
REASON_LENGTH = 100


class _User(Protocol):
    @property
    def pk(self) -> object: ...

    def get_username(self) -> str: ...

    def get_full_name(self) -> str: ...


@dataclass(frozen=True)
class Actor:
    """Who made a change, kept by value: deleting the user later erases none of it."""

    user_id: int | None
    username: str
    name: str

    @classmethod
    def of(cls, user: _User) -> Actor:
        username = user.get_username()
        pk = user.pk
        return cls(
            user_id=pk if isinstance(pk, int) else None,
            username=username,
            name=user.get_full_name() or username,
        )


# Either the actor or a function that finds it only when something is written (a request's
# user costs a query; most requests write nothing).
_actor: ContextVar[Actor | Callable[[], Actor | None] | None] = ContextVar(
    "audit_actor", default=None
)
_reason: ContextVar[str] = ContextVar("audit_reason", default="")


def current_actor() -> Actor | None:
    actor = _actor.get()
    return actor() if callable(actor) else actor


def current_reason() -> str:
    return _reason.get()


@contextmanager
def acting_as(actor: Actor | _User | Callable[[], Actor | None] | None) -> Iterator[None]:
    """Changes in this block are recorded as made by `actor` (a user, an Actor, or a function
    that finds one when first needed); None names no one, and whoever acts around the block
    (a request's user) stays the author."""
    if actor is None:
        yield
        return
    if not isinstance(actor, Actor) and not callable(actor):
        actor = Actor.of(actor)
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


@contextmanager
def because(reason: str) -> Iterator[None]:
    """Changes in this block are recorded with this reason ("Trả lại", "Nhập từ tệp …")."""
    token = _reason.set(str(reason)[:REASON_LENGTH])
    try:
        yield
    finally:
        _reason.reset(token)


@contextmanager
def recorded(actor: Actor | _User | None, reason: str) -> Iterator[None]:
    """Changes in this block are recorded as `actor`'s, with this reason."""
    with acting_as(actor), because(reason):
        yield
