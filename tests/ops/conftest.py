"""Fixtures of the fault tests: a broker that is down, real worker processes to kill, the data
of an export to build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal as D
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection

from config.celery_app import app
from tests.conftest import _forget_backend, _reachable
from tests.factories import IndicatorFactory, TargetFactory, ValueFactory

ROOT = Path(__file__).resolve().parent.parent.parent
# Nothing listens on port 1: a connection is refused at once, as by a machine whose Redis is
# stopped. The machine's own Redis, which other test runs use, is never stopped.
DOWN_BROKER_URL = "redis://127.0.0.1:1/0"


def require_redis() -> str:
    """The test Redis's URL; the test is skipped without one (failed under
    CHITIEU_REQUIRE_WORKER=1, as in CI)."""
    url = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/14")
    if not _reachable(url):
        message = f"Celery worker tests skipped: no Redis at {url}"
        if os.environ.get("CHITIEU_REQUIRE_WORKER"):
            pytest.fail(message)
        pytest.skip(message)
    return url


def require_postgresql(
    why: str = "another process cannot open the in-memory SQLite test database",
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(f"needs PostgreSQL (DATABASE_URL): {why}")


@contextmanager
def broker_unreachable() -> Iterator[None]:
    """This process's app (a web process) sees the broker as down: tasks are published to a
    port where nothing listens. A worker already running elsewhere is left alone."""
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=DOWN_BROKER_URL, task_always_eager=False)
    _forget_backend(app)
    try:
        yield
    finally:
        app.conf.update(saved)
        _forget_backend(app)


@pytest.fixture
def broker_down() -> Iterator[None]:
    with broker_unreachable():
        yield


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    """Export files of a test go to its own folder (worker processes are told it too)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def export_data(db):
    """A main indicator with its 2024 plan and value: what an export of 2024 shows."""
    indicator = IndicatorFactory(
        code="INCOME",
        name="Thu nhập bình quân đầu người",
        unit="triệu đồng/người/năm",
        is_main=True,
        council_group=1,
        decimals=0,
    )
    TargetFactory(indicator=indicator, value=D("62"))
    ValueFactory(indicator=indicator, value=D("62"))
    return indicator


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


class WorkerProcess:
    """`python -m tests.ops.fault_worker` in a process group of its own (the worker and its pool
    processes), its output in a log file."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.ops.fault_worker"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        """kill -9 of the whole worker: the main process and its pool processes at once."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


class FaultWorkers:
    """Real worker processes on a queue and Redis keys of this test's own, reading the test
    database and media folder; whatever is left of them is killed at the end."""

    def __init__(self, url: str, tmp_path: Path, media_root: Path) -> None:
        run = uuid.uuid4().hex[:12]
        self.url = url
        self.queue = f"chitieu-fault-{run}"
        self.prefix = f"chitieu-fault-{run}:"
        self.tmp_path = tmp_path
        self.hold_file = tmp_path / "held-build.pid"
        self.started: list[WorkerProcess] = []
        db = connection.settings_dict
        credentials = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        inherited = ("PATH", "HOME", "LANG")
        self.env = {name: os.environ[name] for name in inherited if name in os.environ}
        self.env |= {
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_DEBUG": "false",
            "DATABASE_URL": (
                f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
                f"/{db['NAME']}"
            ),
            "CELERY_BROKER_URL": url,
            "DJANGO_MEDIA_ROOT": str(media_root),
            "EMAIL_URL": "dummymail://",
            # The worker's Django fixup would run the system checks: not what is tested here.
            "CELERY_SKIP_CHECKS": "1",
            "CHITIEU_FAULT_HOLD_FILE": str(self.hold_file),
            "CHITIEU_FAULT_QUEUE": self.queue,
            "CHITIEU_FAULT_KEY_PREFIX": self.prefix,
        }

    def start(self) -> WorkerProcess:
        worker = WorkerProcess(self.env, self.tmp_path / f"worker-{len(self.started) + 1}.log")
        self.started.append(worker)
        return worker

    def held_build_pid(self, timeout: float = 45) -> int:
        """The pid of the pool process holding the first build halfway, once it is there."""
        deadline = time.monotonic() + timeout
        while not self.hold_file.exists():
            for worker in self.started:
                if worker.process.poll() is not None:
                    pytest.fail(f"the worker stopped:\n{worker.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no build started in {timeout} s:\n{self.output()}")
            time.sleep(0.1)
        return int(self.hold_file.read_text())

    def output(self) -> str:
        return "\n".join(f"--- {w.log.name}\n{w.output()}" for w in self.started)

    def stop(self) -> None:
        for worker in self.started:
            worker.kill()
        client = redis.Redis.from_url(self.url)
        for key in client.scan_iter(match=f"{self.prefix}*"):
            client.delete(key)
        client.close()


@pytest.fixture
def fault_workers(transactional_db, media_root, tmp_path) -> Iterator[FaultWorkers]:
    """Start real worker processes with `.start()`; this process publishes to their queue."""
    url = require_redis()
    require_postgresql()
    workers = FaultWorkers(url, tmp_path, media_root)
    keys = ("broker_url", "task_always_eager", "task_default_queue", "broker_transport_options")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(
        broker_url=url,
        task_always_eager=False,
        task_default_queue=workers.queue,
        broker_transport_options={
            **app.conf.broker_transport_options,
            "global_keyprefix": workers.prefix,
        },
    )
    _forget_backend(app)
    try:
        yield workers
    finally:
        workers.stop()
        app.conf.update(saved)
        _forget_backend(app)
