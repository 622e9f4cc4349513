"""A mail server that fails for a moment: the notice tasks retry by themselves and each mail is
sent once (a notice is recorded in the transaction that sends it)."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from accounts.models import Role
from config.celery_app import app
from entry import services
from entry.models import SubmissionNotice
from entry.tasks import entry_reminders_send, entry_return_notify
from tests.builders import build_department, make_user, review, save


class FailingBackend(EmailBackend):
    """Drops the connection on the sends numbered in `fail_on`, as a restarting server would."""

    fail_on: frozenset[int] = frozenset()
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls in self.fail_on:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def failing_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FailingBackend"}}
    FailingBackend.fail_on, FailingBackend.calls = frozenset({1}), 0
    yield FailingBackend
    FailingBackend.fail_on, FailingBackend.calls = frozenset(), 0


@pytest.fixture
def eager_retries():
    """In-process tasks that retry in place: Celery's eager mode runs a retry at once, but only
    when it does not propagate task errors (the suite's setting), so that one is off here."""
    propagates = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = propagates


@pytest.mark.django_db
def test_a_return_notice_that_fails_to_send_is_retried_and_sent_once(
    failing_mail, eager_retries, django_capture_on_commit_callbacks
):
    department, indicators = build_department(1)
    head = make_user(Role.HEAD, department)
    save(head, department, {indicators[0].pk: "57"}, submit=True)
    with django_capture_on_commit_callbacks(execute=True):
        submission = review(
            services.submission_return, make_user(Role.REVIEWER), department, comment="Thiếu"
        )

    assert failing_mail.calls == 2, "the first send failed, the retry sent"
    assert len(mail.outbox) == 1
    assert "Thiếu" in mail.outbox[0].body
    assert SubmissionNotice.objects.filter(submission=submission, kind="returned").count() == 1
    # The task run once more (a duplicate delivery): nothing more is sent.
    key = submission.reviewed_at.isoformat()
    assert entry_return_notify.delay(submission.pk, key).get() is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_reminders_cut_short_by_a_failing_send_resume_and_nobody_gets_one_twice(
    failing_mail, eager_retries
):
    for code in ("KTE", "YTE"):
        department, _indicators = build_department(1, code=code, name=f"Phòng {code}")
        make_user(Role.STAFF, department)
    # 11/09/2025: Quý III is due in three days and Quý II is overdue, for both departments:
    # four mails. The second fails; the retry sends the three not yet recorded.
    failing_mail.fail_on = frozenset({2})

    assert entry_reminders_send.delay("2025-09-11").get() == {"before_deadline": 1, "overdue": 2}
    assert failing_mail.calls == 5
    sent = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert len(sent) == 4 and len(set(sent)) == 4
    assert SubmissionNotice.objects.count() == 4


def test_the_notice_tasks_retry_on_mail_server_errors_later_and_a_bounded_number_of_times():
    for task in (entry_return_notify, entry_reminders_send):
        assert set(task.autoretry_for) == {smtplib.SMTPException, ConnectionError, OSError}
        assert task.retry_backoff and task.retry_jitter and task.max_retries == 6
        assert task.acks_late


@pytest.mark.celery_worker
def test_a_real_worker_retries_a_return_notice_through_the_broker(
    celery_worker_app, failing_mail, monkeypatch, django_capture_on_commit_callbacks
):
    # The retry comes back through Redis within a second instead of a minute.
    monkeypatch.setattr(entry_return_notify, "retry_backoff", 1)
    department, indicators = build_department(1)
    head = make_user(Role.HEAD, department)
    save(head, department, {indicators[0].pk: "57"}, submit=True)
    with django_capture_on_commit_callbacks(execute=False):  # queued below, by hand
        submission = review(
            services.submission_return, make_user(Role.REVIEWER), department, comment="Thiếu"
        )
    key = submission.reviewed_at.isoformat()

    assert entry_return_notify.delay(submission.pk, key).get(timeout=60) is True
    assert failing_mail.calls == 2, "the first send failed, the retry sent"
    assert len(mail.outbox) == 1
