"""Writing many figures at once with their history: the mechanics under the bulk services of
`indicators.services` (which decide what may be written, and what is).

On PostgreSQL the rows are copied (COPY) into a temporary table, then one statement inserts or
updates them and, from what it wrote, their history rows: what a history trigger would do.
Elsewhere (SQLite, in development and tests) through simple_history's
`bulk_create_with_history` and `bulk_update_with_history`, which build every row and history
row in Python: fine for a quarterly form's 40 figures, several times slower for a 100 000-row
import (README, "Benchmarks").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Rows per statement on the ORM path (simple_history's helpers).
BATCH = 1000


def insert(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    user: User | None,
    reason: str,
) -> None:
    """Insert new rows (values of `columns`, attnames, in that order; the model's defaults
    fill the other fields), each with a history row "+" naming `user` and `reason`."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        _pg_insert(model, columns, rows, user, reason)
    else:
        bulk_create_with_history(
            [model(**dict(zip(columns, row, strict=True))) for row in rows],
            model,
            batch_size=BATCH,
            default_user=user,
            default_change_reason=reason,
        )


def update(
    model: type[models.Model],
    changes: Sequence[tuple[int, Sequence[Any]]],
    columns: Sequence[str],
    *,
    user: User | None,
    reason: str,
) -> None:
    """Set `columns` (attnames) of rows by primary key to the values given in that order, each
    with a history row "~" naming `user` and `reason`."""
    if not changes:
        return
    if connection.vendor == "postgresql":
        _pg_update(model, changes, columns, user, reason)
        return
    objs = model._default_manager.in_bulk([pk for pk, _values in changes])
    changed = []
    for pk, values in changes:
        obj = objs[pk]
        for name, value in zip(columns, values, strict=True):
            setattr(obj, name, value)
        changed.append(obj)
    bulk_update_with_history(
        changed,
        model,
        list(columns),
        batch_size=BATCH,
        default_user=user,
        default_change_reason=reason,
    )


def _qn(name: str | None) -> str:
    assert name is not None, "a concrete field has a column"
    return connection.ops.quote_name(name)


def _fields(model: type[models.Model], names: Sequence[str]) -> list[models.Field[Any, Any]]:
    fields = [model._meta.get_field(name) for name in names]
    assert all(isinstance(f, models.Field) for f in fields)
    return fields  # type: ignore[return-value]


def _pg_insert(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    user: User | None,
    reason: str,
) -> None:
    meta = model._meta
    given = _fields(model, columns)
    now = timezone.now()
    # Every other field takes its default, the same for every row (auto_now ones: now).
    others = [f for f in meta.concrete_fields if f not in given and not f.primary_key]
    assert not any(f.has_default() and callable(f.default) for f in others), "not supported"
    defaults = [
        now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        else f.get_default()
        for f in others
    ]
    names = ", ".join(_qn(f.column) for f in [*given, *others])
    select = ", ".join(
        [*(_qn(f.column) for f in given), *(f"%s::{f.db_type(connection)}" for f in others)]
    )
    with _staged(model, given, rows) as (cursor, staged):
        _pg_with_history(
            cursor,
            model,
            f"INSERT INTO {_qn(meta.db_table)} ({names}) SELECT {select} FROM {staged}",
            defaults,
            "+",
            user,
            reason,
            now,
        )


def _pg_update(
    model: type[models.Model],
    changes: Sequence[tuple[int, Sequence[Any]]],
    columns: Sequence[str],
    user: User | None,
    reason: str,
) -> None:
    meta = model._meta
    fields = _fields(model, columns)
    assignments = ", ".join(f"{_qn(f.column)} = s.{_qn(f.column)}" for f in fields)
    pk = _qn(meta.pk.column)
    staged_rows = [(row_pk, *values) for row_pk, values in changes]
    with _staged(model, [meta.pk, *fields], staged_rows) as (cursor, staged):
        _pg_with_history(
            cursor,
            model,
            f"UPDATE {_qn(meta.db_table)} SET {assignments} FROM {staged} AS s "
            f"WHERE {_qn(meta.db_table)}.{pk} = s.{pk}",
            [],
            "~",
            user,
            reason,
            timezone.now(),
        )


@contextmanager
def _staged(
    model: type[models.Model],
    fields: Sequence[models.Field[Any, Any]],
    rows: Iterable[Sequence[Any]],
) -> Iterator[tuple[Any, str]]:
    """`rows` copied into a temporary table with the columns of `fields` (dropped after)."""
    staged = _qn(f"staged_{model._meta.db_table}")
    definition = ", ".join(f"{_qn(f.column)} {f.db_type(connection)}" for f in fields)
    names = ", ".join(_qn(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {staged} ({definition})")
        with cursor.copy(f"COPY {staged} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        yield cursor, staged
        cursor.execute(f"DROP TABLE {staged}")


def _pg_with_history(
    cursor: Any,
    model: type[models.Model],
    write: str,
    params: list[Any],
    history_type: str,
    user: User | None,
    reason: str,
    when: datetime,
) -> None:
    """Run `write` (an INSERT or UPDATE of `model`'s table) and, in the same statement, insert
    a history row of every row it wrote, as it now is, the way simple_history fills them."""
    history = model.history.model  # type: ignore[attr-defined]
    tracked = ", ".join(_qn(f.column) for f in history.tracked_fields)
    returned = ", ".join(
        f"{_qn(model._meta.db_table)}.{_qn(f.column)}" for f in history.tracked_fields
    )
    meta_columns = ", ".join(
        _qn(history._meta.get_field(name).column)
        for name in ("history_date", "history_change_reason", "history_type", "history_user")
    )
    cursor.execute(
        f"WITH written AS ({write} RETURNING {returned}) "
        f"INSERT INTO {_qn(history._meta.db_table)} ({tracked}, {meta_columns}) "
        f"SELECT {tracked}, %s, %s, %s, %s FROM written",
        [*params, when, reason, history_type, user.pk if user else None],
    )
