"""Moving the test database between migration states, as `migrate` would."""

from __future__ import annotations

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audit import triggers


def migrate(targets: list[tuple[str, str | None]]) -> Apps:
    """Migrate the test database to `targets` and return the models as they were there. As
    `migrate` does, the audit triggers come down before and go up again at the latest state."""
    executor = MigrationExecutor(connection)
    triggers.uninstall()
    executor.migrate(targets)
    executor.loader.build_graph()
    if set(targets) == set(executor.loader.graph.leaf_nodes()):
        triggers.install()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
