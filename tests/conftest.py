from __future__ import annotations

import copy
import os
import shutil
import socket
import uuid
from urllib.parse import urlparse

import pytest
from django.core.cache import caches
from django.db import connection, transaction

from indicators.loading import load_dataset

CHROMIUM = "/usr/bin/chromium"


def _is_transactional(item: pytest.Item) -> bool:
    """Whether pytest-django runs this test with committed data (as a TransactionTestCase)."""
    names = item.fixturenames
    if {"transactional_db", "live_server", "django_db_reset_sequences"} & set(names):
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    transactional = marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
    return bool(transactional or marker.kwargs.get("reset_sequences"))


def _shares_lai_chau(item: pytest.Item) -> bool:
    return "lai_chau" in item.fixturenames and not _is_transactional(item)


class SharedLaiChau:
    """The Lai Châu data set loaded once, in a transaction that is never committed.

    While it is open, each test's own atomic block (pytest-django's `db`) is a savepoint inside
    it, rolled back after the test, so every test starts from the data as loaded. It is open
    only around tests that ask for `lai_chau` and run in a transaction; before any other test
    (no `lai_chau`, or committed data: `transactional_db`, `live_server`) it is rolled back, so
    that test sees the database it saw before, and the next `lai_chau` test loads it again;
    `pytest_collection_modifyitems` runs the sharing tests together so that this is rare.
    """

    def __init__(self) -> None:
        self.wanted = False
        self.blocker = None
        self.atomic = None
        self.summary = None

    def want(self, wanted: bool) -> None:
        self.wanted = wanted
        self._apply()

    def attach(self, blocker) -> None:
        self.blocker = blocker
        self._apply()

    def detach(self) -> None:
        self.wanted = False
        self._apply()
        self.blocker = None

    def holds(self) -> bool:
        """Whether the current test runs inside the shared transaction."""
        return self.atomic is not None and connection.atomic_blocks[:1] == [self.atomic]

    def _apply(self) -> None:
        if self.blocker is None:
            return  # no test has needed the data yet: `attach` applies the wish
        if self.wanted and self.atomic is None:
            with self.blocker.unblock():
                atomic = transaction.atomic()
                # As Django marks its own test transactions: a durable block inside is allowed.
                atomic._from_testcase = True
                atomic.__enter__()
                try:
                    self.summary = load_dataset()
                except BaseException as error:
                    atomic.__exit__(type(error), error, error.__traceback__)
                    raise
                self.atomic = atomic
        elif not self.wanted and self.atomic is not None:
            atomic, self.atomic, self.summary = self.atomic, None, None
            with self.blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)


_SHARED = SharedLaiChau()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Before any fixture of the test, so that the shared transaction is opened (or rolled
    # back) outside the test's own transaction, never inside it.
    _SHARED.want(_shares_lai_chau(item))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The tests sharing the data set run one after the other, so that it loads once a run (once
    # a worker under xdist). pytest-django has already put the tests rolled back after them
    # before those with committed data: the block moves up to its first test, so stays there.
    shared = [item for item in items if _shares_lai_chau(item)]
    if not shared:
        return
    first = items.index(shared[0])
    others = [item for item in items if not _shares_lai_chau(item)]
    items[:] = others[:first] + shared + others[first:]


@pytest.fixture(scope="session")
def _lai_chau_shared(django_db_setup, django_db_blocker):
    # Session-scoped so that pytest sets it up before the test's own transaction.
    _SHARED.attach(django_db_blocker)
    yield _SHARED
    _SHARED.detach()


@pytest.fixture
def lai_chau(_lai_chau_shared, db):
    """The Lai Châu data set, loaded as `load_lai_chau` loads it.

    A test in a transaction gets the data loaded once for all such tests and works in a
    savepoint rolled back after it (see `SharedLaiChau`); a test with committed data
    (`transactional_db`, `live_server`) loads it itself, and pytest-django empties the
    database after it.
    """
    if _lai_chau_shared.holds():
        return copy.deepcopy(_lai_chau_shared.summary)
    assert not _lai_chau_shared.wanted, "the shared Lai Châu transaction is not under this test"
    return load_dataset()


@pytest.fixture(autouse=True)
def _fresh_caches():
    """No cache entry outlives its test.

    Entries keyed by the data version token would survive the rollback that restores the
    token: a test would start from entries earlier tests made from their own writes.
    """
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


def _reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), 1):
            return True
    except OSError:
        return False


@pytest.fixture
def celery_worker_app(transactional_db):
    """The project's Celery app pointed at a real Redis broker, with a worker thread consuming."""
    from celery.contrib.testing.worker import start_worker

    from config.celery_app import app

    url = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/14")
    if not _reachable(url):
        message = f"Celery worker tests skipped: no Redis at {url}"
        if os.environ.get("CHITIEU_REQUIRE_WORKER"):
            pytest.fail(message)
        pytest.skip(message)
    keys = ("broker_url", "result_backend", "task_always_eager", "task_default_queue")
    saved = {k: app.conf[k] for k in keys}
    # A queue of this run's own, so that no other test run on the machine takes its tasks.
    queue = f"chitieu-test-{uuid.uuid4().hex}"
    app.conf.update(
        broker_url=url, result_backend=url, task_always_eager=False, task_default_queue=queue
    )
    _forget_backend(app)
    # The worker's Django fixup would run the system checks again; the suite needs no second run.
    os.environ.setdefault("CELERY_SKIP_CHECKS", "1")
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=[queue]
        ):
            yield app
    finally:
        app.conf.update(saved)
        _forget_backend(app)


def _forget_backend(app) -> None:
    # Celery caches the result backend per thread and its producer pools per app: after a
    # change of broker_url or result_backend they must be rebuilt, or an earlier eager task's
    # pool keeps publishing to the default broker.
    # The app's connection pool is kombu's global one for the broker, with a producer pool on
    # it: closing it without forgetting both would leave the next worker test a closed pool.
    from kombu import pools

    app._local.__dict__.pop("backend", None)
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not os.path.exists(CHROMIUM) or shutil.which("chromium") is None:
        message = (
            "Browser tests skipped: Debian's chromium is not installed at /usr/bin/chromium "
            "(apt-get install chromium; .ci/run does it)"
        )
        if os.environ.get("CHITIEU_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    """Debian's Chromium driven by Playwright (no downloaded browser builds)."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls tests make
    # around it are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page on the live server; the test fails on any console error or page error."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.base_url = live_server.url
    yield page
    context.close()
    assert not errors, f"console errors: {errors}"


SCREENSHOTS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "screenshots")


def screenshot(page, name: str) -> str:
    """Save a full-page screenshot under screenshots/ (git-ignored) for a person to look at."""
    os.makedirs(SCREENSHOTS, exist_ok=True)
    path = os.path.join(SCREENSHOTS, f"{name}.png")
    page.screenshot(path=path, full_page=True)
    return path
