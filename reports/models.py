"""Exports sent to the council: each one a snapshot of the table it was made from.

An export keeps its parameters, who asked for it and when, where its build stands, why it
failed, the file itself (under MEDIA_ROOT) and the rows it was built from with the ids of the
values and targets behind each figure. Downloading it later gives the same bytes, whatever
happened to the figures since.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from indicators.models import PlanSource


class ExportKind(models.TextChoices):
    TABLE = "table", _("Biểu chỉ tiêu")
    SENTENCES = "sentences", _("Đoạn văn kết quả thực hiện")


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel (.xlsx)")
    DOCX = "docx", _("Word (.docx)")
    PDF = "pdf", _("PDF")
    CSV = "csv", _("CSV (UTF-8)")


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang tạo tệp")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


def stale_before(now: datetime) -> datetime:
    """Builds queued or started before this have outlived any task's hard time limit."""
    return now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


def export_upload_to(export: Export, filename: str) -> str:
    # One folder per export: a retried build replaces its own file and nobody else's.
    return f"exports/{export.year}/{export.fingerprint[:16]}/{filename}"


class Export(models.Model):
    kind = models.CharField(
        _("loại"), max_length=10, choices=ExportKind.choices, default=ExportKind.TABLE
    )
    format = models.CharField(_("định dạng"), max_length=5, choices=ExportFormat.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    baseline = models.CharField(
        _("so với kế hoạch"),
        max_length=10,
        choices=PlanSource.choices,
        default=PlanSource.COUNCIL,
    )
    all_indicators = models.BooleanField(_("tất cả chỉ tiêu"), default=False)
    fingerprint = models.CharField(
        _("dấu vân tay"),
        max_length=64,
        unique=True,
        help_text=_("Yêu cầu và số liệu: cùng yêu cầu trên cùng số liệu thì dùng lại tệp cũ"),
    )
    snapshot = models.JSONField(_("số liệu đã dùng"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    error = models.TextField(_("lỗi"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần tạo"), default=0)
    file = models.FileField(_("tệp"), upload_to=export_upload_to, blank=True, max_length=300)
    filename = models.CharField(_("tên tệp"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    # When its build was last handed to the broker: empty while the request is only recorded
    # (the broker was down), until a sweep queues it (reports.services.exports_requeue_stalled).
    queued_at = models.DateTimeField(_("đưa vào hàng đợi lúc"), null=True, blank=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp xuất")
        verbose_name_plural = _("tệp xuất")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="table") | Q(kind="sentences", format="docx"),
                name="export_sentences_only_as_docx",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(file=""), name="export_done_has_a_file"
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error=""), name="export_failure_says_why"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100), name="export_year_in_range"
            ),
        ]
        indexes = [models.Index(fields=["-created_at"], name="export_recent_first")]

    def __str__(self) -> str:
        return self.filename or f"{self.kind} {self.year} {self.format}"

    @property
    def is_done(self) -> bool:
        return self.status == ExportStatus.DONE

    @property
    def awaits_queue(self) -> bool:
        """Recorded, not yet handed to the broker: it goes out when the broker is back."""
        return self.status == ExportStatus.PENDING and self.queued_at is None

    @property
    def is_stale(self) -> bool:
        return self.stale_at(timezone.now())

    def stale_at(self, now: datetime) -> bool:
        """Whether at `now` the build has been queued or running for longer than a task may
        run: its message was lost (a Redis that restarted empty) or its worker died with it
        (the hard time limit kills it without a word), so it may be started again."""
        if self.status == ExportStatus.RUNNING:
            since = self.started_at
        elif self.status == ExportStatus.PENDING:
            since = self.queued_at
        else:
            return False
        return since is not None and since < stale_before(now)

    @property
    def can_retry(self) -> bool:
        return self.status == ExportStatus.FAILED or self.is_stale

    @property
    def progress_pct(self) -> int:
        """Where the build stands, for the progress bar: queued, building, finished."""
        steps: dict[str, int] = {ExportStatus.PENDING: 10, ExportStatus.RUNNING: 60}
        return steps.get(self.status, 100)
