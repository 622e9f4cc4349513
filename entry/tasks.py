"""Celery tasks of the entry workflow: they take ids, call a service, hold no logic, and are
idempotent (each email is recorded once per kind and key), so late acknowledgement and delivery
again after a lost worker (CELERY_TASK_REJECT_ON_WORKER_LOST) are safe."""

from __future__ import annotations

import logging
import smtplib
from datetime import date
from typing import Any

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)

# A mail server that is down or refuses a connection: try again up to 1, 2, 4 ... 30 minutes
# later (random within that, so that workers do not retry together), about an hour in all.
# Safe because a notice is recorded in the transaction that sends it (entry/services.py,
# submission_notice_send): a retry sends only what was not sent.
MAIL_ERRORS = (smtplib.SMTPException, ConnectionError, OSError)
RETRY_ON_MAIL_ERRORS: dict[str, Any] = {
    "autoretry_for": MAIL_ERRORS,
    "retry_backoff": 60,
    "retry_backoff_max": 30 * 60,
    "retry_jitter": True,
    "max_retries": 6,
}


@shared_task(acks_late=True, time_limit=300, soft_time_limit=240, **RETRY_ON_MAIL_ERRORS)
def entry_reminders_send(today: str | None = None) -> dict[str, int]:
    """Email departments whose quarter is due soon or overdue (daily; each reminder once)."""
    # The service imports this module to queue notices: importing it here, in the body, is the
    # one import that keeps the pair free of a circle.
    from entry import services

    day = date.fromisoformat(today) if today else timezone.localdate()
    result = services.entry_reminders_send(today=day)
    logger.info("Entry reminders for %s: %s", day, result)
    return result


@shared_task(acks_late=True, time_limit=120, soft_time_limit=100, **RETRY_ON_MAIL_ERRORS)
def entry_return_notify(submission_id: int, key: str) -> bool:
    """Email a department that its quarter was returned or reopened (once per `key`)."""
    from entry import services

    return services.submission_notice_send(submission_id=submission_id, kind="returned", key=key)


@shared_task(acks_late=True, time_limit=300, soft_time_limit=240)
def return_notices_send_missed() -> int:
    """Send the return notices that did not go out (every 5 minutes, beat)."""
    from entry import services

    return services.return_notices_send_missed(now=timezone.now())
