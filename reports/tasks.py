"""Celery tasks of the reports app: they take ids, call a service, hold no logic, and are
idempotent (a finished export is left alone, a second build replaces its own file), so late
acknowledgement and delivery again after a lost worker are safe."""

from __future__ import annotations

from celery import shared_task


# A PDF of every indicator takes a few seconds here; a thousand rows about ten. The limits leave
# room for a slow machine and stop a runaway build.
@shared_task(acks_late=True, reject_on_worker_lost=True, time_limit=300, soft_time_limit=240)
def export_build(export_id: int) -> str:
    """Build one export's file; returns its status."""
    from reports import services

    return services.export_build(export_id=export_id).status


@shared_task(acks_late=True, time_limit=60, soft_time_limit=50)
def exports_requeue_stalled() -> dict[str, int]:
    """Queue again the exports that no message will build (every minute, beat)."""
    from reports import services

    return services.exports_requeue_stalled()
