"""Production settings as production loads them (a child process with its environment)."""

from __future__ import annotations

import json

from tests.ops.production import manage, run

NO_ISSUES = "System check identified no issues (0 silenced)."


def test_check_deploy_finds_nothing_with_a_realistic_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert NO_ISSUES in result.stdout


def test_production_mail_goes_to_the_smtp_server_that_email_url_names():
    result = run(
        [
            "-c",
            "import django, json; django.setup(); from django.core import mail; "
            "m = mail.mailers.default; "
            "print(json.dumps([type(m).__module__, m.host, m.port, m.username, m.password, "
            "m.use_tls, m.use_ssl, m.timeout]))",
        ]
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "django.core.mail.backends.smtp",
        "smtp.example.vn",
        587,
        "chitieu@example.vn",
        "mat-khau",
        True,
        False,
        30,
    ]


def test_check_deploy_fails_when_no_mail_server_is_named():
    result = manage("check", "--deploy", EMAIL_URL=None)
    assert result.returncode == 1
    assert "ops.E002" in result.stderr and "EMAIL_URL" in result.stderr


def test_check_deploy_fails_when_mail_stays_on_the_machine():
    result = manage("check", "--deploy", EMAIL_URL="consolemail://")
    assert result.returncode == 1
    assert "ops.E001" in result.stderr


def test_check_deploy_fails_when_the_site_url_in_mails_is_not_https():
    result = manage("check", "--deploy", CHITIEU_SITE_URL="http://chitieu.example.vn")
    assert result.returncode == 1
    assert "ops.E003" in result.stderr


def test_production_refuses_to_start_without_the_site_url_of_its_mails():
    result = manage("check", CHITIEU_SITE_URL=None)
    assert result.returncode != 0
    assert "CHITIEU_SITE_URL" in result.stderr
