"""Login throttling when a reverse proxy stands in front: each client is counted at its own
address (X-Forwarded-For), and a client that writes the header itself gains nothing."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.ops.production import run

PROXY = "127.0.0.1"
# What config/settings/base.py makes of CHITIEU_PROXY_COUNT=1 (one nginx); checked below.
BEHIND_ONE_PROXY = {
    "AXES_IPWARE_PROXY_COUNT": 0,
    "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
}


def login(client, password: str, *, remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(
        reverse("login"), {"username": "kte.chuyenvien", "password": password}, **headers
    )


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("kte.chuyenvien", password="dung-mat-khau")


@pytest.fixture
def behind_one_proxy(settings):
    for name, value in BEHIND_ONE_PROXY.items():
        setattr(settings, name, value)


def test_behind_a_proxy_a_guesser_elsewhere_does_not_lock_the_user_out(
    client, settings, staff, behind_one_proxy
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "sai", remote=PROXY, forwarded="203.0.113.66")
    assert login(client, "dung-mat-khau", remote=PROXY, forwarded="203.0.113.66").status_code == 429

    # The same user from their own machine, through the same proxy.
    assert login(client, "dung-mat-khau", remote=PROXY, forwarded="198.51.100.7").status_code == 302


def test_behind_a_proxy_a_client_writing_its_own_forwarded_for_is_not_believed(
    client, settings, staff, behind_one_proxy
):
    # nginx appends the real address to what the client sent: "invented, real".
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, "sai", remote=PROXY, forwarded=f"10.9.9.{n}, 203.0.113.66")
    locked = login(client, "dung-mat-khau", remote=PROXY, forwarded="10.9.9.99, 203.0.113.66")
    assert locked.status_code == 429


def test_facing_clients_directly_forwarded_for_is_never_read(client, settings, staff):
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, "sai", remote="203.0.113.66", forwarded=f"10.9.9.{n}")
    assert login(client, "dung-mat-khau", remote="203.0.113.66").status_code == 429


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (
            None,
            {"AXES_IPWARE_PROXY_COUNT": 0, "AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"]},
        ),
        ("1", BEHIND_ONE_PROXY),
    ],
)
def test_chitieu_proxy_count_sets_how_axes_reads_the_address(count, expected):
    result = run(
        [
            "-c",
            "import django, json; django.setup(); from django.conf import settings as s; "
            "print(json.dumps({n: getattr(s, n) for n in "
            "('AXES_IPWARE_PROXY_COUNT', 'AXES_IPWARE_META_PRECEDENCE_ORDER')}))",
        ],
        CHITIEU_PROXY_COUNT=count,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected
