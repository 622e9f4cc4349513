"""The version of the figures pages compute from, and a small in-process memo keyed by it.

A page that computes every indicator's year (the dashboard's sector cards, a province-wide
sector) costs hundreds of milliseconds with 100 000 values; the figures change a few times a
quarter. Each process keeps its last results under the version token it read first; one query
per request tells whether they still hold.

The token changes when a write that changed figures commits (signals for ordinary saves and
deletes, `bump()` after bulk writes): the single version row is updated in a statement of its
own after the commit, so no writer ever waits for another writer's open transaction on it (a
10 000-row import no longer holds the row that every department's save needs). A rolled-back
write never changes it. A transaction that has changed figures and not yet committed reads
them fresh and keeps nothing: what it sees may never commit.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

MEMO_SIZE = 16
_memo: OrderedDict[Hashable, object] = OrderedDict()
_lock = threading.Lock()


def current_token() -> uuid.UUID:
    """The token of the committed figures: one query."""
    from indicators.models import DataVersion

    token = DataVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is None:  # a database emptied by hand: start a version
        token = DataVersion.objects.get_or_create(pk=1)[0].token
    return token


def bump(**_kwargs: object) -> None:
    """Figures changed: give them a new token once the transaction commits (at once outside
    one). Registered once per transaction; a rolled-back savepoint takes its request along."""
    if not _changed_in_this_transaction():
        transaction.on_commit(bump_now)


def bump_now() -> None:
    """A new token now, in a statement of its own."""
    from indicators.models import DataVersion

    updated = DataVersion.objects.filter(pk=1).update(token=uuid.uuid4(), changed_at=timezone.now())
    if not updated:
        DataVersion.objects.get_or_create(pk=1)


def _changed_in_this_transaction() -> bool:
    """Whether the open transaction has changed figures that are not committed yet."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return False
    return any(func is bump_now for _sids, func, _robust in connection.run_on_commit)


def memoized[T](key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per key and data version in this process; the last MEMO_SIZE kept."""
    if _changed_in_this_transaction():
        return compute()
    full_key = (current_token(), key)
    with _lock:
        if full_key in _memo:
            _memo.move_to_end(full_key)
            return _memo[full_key]  # type: ignore[return-value]
    result = compute()
    with _lock:
        _memo[full_key] = result
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return result


def clear_memo() -> None:
    with _lock:
        _memo.clear()


def connect_signals() -> None:
    from indicators.models import (
        Department,
        Indicator,
        Sector,
        SourceReport,
        Target,
        Value,
    )

    for model in (Indicator, Sector, Department, SourceReport, Target, Value):
        uid = f"chitieu-data-version-{model.__name__}"
        post_save.connect(bump, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}-delete")
