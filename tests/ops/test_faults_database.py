"""The database drops a connection (PostgreSQL restarted, an idle timeout, pg_terminate_backend):
the next request gets a new one instead of failing. Web processes keep their connection between
requests (CONN_MAX_AGE) and check it before using it again (CONN_HEALTH_CHECKS). Workers need
neither: Celery's Django fixup closes the connections before and after every task. PostgreSQL
only: SQLite has no connection to drop."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test.client import RequestFactory

from tests.ops.conftest import require_postgresql
from tests.ops.production import run

PAGE = "/search/?q=thu"


def test_production_keeps_its_database_connections_and_checks_them_before_use():
    result = run(
        [
            "-c",
            "import django, json; django.setup(); from django.conf import settings; "
            "db = settings.DATABASES['default']; "
            "print(json.dumps([db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS']]))",
        ]
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [60, True]


def serve(handler: WSGIHandler, path: str) -> int:
    """A request as gunicorn hands it over: the request_started and request_finished signals
    (which Django's test client leaves out) decide what happens to the connection."""
    statuses: list[str] = []
    response = handler(RequestFactory().get(path).environ, lambda s, h, e=None: statuses.append(s))
    b"".join(response)
    response.close()
    return int(statuses[0].split()[0])


@contextmanager
def connection_settings(**values) -> Iterator[None]:
    """This process's connection, opened anew with `values` in its settings."""
    saved = {name: connection.settings_dict[name] for name in values}
    connection.close()
    connection.settings_dict.update(values)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def drop(where: str, **params: object) -> None:
    """Terminate the backends `where` says, from a connection of its own, and wait until they
    are gone."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as admin:
        pids = [
            pid
            for (pid,) in admin.execute(
                f"SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND {where}",
                params,
            )
        ]
        assert pids, "nothing to drop"
        admin.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", (pids,))
        deadline = time.monotonic() + 10
        while admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", (pids,)
        ).fetchone() != (0,):
            if time.monotonic() > deadline:
                pytest.fail(f"backends {pids} still there")
            time.sleep(0.05)


@pytest.mark.parametrize(("health_checks", "after_drop"), [(True, [200, 200]), (False, [500, 200])])
def test_the_request_after_the_database_dropped_the_connection(
    transactional_db, health_checks, after_drop
):
    # With health checks (the settings) the very next request is served; without them (the
    # counter-proof) it fails, and only the one after it gets a new connection.
    require_postgresql("SQLite has no connection a server could drop")
    kept_for = settings.DATABASES["default"]["CONN_MAX_AGE"]
    assert kept_for > 0 and settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]
    handler = WSGIHandler()
    with connection_settings(CONN_MAX_AGE=kept_for, CONN_HEALTH_CHECKS=health_checks):
        assert serve(handler, PAGE) == 200
        kept = connection.connection
        assert kept is not None, "the connection outlives the request"

        drop("pid = %(pid)s", pid=kept.info.backend_pid)

        assert [serve(handler, PAGE) for _ in after_drop] == after_drop
        assert connection.connection is not kept
