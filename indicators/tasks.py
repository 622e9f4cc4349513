"""Celery tasks: they take ids, call a service or selector, hold no logic, and are idempotent."""

from __future__ import annotations

import logging

from celery import shared_task

from indicators.verification import report_disagreements, statement_checks

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, time_limit=300, soft_time_limit=240)
def reports_consistency_check() -> dict[str, int]:
    """Recompute every stated figure and count what disagrees (nightly, and on demand)."""
    checks = statement_checks()
    result = {
        "statements": len(checks),
        "not_recomputing": sum(1 for c in checks if not c.agrees),
        "unflagged": sum(1 for c in checks if not c.agrees and not c.statement.flag),
        "disagreements": len(report_disagreements()),
    }
    logger.info("Report consistency check: %s", result)
    return result


# --- Quarterly entry (issue 4) ------------------------------------------------------------------


@shared_task(acks_late=True, time_limit=300, soft_time_limit=240)
def entry_reminders_send(today: str | None = None) -> dict[str, int]:
    """Email departments whose quarter is due soon or overdue (daily; each reminder once)."""
    from datetime import date

    from django.utils import timezone

    from indicators import entry_services

    day = date.fromisoformat(today) if today else timezone.localdate()
    result = entry_services.entry_reminders_send(today=day)
    logger.info("Entry reminders for %s: %s", day, result)
    return result


@shared_task(acks_late=True, time_limit=120, soft_time_limit=100)
def entry_return_notify(submission_id: int, key: str) -> bool:
    """Email a department that its quarter was returned or reopened (once per `key`)."""
    from indicators import entry_services

    return entry_services.submission_notice_send(
        submission_id=submission_id, kind="returned", key=key
    )
