"""Writing many figures at once: the mechanics under the bulk services of
`indicators.services` (which decide what may be written, and what is).

On PostgreSQL the rows are copied (COPY) into a temporary table, then one statement inserts or
updates them all; a few rows (a department's form) are updated from a VALUES list instead, which
spares the temporary table. Elsewhere (SQLite, in development and tests) inserts go through the
ORM's bulk_create in batches and updates through the same VALUES statement (the ORM's
bulk_update builds a CASE expression per row and field: 78 figures took a third of a second).
Either way the database's triggers write each row's history, naming `user` and `reason`
(audit/).
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
# Below this many rows PostgreSQL updates from a VALUES list rather than a COPY.
STAGED_FROM = 1000
# Parameters per statement: below SQLite's limit (32 766) and PostgreSQL's (65 535).
MAX_PARAMS = 30000


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


def insert_plain(objs: Sequence[models.Model]) -> None:
    """Insert unsaved rows of a table no history follows (rolled-up figures), every concrete
    field but the automatic key, as they are: COPY on PostgreSQL, one executemany elsewhere.
    The ORM's bulk_create spent four fifths of a rollup refresh building its statement."""
    if not objs:
        return
    meta = type(objs[0])._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    names = ", ".join(_qn(f.column) for f in fields)
    rows = [[getattr(obj, f.attname) for f in fields] for obj in objs]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {_qn(meta.db_table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            slots = ", ".join("%s" for _f in fields)
            cursor.executemany(f"INSERT INTO {_qn(meta.db_table)} ({names}) VALUES ({slots})", rows)


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
        if connection.vendor == "postgresql" and len(changes) >= STAGED_FROM:
            _pg_update(model, changes, columns)
        else:
            _values_update(model, changes, columns)


def update_objects(
    objs: Sequence[models.Model], names: Sequence[str], *, user: User | None, reason: str
) -> None:
    """`bulk_update(objs, names)`, in one statement per batch of rows (`update`)."""
    if not objs:
        return
    model = type(objs[0])
    fields = _fields(model, names)
    changes = [(obj.pk, [getattr(obj, f.attname) for f in fields]) for obj in objs]
    update(model, changes, [f.attname for f in fields], user=user, reason=reason)


def _values_update(
    model: type[models.Model], changes: Sequence[tuple[int, Sequence[Any]]], columns: Sequence[str]
) -> None:
    """UPDATE … FROM (VALUES …): both databases name a VALUES list's columns column1, column2…"""
    meta = model._meta
    fields = _fields(model, [meta.pk.name, *columns])
    table = _qn(meta.db_table)
    assignments = ", ".join(
        f"{_qn(f.column)} = s.column{i}" for i, f in enumerate(fields[1:], start=2)
    )
    if connection.vendor == "postgresql":
        # A VALUES list takes its column types from its first row, where a NULL is text.
        slots = ", ".join(f"CAST(%s AS {f.db_type(connection)})" for f in fields)
    else:  # SQLite converts by the target column's affinity (a CAST to datetime would not)
        slots = ", ".join("%s" for _f in fields)
    per_batch = max(1, MAX_PARAMS // len(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(changes), per_batch):
            batch = changes[start : start + per_batch]
            params = [
                f.get_db_prep_save(value, connection)
                for pk, values in batch
                for f, value in zip(fields, (pk, *values), strict=True)
            ]
            rows = ", ".join(f"({slots})" for _row in batch)
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM (VALUES {rows}) AS s"
                f" WHERE {table}.{_qn(meta.pk.column)} = s.column1",
                params,
            )


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
