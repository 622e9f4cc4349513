"""The request size limit: gunicorn reads any body it is sent, so the site refuses, before
reading a byte of it, a request that declares a body larger than CHITIEU_MAX_REQUEST_BYTES."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


class RequestSizeLimitMiddleware:
    """413 for a declared body over the limit; 400 for a Content-Length that is not a number.

    A body sent without a Content-Length (chunked) is not read by Django at all. Form fields
    without files are also limited, as Django reads them, by DATA_UPLOAD_MAX_MEMORY_SIZE."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(declared)
        except ValueError:
            return HttpResponseBadRequest("Content-Length không hợp lệ.", content_type="text/plain")
        if length > settings.CHITIEU_MAX_REQUEST_BYTES:
            limit_mb = settings.CHITIEU_MAX_REQUEST_BYTES / (1024 * 1024)
            return HttpResponse(
                f"Yêu cầu quá lớn: tối đa {limit_mb:g} MB.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
