"""The version of the figures, and where a write of figures reaches the rolled-up figures.

The token changes when a write that changed figures commits (signals for ordinary saves and
deletes, `bump()` after bulk writes): the single version row is updated in a statement of its
own after the commit, so no writer ever waits for another writer's open transaction on it (a
10 000-row import no longer holds the row that every department's save needs). A rolled-back
write never changes it. Exports and caches key what they keep by it.

The same signals tell `rollups.figures_changed` which indicators a write touched; a bulk
writer says it with `bump(indicator_ids=...)`. Pages read the rolled-up figures from the
database: no process keeps computed figures of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import models, transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import timezone

from indicators import rollups


def current_token() -> uuid.UUID:
    """The token of the committed figures: one query."""
    from indicators.models import DataVersion

    token = DataVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is None:  # a database emptied by hand: start a version
        token = DataVersion.objects.get_or_create(pk=1)[0].token
    return token


def bump(*, indicator_ids: Iterable[int] | None = None, **_kwargs: object) -> None:
    """Figures changed: give them a new token once the transaction commits (at once outside
    one), and rewrite the rolled-up figures of `indicator_ids`. Registered once per
    transaction; a rolled-back savepoint takes its request along.

    A bulk writer passes the ids of every indicator it wrote; without them every rolled-up
    figure is rebuilt after the commit (correct, and slow with a province's data)."""
    if indicator_ids is None:
        rollups.everything_changed()
    else:
        rollups.figures_changed(indicator_ids)
    _token_change()


def _token_change() -> None:
    if not changed_in_this_transaction():
        transaction.on_commit(bump_now)


def bump_now() -> None:
    """A new token now, in a statement of its own."""
    from indicators.models import DataVersion

    updated = DataVersion.objects.filter(pk=1).update(token=uuid.uuid4(), changed_at=timezone.now())
    if not updated:
        DataVersion.objects.get_or_create(pk=1)


def changed_in_this_transaction() -> bool:
    """Whether the open transaction has changed figures that are not committed yet."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return False
    return any(func is bump_now for _sids, func, _robust in connection.run_on_commit)


def _touched_indicators(instance: models.Model) -> list[int]:
    """The indicators whose figures a saved or deleted row can change."""
    from indicators.models import Indicator, Sector, SourceReport, Target, Value

    if isinstance(instance, Value | Target):
        return [instance.indicator_id]
    if isinstance(instance, Indicator):
        return [instance.pk]
    if isinstance(instance, Sector):  # the top sector a figure is counted under
        return list(Indicator.objects.in_sector(instance.pk).values_list("pk", flat=True))
    if isinstance(instance, SourceReport):  # its date chooses between reports
        values = Value.objects.filter(report=instance).values_list("indicator_id", flat=True)
        targets = Target.objects.filter(report=instance).values_list("indicator_id", flat=True)
        return list(set(values) | set(targets))
    # A department, a council group: only their names; a report's statement: its words (the
    # cause of a shortfall). Read when a page is drawn: the token is all that changes.
    return []


def _figures_written(sender: type[models.Model], instance: models.Model, **_kwargs: object) -> None:
    from indicators.models import Value

    if isinstance(instance, Value) and not instance.is_published:
        # A draft or a figure awaiting review: no published figure, page or export changes
        # (the review publishes them with `bump`).
        return
    rollups.figures_changed(_touched_indicators(instance))
    _token_change()


def _rollups_filled(**_kwargs: object) -> None:
    """After `migrate`: a database with figures but no rolled-up figures (the migration that
    added them, a restore of an older backup) gets them built."""
    from indicators.models import IndicatorFigure, Value

    if not IndicatorFigure.objects.exists() and Value.objects.exists():
        rollups.rebuild_all()


def connect_signals() -> None:
    from django.apps import apps

    from indicators.models import (
        CouncilGroup,
        Department,
        Indicator,
        Sector,
        SourceReport,
        Statement,
        Target,
        Value,
    )

    models_read = (Indicator, Sector, Department, CouncilGroup, SourceReport, Statement)
    for model in (*models_read, Target, Value):
        uid = f"chitieu-data-version-{model.__name__}"
        post_save.connect(_figures_written, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_figures_written, sender=model, dispatch_uid=f"{uid}-delete")
    post_migrate.connect(
        _rollups_filled, sender=apps.get_app_config("indicators"), dispatch_uid="chitieu-rollups"
    )
