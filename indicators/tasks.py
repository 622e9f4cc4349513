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
