"""Hands the current actor and reason (audit/context.py) to the database's triggers.

SQLite: the triggers call functions registered on the connection, which read them directly.
PostgreSQL: before each statement that writes to an audited table, one `set_config` puts them
in the session's settings (local to the transaction inside one; set and cleared around the
statement outside one, so nothing outlives the statement it was meant for). Reads pay nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from audit import context, triggers

# Django writes `INSERT INTO "table"`, `UPDATE "table"`, `DELETE FROM "table"`.
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"(?P<table>[^"]+)"', re.I)
_SET = (
    "SELECT set_config('chitieu.actor_id', %s, {local}),"
    " set_config('chitieu.actor_username', %s, {local}),"
    " set_config('chitieu.actor_name', %s, {local}),"
    " set_config('chitieu.reason', %s, {local})"
)


def prepare(sender: Any, connection: BaseDatabaseWrapper, **_kwargs: Any) -> None:
    """`connection_created`: make a new connection able to tell the triggers who and why."""
    if connection.vendor == "sqlite":
        _register_sqlite_functions(connection)
    elif connection.vendor == "postgresql" and _pass_actor not in connection.execute_wrappers:
        connection.execute_wrappers.append(_pass_actor)


def session_settings() -> list[str]:
    actor = context.current_actor()
    if actor is None:
        return ["", "", "", context.current_reason()]
    user_id = "" if actor.user_id is None else str(actor.user_id)
    return [user_id, actor.username, actor.name, context.current_reason()]


def _register_sqlite_functions(connection: BaseDatabaseWrapper) -> None:
    def now() -> str:
        return str(connection.ops.adapt_datetimefield_value(timezone.now()))

    functions: dict[str, Callable[[], object]] = {
        "now": now,
        "actor_id": lambda: (context.current_actor() or _NOBODY).user_id,
        "actor_username": lambda: (context.current_actor() or _NOBODY).username,
        "actor_name": lambda: (context.current_actor() or _NOBODY).name,
        "reason": lambda: context.current_reason() or None,
    }
    for name, function in functions.items():
        connection.connection.create_function(f"{triggers.PREFIX}_{name}", 0, function)


_NOBODY = context.Actor(user_id=None, username="", name="")


@cache
def _audited_table_names() -> frozenset[str]:
    return frozenset(t.table for t in triggers.audited_tables())


def _pass_actor(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, ctx: dict[str, Any]
) -> Any:
    match = _WRITE.match(sql) if isinstance(sql, str) else None
    if match is None or match["table"] not in _audited_table_names():
        return execute(sql, params, many, ctx)
    connection: BaseDatabaseWrapper = ctx["connection"]
    local = not connection.get_autocommit()
    _set(connection, session_settings(), local=local)
    if local:
        return execute(sql, params, many, ctx)
    try:
        return execute(sql, params, many, ctx)
    finally:
        _set(connection, ["", "", "", ""], local=False)


def _set(connection: BaseDatabaseWrapper, settings: list[str], *, local: bool) -> None:
    # A cursor of its own, from the driver: the statement's cursor keeps its results (RETURNING),
    # and this statement is the triggers' business, not the query log's.
    with connection.connection.cursor() as cursor:
        cursor.execute(_SET.format(local="true" if local else "false"), settings)
