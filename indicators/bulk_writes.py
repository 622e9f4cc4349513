"""Writing many figures at once: the mechanics under the bulk services of
`indicators.services` (which decide what may be written, and what is).

On PostgreSQL the rows are copied (COPY) into a temporary table, then one statement inserts or
updates them all. Elsewhere (SQLite, in development and tests) through the ORM's bulk_create
and bulk_update in batches. Either way the database's triggers write each row's history,
naming `user` and `reason` (audit/).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.utils import timezone

from audit.context import recorded

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Rows per statement on the ORM path.
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
    with recorded(user, reason):
        if connection.vendor == "postgresql":
            _pg_insert(model, columns, rows)
        else:
            model._default_manager.bulk_create(
                [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=BATCH
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
    with recorded(user, reason):
        if connection.vendor == "postgresql":
            _pg_update(model, changes, columns)
        else:
            _orm_update(model, changes, columns)


def _orm_update(
    model: type[models.Model], changes: Sequence[tuple[int, Sequence[Any]]], columns: Sequence[str]
) -> None:
    objs = model._default_manager.in_bulk([pk for pk, _values in changes])
    changed = []
    for pk, values in changes:
        obj = objs[pk]
        for name, value in zip(columns, values, strict=True):
            setattr(obj, name, value)
        changed.append(obj)
    model._default_manager.bulk_update(changed, list(columns), batch_size=BATCH)


def _qn(name: str | None) -> str:
    assert name is not None, "a concrete field has a column"
    return connection.ops.quote_name(name)


def _fields(model: type[models.Model], names: Sequence[str]) -> list[models.Field[Any, Any]]:
    fields = [model._meta.get_field(name) for name in names]
    assert all(isinstance(f, models.Field) for f in fields)
    return fields  # type: ignore[return-value]


def _pg_insert(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
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
        cursor.execute(
            f"INSERT INTO {_qn(meta.db_table)} ({names}) SELECT {select} FROM {staged}", defaults
        )


def _pg_update(
    model: type[models.Model], changes: Sequence[tuple[int, Sequence[Any]]], columns: Sequence[str]
) -> None:
    meta = model._meta
    fields = _fields(model, columns)
    assignments = ", ".join(f"{_qn(f.column)} = s.{_qn(f.column)}" for f in fields)
    pk = _qn(meta.pk.column)
    staged_rows = [(row_pk, *values) for row_pk, values in changes]
    with _staged(model, [meta.pk, *fields], staged_rows) as (cursor, staged):
        cursor.execute(
            f"UPDATE {_qn(meta.db_table)} SET {assignments} FROM {staged} AS s "
            f"WHERE {_qn(meta.db_table)}.{pk} = s.{pk}"
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
