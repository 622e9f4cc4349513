from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from entry.models import QuarterSubmission, SubmissionNotice


@admin.register(QuarterSubmission)
class QuarterSubmissionAdmin(SimpleHistoryAdmin):
    # Status changes go through the review pages (they check roles and leave a record);
    # here they are read-only.
    list_display = ["department", "year", "quarter", "status", "deadline", "submitted_at"]
    list_filter = ["year", "quarter", "status", "department"]
    list_select_related = ["department"]
    readonly_fields = [
        "department",
        "year",
        "quarter",
        "status",
        "report",
        "comment",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(SubmissionNotice)
class SubmissionNoticeAdmin(admin.ModelAdmin[SubmissionNotice]):
    list_display = ["submission", "kind", "key", "recipients", "sent_at"]
    list_filter = ["kind"]
    list_select_related = ["submission__department"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: SubmissionNotice | None = None
    ) -> bool:
        return False
