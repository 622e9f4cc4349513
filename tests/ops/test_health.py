"""The health checks: no login, no session; the ready check says when the database is gone."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection


@pytest.mark.django_db
def test_alive_answers_without_a_login_a_session_or_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "sessionid" not in response.cookies
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_asks_the_database_once(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz/ready")
    assert response.status_code == 200


@pytest.mark.django_db
def test_ready_is_503_when_the_database_cannot_be_reached(client, monkeypatch):
    def unreachable(*_args, **_kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert b"database" in response.content


@pytest.mark.django_db
def test_the_checks_take_no_writes(client):
    assert client.post("/healthz").status_code == 405
