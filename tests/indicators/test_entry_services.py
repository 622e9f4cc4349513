"""Saving a department's quarter, the review, the lock, the emails and the reminders."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from indicators import entry_services as services
from indicators.entry_selectors import quarter_entry, value_token
from indicators.entry_services import EntryConflict
from indicators.models import (
    QuarterSubmission,
    Role,
    SubmissionNotice,
    SubmissionStatus,
    Value,
)
from indicators.tasks import entry_reminders_send
from tests.factories import (
    QUARTER,
    YEAR,
    DepartmentFactory,
    build_department,
    make_user,
    review,
    save,
)

# --- saving ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_saving_a_draft_records_each_figure_with_its_submission_user_and_reason():
    department, indicators = build_department(2)
    staff = make_user(Role.STAFF, department)
    result = save(staff, department, {indicators[0].pk: "55,5", indicators[1].pk: "1200"})

    assert result.created == 2
    submission = QuarterSubmission.objects.get(department=department, year=YEAR, quarter=QUARTER)
    assert submission.status == SubmissionStatus.DRAFT
    figure = Value.objects.get(submission=submission, indicator=indicators[0])
    assert figure.value == Decimal("55.5")
    assert (figure.year, figure.quarter, figure.kind) == (YEAR, QUARTER, "estimate")
    assert figure.report.number == "NHAPLIEU-KTE-2025Q3"
    assert figure.report.title == "Số liệu Phòng Kinh tế nhập trực tiếp, Quý III/2025"
    record = figure.history.get()
    assert record.history_user == staff
    assert record.history_change_reason == "Lưu nháp Quý III/2025"


@pytest.mark.django_db
def test_saving_again_updates_only_what_changed_and_keeps_the_old_value_in_history():
    department, indicators = build_department(2)
    staff = make_user(Role.STAFF, department)
    save(staff, department, {indicators[0].pk: "55", indicators[1].pk: "1200"})
    result = save(staff, department, {indicators[0].pk: "60"})

    assert (result.created, result.updated) == (0, 1)
    figure = Value.objects.get(indicator=indicators[0], submission__isnull=False)
    assert figure.value == Decimal("60")
    assert [r.value for r in figure.history.order_by("history_date")] == [
        Decimal("55"),
        Decimal("60"),
    ]
    assert Value.objects.get(indicator=indicators[1], submission__isnull=False).history.count() == 1


@pytest.mark.django_db
def test_clearing_a_saved_figure_deletes_it_and_records_the_deletion():
    department, indicators = build_department(1)
    staff = make_user(Role.STAFF, department)
    save(staff, department, {indicators[0].pk: "55"})
    result = save(staff, department, {indicators[0].pk: None})

    assert result.deleted == 1
    assert not Value.objects.filter(submission__isnull=False).exists()
    assert Value.history.filter(history_type="-").get().history_user == staff


@pytest.mark.django_db
def test_a_figure_changed_by_someone_else_since_the_form_opened_is_a_conflict_and_nothing_saves():
    department, indicators = build_department(2)
    staff = make_user(Role.STAFF, department)
    head = make_user(Role.HEAD, department)
    save(staff, department, {indicators[0].pk: "55", indicators[1].pk: "1200"})
    opened_by_staff = quarter_entry(department, YEAR, QUARTER)
    save(head, department, {indicators[0].pk: "57"})

    with pytest.raises(EntryConflict) as caught:
        save(
            staff,
            department,
            {indicators[0].pk: "56", indicators[1].pk: "1300"},
            entry=opened_by_staff,
        )

    assert [c.indicator for c in caught.value.conflicts] == [indicators[0]]
    assert caught.value.conflicts[0].theirs.value == Decimal("57")
    stored = {v.indicator_id: v.value for v in Value.objects.filter(submission__isnull=False)}
    assert stored == {indicators[0].pk: Decimal("57"), indicators[1].pk: Decimal("1200")}


@pytest.mark.django_db
def test_a_figure_someone_else_changed_is_kept_when_this_form_did_not_touch_it():
    department, indicators = build_department(2)
    staff = make_user(Role.STAFF, department)
    head = make_user(Role.HEAD, department)
    save(staff, department, {indicators[0].pk: "55", indicators[1].pk: "1200"})
    opened_by_staff = quarter_entry(department, YEAR, QUARTER)
    save(head, department, {indicators[0].pk: "57"})

    result = save(staff, department, {indicators[1].pk: "1300"}, entry=opened_by_staff)

    assert result.kept_theirs == [indicators[0]]
    stored = {v.indicator_id: v.value for v in Value.objects.filter(submission__isnull=False)}
    assert stored == {indicators[0].pk: Decimal("57"), indicators[1].pk: Decimal("1300")}


@pytest.mark.django_db
def test_submitting_stops_when_a_figure_changed_meanwhile_even_one_this_form_left_alone():
    department, indicators = build_department(2)
    staff = make_user(Role.STAFF, department)
    head = make_user(Role.HEAD, department)
    save(staff, department, {indicators[0].pk: "55", indicators[1].pk: "56"})
    opened_by_head = quarter_entry(department, YEAR, QUARTER)
    save(staff, department, {indicators[0].pk: None})  # cleared meanwhile

    with pytest.raises(EntryConflict) as caught:
        save(head, department, {}, submit=True, entry=opened_by_head)

    assert caught.value.conflicts == []
    assert caught.value.others_changed == [indicators[0]]
    assert QuarterSubmission.objects.get().status == SubmissionStatus.DRAFT


@pytest.mark.django_db
def test_two_people_making_the_same_change_is_not_a_conflict():
    department, indicators = build_department(1)
    staff = make_user(Role.STAFF, department)
    head = make_user(Role.HEAD, department)
    opened_by_staff = quarter_entry(department, YEAR, QUARTER)
    save(head, department, {indicators[0].pk: "57"})

    result = save(staff, department, {indicators[0].pk: "57"}, entry=opened_by_staff)

    assert (result.created, result.updated) == (0, 0)


@pytest.mark.django_db
def test_the_token_of_a_stored_figure_changes_with_its_note_and_document():
    department, indicators = build_department(1)
    staff = make_user(Role.STAFF, department)
    save(staff, department, {indicators[0].pk: "57"})
    figure = Value.objects.get(submission__isnull=False)
    before = value_token(figure)
    figure.note = "Giải trình"
    assert value_token(figure) != before
    assert value_token(None) == ""


@pytest.mark.django_db
def test_staff_and_the_head_of_the_department_may_submit():
    department, indicators = build_department(1)
    staff = make_user(Role.STAFF, department)
    result = save(staff, department, {indicators[0].pk: "57"}, submit=True)
    assert result.submission.status == SubmissionStatus.SUBMITTED
    assert result.submission.submitted_by == staff

    other, other_indicators = build_department(1, code="YTE", name="Phòng Y tế")
    head = make_user(Role.HEAD, other)
    result = save(head, other, {other_indicators[0].pk: "12"}, submit=True)
    assert result.submission.submitted_by == head


@pytest.mark.django_db
def test_another_departments_user_cannot_save_and_nothing_changes():
    department, indicators = build_department(1)
    other, _ = build_department(1, code="YTE", name="Phòng Y tế")
    outsider = make_user(Role.HEAD, other)
    with pytest.raises(PermissionDenied):
        save(outsider, department, {indicators[0].pk: "57"})
    assert not QuarterSubmission.objects.exists()
    assert not Value.objects.filter(submission__isnull=False).exists()


def _submitted(department, indicators):
    head = make_user(Role.HEAD, department)
    save(head, department, {i.pk: "57" for i in indicators}, submit=True)
    return head


@pytest.mark.django_db
def test_approving_locks_the_quarter_for_everyone_until_reopened():
    department, indicators = build_department(1)
    head = _submitted(department, indicators)
    reviewer = make_user(Role.REVIEWER)
    admin = make_user(Role.ADMIN)
    review(services.submission_approve, reviewer, department)

    for user in (head, admin):
        with pytest.raises(PermissionDenied):
            save(user, department, {indicators[0].pk: "99"})
    assert Value.objects.get(submission__isnull=False).value == Decimal("57")

    review(services.submission_reopen, reviewer, department, reason="Sửa theo số liệu thống kê")
    submission = QuarterSubmission.objects.get()
    assert submission.status == SubmissionStatus.RETURNED
    reopened = submission.history.order_by("history_date").last()
    assert reopened.history_user == reviewer
    assert reopened.history_change_reason == "Mở lại sau khi đã duyệt"
    assert reopened.comment == "Sửa theo số liệu thống kê"
    save(head, department, {indicators[0].pk: "99"})
    assert Value.objects.get(submission__isnull=False).value == Decimal("99")


@pytest.mark.django_db
def test_returning_needs_a_comment():
    department, indicators = build_department(1)
    _submitted(department, indicators)
    reviewer = make_user(Role.REVIEWER)
    with pytest.raises(ValidationError):
        review(services.submission_return, reviewer, department, comment="  ")
    assert QuarterSubmission.objects.get().status == SubmissionStatus.SUBMITTED


@pytest.mark.django_db
def test_returning_emails_the_department_once(django_capture_on_commit_callbacks):
    department, indicators = build_department(1)
    _submitted(department, indicators)
    make_user(Role.STAFF, department)
    make_user(Role.STAFF, DepartmentFactory(code="YTE"))  # another department: not told
    reviewer = make_user(Role.REVIEWER)
    with django_capture_on_commit_callbacks(execute=True):
        submission = review(
            services.submission_return, reviewer, department, comment="Thiếu số liệu quý III"
        )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["head-KTE@example.org", "staff-KTE@example.org"]
    assert "Quý III/2025" in message.subject
    assert "Thiếu số liệu quý III" in message.body
    assert "/entry/KTE/2025/q3/" in message.body

    # The task run again (a retry) sends nothing more.
    key = submission.reviewed_at.isoformat()
    again = services.submission_notice_send(submission_id=submission.pk, kind="returned", key=key)
    assert again is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_only_a_reviewer_or_admin_approves_and_only_a_submitted_quarter():
    department, indicators = build_department(1)
    head = make_user(Role.HEAD, department)
    reviewer = make_user(Role.REVIEWER)
    save(head, department, {indicators[0].pk: "57"})
    with pytest.raises(PermissionDenied):
        review(services.submission_approve, reviewer, department)  # still a draft
    save(head, department, {}, submit=True)
    for user in (head, make_user(Role.LEADERSHIP)):
        with pytest.raises(PermissionDenied):
            review(services.submission_approve, user, department)
    assert QuarterSubmission.objects.get().status == SubmissionStatus.SUBMITTED


@pytest.mark.django_db
def test_the_reviewer_moves_a_deadline_and_the_change_is_kept():
    department, _indicators = build_department(1)
    reviewer = make_user(Role.REVIEWER)
    new = datetime.date(2025, 9, 20)
    submission = review(services.submission_deadline_set, reviewer, department, deadline=new)
    assert submission.deadline == new
    assert submission.history.latest().history_change_reason == "Đổi hạn nộp"


# --- reminders ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reminders_go_before_the_deadline_and_when_overdue_each_only_once():
    department, _indicators = build_department(1)
    make_user(Role.STAFF, department)
    done, done_indicators = build_department(1, code="YTE", name="Phòng Y tế")
    _submitted(done, done_indicators)  # a submitted quarter is not reminded
    # Quý II/2025 (deadline 14/06/2025) was never submitted by either: overdue, once each.
    assert entry_reminders_send.delay("2025-09-10").get() == {"before_deadline": 0, "overdue": 2}
    mail.outbox.clear()

    # Quý III/2025's deadline is 14/09/2025; the reminder goes three days before.
    assert entry_reminders_send.delay("2025-09-10").get() == {"before_deadline": 0, "overdue": 0}
    assert entry_reminders_send.delay("2025-09-11").get() == {"before_deadline": 1, "overdue": 0}
    assert entry_reminders_send.delay("2025-09-12").get() == {"before_deadline": 0, "overdue": 0}
    assert len(mail.outbox) == 1
    assert "Sắp đến hạn nộp số liệu Quý III/2025" in mail.outbox[0].subject
    assert mail.outbox[0].to == ["staff-KTE@example.org"]

    assert entry_reminders_send.delay("2025-09-15").get() == {"before_deadline": 0, "overdue": 1}
    assert entry_reminders_send.delay("2025-09-16").get() == {"before_deadline": 0, "overdue": 0}
    assert len(mail.outbox) == 2
    assert "Quá hạn nộp số liệu Quý III/2025" in mail.outbox[1].subject
    assert SubmissionNotice.objects.filter(submission__quarter=3).count() == 2


@pytest.mark.django_db
def test_a_moved_deadline_earns_a_new_reminder():
    department, _indicators = build_department(1)
    make_user(Role.STAFF, department)
    reviewer = make_user(Role.REVIEWER)
    assert entry_reminders_send.delay("2025-09-15").get()["overdue"] == 2  # Q2 and Q3
    review(
        services.submission_deadline_set,
        reviewer,
        department,
        deadline=datetime.date(2025, 9, 18),
    )
    assert entry_reminders_send.delay("2025-09-16").get() == {"before_deadline": 1, "overdue": 0}
    assert len(mail.outbox) == 3
