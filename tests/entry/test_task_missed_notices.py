"""A return's notice that never went out (the broker was down when the reviewer returned the
quarter, or the mail server for longer than the task retried) is sent by the sweep beat runs
every 5 minutes: once, only for quarters still returned, only for recent returns. The return
itself is the record: its status and the reviewer's time name the notice it owes."""

from __future__ import annotations

import smtplib
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone
from kombu.exceptions import OperationalError

from accounts.models import Role
from entry import services
from entry.models import QuarterSubmission, SubmissionNotice, SubmissionStatus
from entry.tasks import entry_return_notify, return_notices_send_missed
from tests.builders import build_department, make_user, review, save

pytestmark = pytest.mark.django_db
LATER = timedelta(minutes=6)


@contextmanager
def broker_refusing(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patch:
        patch.setattr(entry_return_notify, "apply_async", refuse)
        yield


def returned(capture_on_commit, code="KTE", comment="Thiếu số quý III") -> QuarterSubmission:
    department, indicators = build_department(1, code=code, name=f"Phòng {code}")
    head = make_user(Role.HEAD, department)
    save(head, department, {indicators[0].pk: "57"}, submit=True)
    with capture_on_commit(execute=True):
        return review(
            services.submission_return,
            make_user(Role.REVIEWER, username=f"reviewer-{code}"),
            department,
            comment=comment,
        )


def test_a_quarter_returned_while_the_broker_was_down_is_mailed_by_the_sweep_once(
    monkeypatch, django_capture_on_commit_callbacks, caplog
):
    with broker_refusing(monkeypatch):
        submission = returned(django_capture_on_commit_callbacks)
    assert submission.status == SubmissionStatus.RETURNED and mail.outbox == []
    assert "not queued (broker unreachable)" in caplog.text

    now = timezone.now()
    assert services.return_notices_send_missed(now=now) == 0, "its own task's time first"
    assert services.return_notices_send_missed(now=now + LATER) == 1
    assert len(mail.outbox) == 1 and "Thiếu số quý III" in mail.outbox[0].body
    assert services.return_notices_send_missed(now=now + LATER) == 0
    assert len(mail.outbox) == 1
    # The notice's own task, delivered after all, sends nothing more either.
    key = submission.reviewed_at.isoformat()
    assert entry_return_notify.delay(submission.pk, key).get() is False
    assert len(mail.outbox) == 1


def test_the_sweep_leaves_a_return_whose_notice_went_out_alone(django_capture_on_commit_callbacks):
    # The key the sweep reads back from the database is the one the return's task recorded.
    returned(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1

    assert services.return_notices_send_missed(now=timezone.now() + LATER) == 0
    assert len(mail.outbox) == 1 and SubmissionNotice.objects.count() == 1


def test_no_missed_notice_for_a_quarter_sent_in_again_or_returned_long_ago(
    monkeypatch, django_capture_on_commit_callbacks
):
    with broker_refusing(monkeypatch):
        sent_in_again = returned(django_capture_on_commit_callbacks, code="KTE")
        returned(django_capture_on_commit_callbacks, code="YTE")
    QuarterSubmission.objects.filter(pk=sent_in_again.pk).update(status=SubmissionStatus.SUBMITTED)

    assert services.return_notices_send_missed(now=timezone.now() + timedelta(days=8)) == 0
    assert mail.outbox == []


class FailingOnce(EmailBackend):
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls == 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def test_a_missed_notice_that_fails_to_send_is_tried_again_and_the_others_still_go(
    monkeypatch, settings, django_capture_on_commit_callbacks
):
    with broker_refusing(monkeypatch):
        returned(django_capture_on_commit_callbacks, code="KTE")
        returned(django_capture_on_commit_callbacks, code="YTE")
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FailingOnce"}}
    FailingOnce.calls = 0
    later = timezone.now() + LATER

    assert services.return_notices_send_missed(now=later) == 1
    assert services.return_notices_send_missed(now=later) == 1
    assert len(mail.outbox) == 2 and len({m.to[0] for m in mail.outbox}) == 2


def test_the_sweep_task_sends_what_was_missed(monkeypatch, django_capture_on_commit_callbacks):
    with broker_refusing(monkeypatch):
        submission = returned(django_capture_on_commit_callbacks)
    QuarterSubmission.objects.filter(pk=submission.pk).update(
        reviewed_at=submission.reviewed_at - LATER
    )

    assert return_notices_send_missed.delay().get() == 1
    assert len(mail.outbox) == 1
