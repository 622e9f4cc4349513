from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Lịch sử thay đổi"

    def ready(self) -> None:
        from audit import connection

        connection_created.connect(connection.prepare, dispatch_uid="audit-prepare-connection")
        # Triggers name every column of their table: a migration that changes a table would
        # leave them stale, so they are taken down before migrating and rebuilt after.
        pre_migrate.connect(_uninstall, sender=self, dispatch_uid="audit-pre-migrate")
        post_migrate.connect(_install, sender=self, dispatch_uid="audit-post-migrate")


def _uninstall(using: str = "default", plan: list[Any] | None = None, **_kwargs: Any) -> None:
    from audit import triggers

    if plan:  # a `migrate` with nothing to apply leaves them in place
        triggers.uninstall(using=using)


def _install(using: str = "default", **_kwargs: Any) -> None:
    from audit import triggers

    triggers.install(using=using)
