"""Request size: an anonymous client cannot make the site read a body of any size."""

from __future__ import annotations

import io

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse

BOUNDARY = "chitieu-test-boundary"


class GeneratedBody(io.RawIOBase):
    """A multipart body with one file of `size` bytes, made as it is read; counts what was read."""

    def __init__(self, size: int) -> None:
        self.head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.length = len(self.head) + size + len(self.tail)
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        start = self.read_bytes
        end = min(start + len(buffer), self.length)
        filler_start, filler_end = len(self.head), self.length - len(self.tail)
        data = self.head[start:end]
        if end > filler_start and start < filler_end:
            data += b"x" * (min(end, filler_end) - max(start, filler_start))
        if end > filler_end:
            data += self.tail[max(start, filler_end) - filler_end : end - filler_end]
        buffer[: len(data)] = data
        self.read_bytes = end
        return len(data)


def post_to_wsgi(path: str, body: GeneratedBody) -> tuple[str, bytes]:
    """The request as gunicorn hands it over: through the WSGI application, body unread. With a
    CSRF cookie, as anyone has after opening the login page: Django then reads the body to look
    for the form's token."""
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": f"csrftoken={'a' * 32}",
        "wsgi.url_scheme": "http",
        "wsgi.input": body,
        "wsgi.errors": io.StringIO(),
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "CONTENT_LENGTH": str(body.length),
    }
    statuses: list[str] = []
    chunks = WSGIHandler()(environ, lambda status, headers, exc_info=None: statuses.append(status))
    return statuses[0], b"".join(chunks)


@pytest.mark.django_db
def test_an_oversized_anonymous_post_to_the_login_page_is_refused_unread(settings):
    settings.CHITIEU_MAX_REQUEST_BYTES = 5 * 1024 * 1024
    body = GeneratedBody(6 * 1024 * 1024)
    status, content = post_to_wsgi(reverse("login"), body)
    assert status.startswith("413")
    assert "quá lớn" in content.decode()
    assert body.read_bytes == 0


@pytest.mark.django_db
def test_a_post_within_the_limit_is_read_as_usual(settings):
    body = GeneratedBody(1000)
    status, _content = post_to_wsgi(reverse("login"), body)
    assert status.startswith("403")  # read, then refused for its missing CSRF token
    assert body.read_bytes == body.length


@pytest.mark.django_db
def test_a_megabyte_of_form_fields_is_refused(client):
    too_much = "x" * 1024 * 1024  # the largest form of the site, a quarter, is a few kilobytes
    response = client.post(
        reverse("login"),
        f"username={too_much}&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_content_length_that_is_not_a_number_is_a_bad_request(client):
    response = client.generic("POST", reverse("login"), b"", CONTENT_LENGTH="lots")
    assert response.status_code == 400
