"""The database triggers that write the history of every audited table.

Each audited table gets triggers that copy its rows into its history table on every insert,
change (a write that changes nothing is not a change) and delete, with who and why
(audit/context.py, handed to the database by audit/connection.py). History tables refuse
changes to their rows (PostgreSQL also refuses deletes; see `_sqlite_append_only`). On
PostgreSQL the triggers run once per statement over its transition tables; SQLite has only
row triggers.

Triggers are rebuilt after every `migrate` from the models as they are then, so they follow
every new column; they are taken down before, so a migration runs on no stale trigger.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from audit.models import ChangeAuthor

PREFIX = "chitieu_audit"
# The history table's own columns; the others copy the audited table's columns of the same name.
HISTORY_COLUMNS = (
    "history_date",
    "history_type",
    "history_user_id",
    "history_username",
    "history_user_name",
    "history_change_reason",
)


@dataclass(frozen=True)
class AuditedTable:
    table: str
    history_table: str
    columns: tuple[str, ...]
    pk: str


def audited_tables() -> list[AuditedTable]:
    """Every model whose history is declared with `audited()`."""
    tables = []
    for model in apps.get_models():
        history = history_model(model)
        if history is None:
            continue
        own = {f.column for f in model._meta.concrete_fields}
        columns = tuple(
            column
            for column in (f.column for f in history._meta.concrete_fields)
            if column is not None and column in own and column != "history_id"
        )
        pk = model._meta.pk.column
        assert pk is not None
        tables.append(AuditedTable(model._meta.db_table, history._meta.db_table, columns, pk))
    return sorted(tables, key=lambda t: t.table)


def history_model(model: type[Model]) -> type[Model] | None:
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    if manager is None:
        return None
    history: type[Model] = getattr(model, manager).model
    return history if issubclass(history, ChangeAuthor) else None


def install(using: str = "default") -> None:
    """Build (or rebuild) every audit trigger; on PostgreSQL in one transaction, so no write
    ever finds them half built."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for statement in _drops(connection):
            cursor.execute(statement)
        for statement in _statements(connection, audited_tables()):
            cursor.execute(statement)


def uninstall(using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        for statement in _drops(connection):
            cursor.execute(statement)


def installed(using: str = "default") -> set[tuple[str, str]]:
    """The audit triggers in the database: (table, trigger) pairs."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE NOT t.tgisinternal AND t.tgname LIKE %s",
                [PREFIX + "%"],
            )
        else:
            cursor.execute(
                "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [PREFIX + "%"],
            )
        return {(table, name) for table, name in cursor.fetchall()}


def _statements(connection: BaseDatabaseWrapper, tables: list[AuditedTable]) -> list[str]:
    if connection.vendor == "postgresql":
        return [_postgresql_append_only_function(), *_each(_postgresql, connection, tables)]
    if connection.vendor == "sqlite":
        return _each(_sqlite, connection, tables)
    raise NotImplementedError(f"audit triggers for {connection.vendor}")


Quote = Callable[[str], str]


def _each(
    build: Callable[[Quote, AuditedTable], list[str]],
    connection: BaseDatabaseWrapper,
    tables: list[AuditedTable],
) -> list[str]:
    return [statement for table in tables for statement in build(connection.ops.quote_name, table)]


def _drops(connection: BaseDatabaseWrapper) -> list[str]:
    quote = connection.ops.quote_name
    found = installed(using=connection.alias)
    if connection.vendor == "postgresql":
        triggers = [f"DROP TRIGGER {quote(name)} ON {quote(table)}" for table, name in found]
        return triggers + [f"DROP FUNCTION {quote(f)}()" for f in _pg_functions(connection)]
    return [f"DROP TRIGGER {quote(name)}" for _table, name in found]


def _pg_functions(connection: BaseDatabaseWrapper) -> list[str]:
    """The audit's trigger functions (earlier layouts' included: rebuilt, never left behind)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            " WHERE n.nspname = current_schema() AND p.proname LIKE %s",
            [PREFIX + "%"],
        )
        return [name for (name,) in cursor.fetchall()]


# --- PostgreSQL --------------------------------------------------------------------------------
# Who and why come from settings of the session (`chitieu.actor_id` …), which
# audit/connection.py sets before each write to an audited table.


def _pg_who(kind: str) -> str:
    return (
        f"clock_timestamp(), '{kind}',"
        " NULLIF(current_setting('chitieu.actor_id', true), '')::bigint,"
        " COALESCE(current_setting('chitieu.actor_username', true), ''),"
        " COALESCE(current_setting('chitieu.actor_name', true), ''),"
        " NULLIF(current_setting('chitieu.reason', true), '')"
    )


