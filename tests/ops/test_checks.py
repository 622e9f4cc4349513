"""The deploy checks of ops/checks.py, one setting at a time."""

from __future__ import annotations

import pytest

from config.settings.base import mailer_from_url
from ops.checks import mail_can_leave, site_url_is_https

SMTP = "smtp+tls://user:p%40ss@smtp.example.vn:587"


def ids(messages) -> list[str]:
    return [m.id for m in messages]


@pytest.fixture
def sending(settings):
    settings.MAILERS = {"default": mailer_from_url(SMTP)}
    settings.DEFAULT_FROM_EMAIL = "chitieu@laichau.gov.vn"
    settings.CHITIEU_SITE_URL = "https://chitieu.laichau.gov.vn"
    return settings


def test_a_named_smtp_server_and_an_https_site_pass(sending):
    assert mail_can_leave(None) == []
    assert site_url_is_https(None) == []


@pytest.mark.parametrize("url", ["consolemail://", "memorymail://", "dummymail://"])
def test_mail_kept_on_the_machine_fails(sending, url):
    sending.MAILERS = {"default": mailer_from_url(url)}
    assert ids(mail_can_leave(None)) == ["ops.E001"]


def test_no_default_mailer_fails(sending):
    sending.MAILERS = {}
    assert ids(mail_can_leave(None)) == ["ops.E001"]


def test_an_smtp_mailer_without_a_host_fails(sending):
    sending.MAILERS = {"default": mailer_from_url("smtp://")}
    [error] = mail_can_leave(None)
    assert error.id == "ops.E002" and "EMAIL_URL" in error.hint


def test_a_sender_at_localhost_is_warned_about(sending):
    sending.DEFAULT_FROM_EMAIL = "chitieu@localhost"
    assert ids(mail_can_leave(None)) == ["ops.W001"]


@pytest.mark.parametrize("url", ["", "http://chitieu.laichau.gov.vn", "https://", "chitieu.vn"])
def test_a_site_url_that_is_missing_or_not_https_fails(sending, url):
    sending.CHITIEU_SITE_URL = url
    assert ids(site_url_is_https(None)) == ["ops.E003"]


@pytest.mark.parametrize(
    ("url", "options"),
    [
        (
            SMTP,
            {
                "host": "smtp.example.vn",
                "port": 587,
                "username": "user",
                "password": "p@ss",
                "use_tls": True,
                "use_ssl": False,
                "timeout": 30,
            },
        ),
        (
            "smtp+ssl://mail.laichau.gov.vn?timeout=10",
            {
                "host": "mail.laichau.gov.vn",
                "port": None,
                "username": "",
                "password": "",
                "use_tls": False,
                "use_ssl": True,
                "timeout": 10,
            },
        ),
        ("consolemail://", {}),
    ],
)
def test_email_url_becomes_the_mailers_options(url, options):
    assert mailer_from_url(url)["OPTIONS"] == options
