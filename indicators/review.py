"""Where a department's figures stand in the planning office's review, and what each stage
means for the figures themselves.

The workflow that moves a quarter from stage to stage (who may, when, with which emails) lives
in the entry app; the domain only needs to know which figures the city stands behind
(published) and which may no longer change outside the review (locked).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa nhập")
    DRAFT = "draft", _("Đang nhập")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    RETURNED = "returned", _("Bị trả lại")
    APPROVED = "approved", _("Đã duyệt")


# A department may change its figures only while the quarter is at one of these stages.
EDITABLE_STATUSES = frozenset(
    {SubmissionStatus.NOT_STARTED, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED}
)
LOCKED_STATUSES = frozenset({SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED})


def figure_flags(status: str) -> dict[str, bool]:
    """`Value.is_published` and `Value.is_locked` of a figure whose quarter is at `status`."""
    return {
        "is_published": status == SubmissionStatus.APPROVED,
        "is_locked": status in LOCKED_STATUSES,
    }
