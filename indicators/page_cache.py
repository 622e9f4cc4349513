"""The rendered body of a published page, kept in the shared cache under the figures' version.

A page's body (the dashboard's cards, tables and charts; a sector's table) depends on the
published figures, the query string and the language, never on who asks: it is kept under a
key made of the data version (`data_version.current_token`, which changes when a write of
figures commits), the path with its query string, and the language. A new version makes every
old key unreachable; old entries age out (PAGE_CACHE_SECONDS) or are evicted by the cache's
own bound (LocMemCache's MAX_ENTRIES in development, Redis's maxmemory in production).

No key, so no cache, inside a transaction that has changed figures not yet committed (a test,
a request that writes then reads): the token does not say what it sees. The cache is only an
optimisation: when it fails (Redis down), the page is drawn as if it had no cache.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import translation

from indicators import data_version

logger = logging.getLogger(__name__)
_MISSING = object()


def fragment_key(request: HttpRequest, name: str) -> str | None:
    """The cache key of `name`'s body for this request, or None when it must be drawn fresh."""
    if not settings.PAGE_CACHE_SECONDS or data_version.changed_in_this_transaction():
        return None
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    token = data_version.current_token().hex
    return f"chitieu:page:{name}:{token}:{translation.get_language()}:{path}"


def cached(key: str) -> str | None:
    try:
        found: Any = cache.get(key, _MISSING)
    except Exception:  # the cache is an optimisation: a broken one must not break a page
        logger.warning("page cache unavailable (read)", exc_info=True)
        return None
    return None if found is _MISSING else str(found)


def keep(key: str, html: str) -> None:
    try:
        cache.set(key, html, settings.PAGE_CACHE_SECONDS)
    except Exception:  # as above
        logger.warning("page cache unavailable (write)", exc_info=True)