def _postgresql_append_only_function() -> str:
    return f"""
CREATE OR REPLACE FUNCTION {PREFIX}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$"""


# Statement-level triggers with transition tables: one set-based history insert per statement,
# however many rows it wrote (a row-level trigger cost a 100 000-row import two thirds of its
# time). An update records the rows whose content changed, OLD and NEW joined on the primary key
# (which the app never changes).
_PG_EVENTS = (
    # (event, transition table, history_type, the rows to copy)
    ("INSERT", "NEW TABLE AS chitieu_new", "+", "chitieu_new AS r"),
    ("DELETE", "OLD TABLE AS chitieu_old", "-", "chitieu_old AS r"),
    (
        "UPDATE",
        "OLD TABLE AS chitieu_old NEW TABLE AS chitieu_new",
        "~",
        "chitieu_new AS r JOIN chitieu_old AS o ON o.{pk} = r.{pk} WHERE o IS DISTINCT FROM r",
    ),
)


def _postgresql(quote: Quote, table: AuditedTable) -> list[str]:
    columns = ", ".join(quote(c) for c in (*table.columns, *HISTORY_COLUMNS))
    copied = ", ".join(f"r.{quote(c)}" for c in table.columns)
    statements = []
    for event, transition, kind, rows in _PG_EVENTS:
        function = quote(f"{PREFIX}_{table.table}_{event.lower()}")
        source = rows.format(pk=quote(table.pk))
        statements += [
            f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO {quote(table.history_table)} ({columns})
    SELECT {copied}, {_pg_who(kind)} FROM {source};
  RETURN NULL;
END $$""",
            f"CREATE TRIGGER {quote(f'{PREFIX}_{event.lower()}')} AFTER {event}"
            f" ON {quote(table.table)} REFERENCING {transition}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        ]
    # TRUNCATE (what `flush` does) stays possible: it is an administrator's act on a whole
    # database, never a path the app takes.
    statements.append(
        f"CREATE TRIGGER {quote(PREFIX + '_append_only')} BEFORE UPDATE OR DELETE"
        f" ON {quote(table.history_table)} FOR EACH ROW EXECUTE FUNCTION {PREFIX}_append_only()"
    )
    return statements


# --- SQLite ------------------------------------------------------------------------------------
# Who and why come from functions audit/connection.py registers on every connection; a
# connection without them (the sqlite3 shell) cannot write to an audited table at all.

_SQLITE_WHO = (
    f"{PREFIX}_now(), '{{kind}}', {PREFIX}_actor_id(), {PREFIX}_actor_username(),"
    f" {PREFIX}_actor_name(), {PREFIX}_reason()"
)


def _sqlite(quote: Quote, table: AuditedTable) -> list[str]:
    columns = ", ".join(quote(c) for c in (*table.columns, *HISTORY_COLUMNS))

    def copy(row: str, kind: str) -> str:
        copied = ", ".join(f"{row}.{quote(c)}" for c in table.columns)
        who = _SQLITE_WHO.format(kind=kind)
        return f"INSERT INTO {quote(table.history_table)} ({columns}) VALUES ({copied}, {who});"

    changed = " OR ".join(f"OLD.{quote(c)} IS NOT NEW.{quote(c)}" for c in table.columns)
    name = f"{PREFIX}_{table.table}"
    return [
        f'CREATE TRIGGER "{name}_insert" AFTER INSERT ON {quote(table.table)}'
        f" BEGIN {copy('NEW', '+')} END",
        f'CREATE TRIGGER "{name}_update" AFTER UPDATE ON {quote(table.table)}'
        f" WHEN {changed} BEGIN {copy('NEW', '~')} END",
        f'CREATE TRIGGER "{name}_delete" AFTER DELETE ON {quote(table.table)}'
        f" BEGIN {copy('OLD', '-')} END",
        _sqlite_append_only(quote, table),
    ]


def _sqlite_append_only(quote: Quote, table: AuditedTable) -> str:
    # Changes are refused; deletes are not, on SQLite only: the test runner empties an SQLite
    # database with DELETE (PostgreSQL's TRUNCATE fires no row trigger). SQLite is the
    # development default; production runs on PostgreSQL, where deletes are refused too.
    return (
        f'CREATE TRIGGER "{PREFIX}_{table.history_table}_append_only"'
        f" BEFORE UPDATE ON {quote(table.history_table)}"
        " BEGIN SELECT RAISE(ABORT, 'history is append-only'); END"
    )
