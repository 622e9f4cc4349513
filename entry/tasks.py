"""Celery tasks of the entry workflow: they take ids, call a service, hold no logic, and are
idempotent (each email is recorded once per kind and key)."""

from __future__ import annotations

import logging
from datetime import date

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, time_limit=300, soft_time_limit=240)
def entry_reminders_send(today: str | None = None) -> dict[str, int]:
    """Email departments whose quarter is due soon or overdue (daily; each reminder once)."""
    # The service imports this module to queue notices: importing it here, in the body, is the
    # one import that keeps the pair free of a circle.
    from entry import services

    day = date.fromisoformat(today) if today else timezone.localdate()
    result = services.entry_reminders_send(today=day)
    logger.info("Entry reminders for %s: %s", day, result)
    return result


@shared_task(acks_late=True, time_limit=120, soft_time_limit=100)
def entry_return_notify(submission_id: int, key: str) -> bool:
    """Email a department that its quarter was returned or reopened (once per `key`)."""
    from entry import services

    return services.submission_notice_send(submission_id=submission_id, kind="returned", key=key)
