"""`audited()`: the history a model declares (`history = audited()`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from simple_history.models import HistoricalRecords

from audit.models import ChangeAuthor


def _user_of(record: Any) -> Any:
    """The user who made a change, if their account still exists (the name is kept anyway)."""
    if record.history_user_id is None:
        return None
    return get_user_model().objects.filter(pk=record.history_user_id).first()


def _set_user(record: Any, user: Any) -> None:
    if user is not None:
        record.history_user_id = user.pk


def audited() -> HistoricalRecords:
    """A history table filled by database triggers (audit/triggers.py)."""
    return HistoricalRecords(
        bases=[ChangeAuthor],
        history_user_id_field=models.BigIntegerField(null=True, blank=True, db_index=True),
        history_user_getter=_user_of,
        history_user_setter=_set_user,
    )
