"""Writes of the reports app: asking for an export, building it, retrying it, and queueing
again the builds that no message will bring to a worker."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerUnreachable

from indicators.models import PlanSource
from reports import tasks
from reports.exports import render_snapshot
from reports.exports.layout import filename as export_filename
from reports.models import Export, ExportFormat, ExportKind, ExportStatus, stale_before
from reports.selectors import council_snapshot
from reports.snapshot import Snapshot, TitleBlock

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

logger = logging.getLogger(__name__)

# A build whose process died under it this many times (the OOM killer, kill -9) is given up:
# the broker would otherwise hand it back for ever (CELERY_TASK_REJECT_ON_WORKER_LOST).
EXPORT_MAX_ATTEMPTS = 3


def export_fingerprint(*, kind: str, format: str, snapshot: Snapshot) -> str:
    """The request and the data it reads: the same table of the same figures, asked for in the
    same format, has the same fingerprint, whoever asks and whenever."""
    key = f"{kind}|{format}|{snapshot.data_digest()}"
    return hashlib.sha256(key.encode()).hexdigest()


def export_request(
    *,
    user: User | AnonymousUser | None,
    kind: str = ExportKind.TABLE,
    format: str,
    year: int,
    baseline: str = PlanSource.COUNCIL,
    all_indicators: bool = False,
    title_block: TitleBlock | None = None,
) -> tuple[Export, bool]:
    """Ask for an export; returns it and whether it is new.

    The table is read now and frozen in the export. When the same request on the same data
    was made before, that export is returned and nothing is built again (a failed one, or one
    not yet queued, is queued again: asking again is how a person retries). A new export is
    built by a Celery task queued once the row is committed; the row is the record of the
    request, so a broker that is down loses nothing (`_queue`).
    """
    if kind == ExportKind.SENTENCES:
        all_indicators = False  # the report's sentences speak of the main indicators only
    snapshot = council_snapshot(year=year, baseline=baseline, all_indicators=all_indicators)
    if title_block is not None:
        # Part of what the file says, so part of its fingerprint (Snapshot.data_digest).
        snapshot = replace(snapshot, title_block=title_block)
    fingerprint = export_fingerprint(kind=kind, format=format, snapshot=snapshot)
    with transaction.atomic():
        existing = Export.objects.filter(fingerprint=fingerprint).first()
        if existing is not None:
            if existing.can_retry or existing.awaits_queue:
                _requeue(existing)
            return existing, False
        export = Export(
            kind=kind,
            format=format,
            year=year,
            baseline=baseline,
            all_indicators=all_indicators,
            fingerprint=fingerprint,
            snapshot=snapshot.to_json(),
            created_by=user if user is not None and user.is_authenticated else None,
            filename=export_filename(snapshot, ExportFormat(format).value, kind=kind),
        )
        # Uniqueness is the database's to decide: two people asking at the same moment.
        export.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                export.save()
        except IntegrityError:
            return Export.objects.get(fingerprint=fingerprint), False
        transaction.on_commit(partial(_queue, export))
    return export, True


def export_retry(*, export: Export) -> Export:
    """Queue a failed (or abandoned) build again."""
    with transaction.atomic():
        export = Export.objects.select_for_update().get(pk=export.pk)
        if export.can_retry:
            _requeue(export)
    return export


def exports_requeue_stalled(*, now: datetime | None = None) -> dict[str, int]:
    """Queue again the builds that no message will bring to a worker: asked for while the
    broker was down (pending, never queued), queued so long ago that the message must be lost,
    or running past any task's time limit (the worker died with it; one that died
    EXPORT_MAX_ATTEMPTS times is failed instead). Returns how many were queued and failed."""
    now = now or timezone.now()
    before = stale_before(now)
    stalled = Q(status=ExportStatus.PENDING, queued_at__isnull=True)
    stalled |= Q(status=ExportStatus.PENDING, queued_at__lt=before)
    stalled |= Q(status=ExportStatus.RUNNING, started_at__lt=before)
    done = {"queued": 0, "failed": 0}
    for export_id in Export.objects.filter(stalled).values_list("pk", flat=True):
        with transaction.atomic():
            export = Export.objects.select_for_update().get(pk=export_id)
            if export.status == ExportStatus.RUNNING and export.attempts >= EXPORT_MAX_ATTEMPTS:
                _fail(export_id, _gave_up(export.attempts))
                done["failed"] += 1
            elif export.awaits_queue or export.stale_at(now):
                _requeue(export)
                done["queued"] += 1
    return done


def _requeue(export: Export) -> None:
    export.status = ExportStatus.PENDING
    export.error = ""
    export.started_at = None
    export.queued_at = None
    export.save(update_fields=["status", "error", "started_at", "queued_at"])
    transaction.on_commit(partial(_queue, export))


def _queue(export: Export) -> None:
    """Hand the build to the broker. A broker that is down or unreachable leaves the export
    recorded as pending and not queued (the page says so); the sweep queues it once the broker
    is back. The request never waits for a result, nor subscribes to one."""
    try:
        tasks.export_build.apply_async((export.pk,), ignore_result=True)
    except BrokerUnreachable:
        logger.warning(
            "Export %s recorded but not queued (broker unreachable); the sweep will queue it",
            export.pk,
            exc_info=True,
        )
        return
    export.queued_at = timezone.now()
    Export.objects.filter(pk=export.pk).update(queued_at=export.queued_at)


def export_build(*, export_id: int) -> Export:
    """Build an export's file from the rows it recorded (not from today's figures), store it,
    and mark it done; or record why it failed. Idempotent: a finished export is left as is."""
    with transaction.atomic():
        export = Export.objects.select_for_update().get(pk=export_id)
        if export.status == ExportStatus.DONE:
            return export
        if export.status == ExportStatus.RUNNING and export.attempts >= EXPORT_MAX_ATTEMPTS:
            # Delivered again after its process died under it, every time: give up.
            return _fail(export_id, _gave_up(export.attempts))
        export.status = ExportStatus.RUNNING
        export.started_at = timezone.now()
        export.attempts += 1
        export.error = ""
        export.save(update_fields=["status", "started_at", "attempts", "error"])

    try:
        snapshot = Snapshot.from_json(export.snapshot)
        data = render_snapshot(export.format, snapshot, kind=export.kind)
    except SoftTimeLimitExceeded:
        return _fail(export_id, _("Quá thời gian cho phép khi tạo tệp. Hãy thử lại."))
    except Exception as exc:
        logger.exception("Export %s failed", export_id)
        return _fail(export_id, _("Không tạo được tệp: %(error)s") % {"error": _describe(exc)})

    with transaction.atomic():
        export = Export.objects.select_for_update().get(pk=export_id)
        if export.status == ExportStatus.DONE:
            return export  # a second delivery of the task finished first
        if export.file:
            export.file.delete(save=False)
        # A build that died after writing its file and before recording it left the file in the
        # export's own folder: replaced, not kept beside the new one under another name.
        name = export.file.field.generate_filename(export, export.filename)
        if export.file.storage.exists(name):
            export.file.storage.delete(name)
        export.file.save(export.filename, ContentFile(data), save=False)
        export.size = len(data)
        export.sha256 = hashlib.sha256(data).hexdigest()
        export.status = ExportStatus.DONE
        export.finished_at = timezone.now()
        export.full_clean(validate_unique=False)
        export.save()
    return export


def _gave_up(attempts: int) -> str:
    return _(
        "Việc tạo tệp bị dừng giữa chừng %(n)d lần (máy xử lý bị tắt hoặc hết bộ nhớ). "
        "Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống."
    ) % {"n": attempts}


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _fail(export_id: int, message: str) -> Export:
    with transaction.atomic():
        export = Export.objects.select_for_update().get(pk=export_id)
        export.status = ExportStatus.FAILED
        export.error = message
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
    return export
