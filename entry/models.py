"""Quarterly entry by departments, its review and lock, the figures typed into the form and the
emails sent about them.

The domain (indicators) knows a value only as published or not and locked or not; which
department's quarter a typed figure belongs to, and how it was typed, is recorded here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.history import audited
from indicators.models import Department, Indicator, SourceReport, Value
from indicators.review import SubmissionStatus

__all__ = [
    "EnteredValue",
    "EntryMode",
    "NoticeKind",
    "QuarterSubmission",
    "SubmissionNotice",
    "SubmissionStatus",
]


class QuarterSubmission(models.Model):
    """One department's figures for one quarter: where they stand in the review, and the lock.

    A department × quarter without a row is "not started"; the row is created at the first save
    (or when a reminder or a deadline needs it).
    """

    department = models.ForeignKey(
        Department,
        verbose_name=_("phòng ban"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"))
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.NOT_STARTED,
    )
    deadline = models.DateField(_("hạn nộp"))
    report = models.ForeignKey(
        SourceReport,
        verbose_name=_("văn bản báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField(
        _("ý kiến thẩm định"),
        blank=True,
        help_text=_("Lý do trả lại hoặc mở lại gần nhất"),
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thẩm định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = audited()

    class Meta:
        verbose_name = _("kỳ nhập số liệu")
        verbose_name_plural = _("kỳ nhập số liệu")
        ordering = ["-year", "-quarter", "department"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year", "quarter"],
                name="submission_unique_quarter",
                violation_error_message=_("Phòng ban này đã có kỳ nhập số liệu của quý này."),
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4),
                name="submission_quarter_1_to_4",
                violation_error_message=_("Quý từ 1 đến 4."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100),
                name="submission_year_in_range",
                violation_error_message=_("Năm phải từ 1990 đến 2100."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=SubmissionStatus.values),
                name="submission_status_known",
                violation_error_message=_("Trạng thái kỳ nhập số liệu không hợp lệ."),
            ),
        ]
        indexes = [models.Index(fields=["year", "quarter"], name="submission_year_quarter")]

    def __str__(self) -> str:
        return f"{self.department.code} {self.year}-Q{self.quarter}: {self.status}"


class NoticeKind(models.TextChoices):
    BEFORE_DEADLINE = "before_deadline", _("Nhắc trước hạn")
    OVERDUE = "overdue", _("Nhắc quá hạn")
    RETURNED = "returned", _("Báo trả lại")


class SubmissionNotice(models.Model):
    """An email sent about a submission: kept so that no reminder goes out twice."""

    submission = models.ForeignKey(
        QuarterSubmission,
        verbose_name=_("kỳ nhập số liệu"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=NoticeKind.choices)
    key = models.CharField(
        _("khóa"),
        max_length=40,
        help_text=_("Hạn nộp được nhắc, hoặc lần trả lại được báo"),
    )
    recipients = models.TextField(_("người nhận"), blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thư nhắc")
        verbose_name_plural = _("thư nhắc")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "kind", "key"],
                name="notice_sent_once",
                violation_error_message=_("Thư nhắc này đã được gửi cho kỳ nhập số liệu này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission} {self.kind} {self.key}"


class EntryMode(models.TextChoices):
    QUARTER = "quarter", _("Số của riêng quý")
    YEAR_TO_DATE = "ytd", _("Số lũy kế từ đầu năm")


class EnteredValue(models.Model):
    """A figure a department typed into its quarterly form: which quarter's form it belongs to
    (the form edits "its" row whatever kind or document the department picks) and how it was
    typed (a year-to-date figure is stored as the quarter's own, with the arithmetic)."""

    submission = models.ForeignKey(
        QuarterSubmission,
        verbose_name=_("kỳ nhập số liệu"),
        on_delete=models.PROTECT,
        related_name="entered_values",
    )
    # The value's own indicator, kept here so that the database holds one figure per form row.
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="+"
    )
    value = models.OneToOneField(
        Value, verbose_name=_("số liệu"), on_delete=models.CASCADE, related_name="entry"
    )
    entered_as = models.CharField(
        _("số nhập là"), max_length=8, choices=EntryMode.choices, default=EntryMode.QUARTER
    )

    history = audited()

    class Meta:
        verbose_name = _("số liệu nhập trên biểu mẫu")
        verbose_name_plural = _("số liệu nhập trên biểu mẫu")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator"],
                name="entered_value_one_per_form_row",
                violation_error_message=_(
                    "Chỉ tiêu này đã có số liệu trên biểu mẫu của kỳ nhập số liệu này."
                ),
            ),
            models.CheckConstraint(
                condition=Q(entered_as__in=EntryMode.values),
                name="entered_value_mode_known",
                violation_error_message=_("Cách nhập số liệu không hợp lệ."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission} · {self.indicator_id}"
