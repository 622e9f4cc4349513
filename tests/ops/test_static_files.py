"""Static files under gunicorn: production settings serve them through whitenoise after
`collectstatic`, under names that carry a hash of their content, over https only."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.ops.production import ROOT, manage, run

HOST = "chitieu.example.vn"

FETCH = """
import django, hashlib, json, sys
django.setup()
from django.templatetags.static import static
from django.test import Client

client = Client()
def fetch(url, secure=True):
    r = client.get(url, secure=secure, HTTP_HOST=sys.argv[1])
    body = b"".join(r.streaming_content) if r.streaming else r.content
    return {"status": r.status_code, "headers": dict(r.headers), "body": body}

hashed = static("css/chitieu.css")
out = {"hashed_url": hashed}
for name, url, secure in [("hashed", hashed, True), ("plain", "/static/css/chitieu.css", True),
                          ("http", hashed, False), ("login", "/accounts/login/", True)]:
    r = fetch(url, secure)
    out[name] = {"status": r["status"], "headers": r["headers"],
                 "sha256": hashlib.sha256(r["body"]).hexdigest(),
                 "text": r["body"].decode("utf-8", "replace") if name == "login" else ""}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """collectstatic into a fresh STATIC_ROOT (about half a minute: every file is compressed),
    then a few requests through the application as gunicorn would hand them over."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    collected = manage("collectstatic", "--noinput", DJANGO_STATIC_ROOT=str(static_root))
    assert collected.returncode == 0, collected.stdout + collected.stderr
    result = run(["-c", FETCH, HOST], DJANGO_STATIC_ROOT=str(static_root))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_static_file_is_served_by_the_application_under_its_hashed_name(served):
    source = hashlib.sha256((ROOT / "static" / "css" / "chitieu.css").read_bytes()).hexdigest()
    assert served["hashed_url"].startswith("/static/css/chitieu.") and served["hashed_url"] != (
        "/static/css/chitieu.css"
    )
    hashed = served["hashed"]
    assert hashed["status"] == 200 and hashed["sha256"] == source
    assert hashed["headers"]["Content-Type"].startswith("text/css")
    # The name changes with the content: browsers may keep it for good.
    assert "immutable" in hashed["headers"]["Cache-Control"]
    assert served["plain"]["status"] == 200 and served["plain"]["sha256"] == source


def test_pages_link_the_hashed_names(served):
    login = served["login"]
    assert login["status"] == 200
    assert served["hashed_url"] != "/static/css/chitieu.css"
    assert f'href="{served["hashed_url"]}"' in login["text"]


def test_production_redirects_plain_http_and_tells_browsers_to_keep_to_https(served):
    assert served["http"]["status"] == 301
    assert served["http"]["headers"]["Location"].startswith(f"https://{HOST}/static/")
    hsts = served["hashed"]["headers"]["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
