"""Deploy checks (`manage.py check --deploy`): what production needs that Django's own checks
do not know about. Each message says what fails for the people using the site and what to set."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# Backends that keep mail on the machine (Django's own mail.E001 knows the same list).
LOCAL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
}
EMAIL_URL_HINT = (
    "Set EMAIL_URL to the mail server, e.g. smtp+tls://user:password@smtp.example.vn:587 "
    "(README, Production)."
)


@register(Tags.mail, deploy=True)
def mail_can_leave(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """Return notices, reminders and password resets need a mail server to send them."""
    mailer = getattr(settings, "MAILERS", {}).get("default")
    if mailer is None:
        return [
            Error(
                "No mail leaves this site: MAILERS has no 'default' mailer, so return notices, "
                "reminders and password resets are never sent.",
                hint=EMAIL_URL_HINT,
                id="ops.E001",
            )
        ]
    backend = mailer.get("BACKEND", SMTP_BACKEND)
    if backend in LOCAL_BACKENDS:
        return [
            Error(
                f"No mail leaves this site: the mail backend is {backend}, which keeps mail on "
                "this machine; return notices, reminders and password resets never arrive.",
                hint=EMAIL_URL_HINT,
                id="ops.E001",
            )
        ]
    if backend == SMTP_BACKEND and not mailer.get("OPTIONS", {}).get("host"):
        return [
            Error(
                "No mail leaves this site: the SMTP mailer has no host, so every return "
                "notice, reminder and password reset fails.",
                hint=EMAIL_URL_HINT,
                id="ops.E002",
            )
        ]
    messages: list[CheckMessage] = []
    sender = settings.DEFAULT_FROM_EMAIL
    if sender.endswith("@localhost"):
        messages.append(
            Warning(
                f"Mail is sent from {sender}: mail servers commonly refuse such a sender.",
                hint="Set DEFAULT_FROM_EMAIL (and SERVER_EMAIL) to an address of the site's "
                "own domain, e.g. chitieu@laichau.gov.vn.",
                id="ops.W001",
            )
        )
    return messages


@register(Tags.mail, deploy=True)
def site_url_is_https(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """Links in mails point at CHITIEU_SITE_URL: it must be the public https address."""
    url = getattr(settings, "CHITIEU_SITE_URL", "") or ""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return []
    problem = "is not set" if not url else f"is {url!r}, not an https:// address"
    return [
        Error(
            f"CHITIEU_SITE_URL {problem}: the links in return notices and reminders would not "
            "open the site, or would open it without TLS.",
            hint="Set CHITIEU_SITE_URL to the address people use, e.g. https://chitieu.laichau.gov.vn",
            id="ops.E003",
        )
    ]
