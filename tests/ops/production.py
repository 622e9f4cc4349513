"""Production settings in a child process: the settings modules read the environment when they
are imported, so the honest way to test them is a fresh interpreter with a production-like
environment (and nothing of the test run's own)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

# What README's "Production" section asks for, with made-up values. Nothing here is contacted:
# `check --deploy` and the settings need no database, broker or mail server to answer.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_ALLOWED_HOSTS": "chitieu.example.vn",
    "DATABASE_URL": "postgres://chitieu:secret@127.0.0.1:5432/chitieu",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://chitieu%40example.vn:mat-khau@smtp.example.vn:587",
    "DEFAULT_FROM_EMAIL": "chitieu@example.vn",
    "CHITIEU_SITE_URL": "https://chitieu.example.vn",
}


def production_env(**changes: str | None) -> dict[str, str]:
    """PRODUCTION_ENV with a fresh secret key, changed by `changes` (None removes a name)."""
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env |= PRODUCTION_ENV | {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50)}
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run(args: list[str], **changes: str | None) -> subprocess.CompletedProcess[str]:
    """`python ARGS...` from the repository root under production settings."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=production_env(**changes),
        capture_output=True,
        text=True,
        timeout=120,
    )


def manage(*args: str, **changes: str | None) -> subprocess.CompletedProcess[str]:
    return run(["manage.py", *args], **changes)
