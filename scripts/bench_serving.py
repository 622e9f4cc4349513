#!/usr/bin/env python
"""Benchmark (not a test): pages served by gunicorn as production runs it, in requests per
second and latency, beside a trivial view measured in the same run (issue 12).

In a database of its own on DATABASE_URL's PostgreSQL server (on this machine; created and
dropped here) with the Lai Châu data, gunicorn starts with the README's command line (5 workers,
2 threads, 60 s timeout). For each URL, `--connections` clients (threads, each keeping its
connection alive) request it for `--seconds`: `/healthz` (no database: the trivial view),
`/healthz/ready` (one query), the dashboard, a sector page and an indicator page. Then the
dashboard again while a published figure is saved through the app's service every second.

Prints req/s, p50 and p99 per URL and the goals: the dashboard at ≥ 25% of the trivial view's
throughput with p99 ≤ 200 ms at 20 connections; with a write every second, within 20% of the
read-only run. The clients run on the same machine and take their share of its CPU: compare
ratios within one run, not figures between machines.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python scripts/bench_serving.py [--connections 20] [--seconds 10]
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from load_entry import (  # noqa: E402
    HOST,
    _admin_sql,
    _app_env,
    _free_port,
    _gunicorn,
    _manage,
    _wait_until_up,
)

GOAL_SHARE_OF_TRIVIAL = 0.25
GOAL_P99_MS = 200.0
GOAL_WRITE_DROP = 0.20


@dataclass
class Run:
    label: str
    path: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def p(self, q: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    # `make bench` may pass options meant for other benchmarks: ignore what is not ours.
    args, _unknown = parser.parse_known_args()
    server = os.environ.get("DATABASE_URL", "")
    parsed = urllib.parse.urlsplit(server)
    if parsed.scheme not in ("postgres", "postgresql") or parsed.hostname not in (
        "127.0.0.1",
        "localhost",
    ):
        print("bench_serving: DATABASE_URL must name a PostgreSQL server on this machine; skipped")
        return 0
    name = f"chitieu_serving_{os.getpid()}"
    database_url = urllib.parse.urlunsplit(parsed._replace(path=f"/{name}"))
    env = _app_env(database_url)
    _admin_sql(server, f'CREATE DATABASE "{name}"')
    gunicorn: subprocess.Popen[bytes] | None = None
    try:
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_lai_chau")
        port = _free_port()
        gunicorn = _gunicorn(env, port, workers=args.workers, threads=args.threads)
        _wait_until_up(f"http://{HOST}:{port}")
        os.environ.update(env)
        return measure(port, args)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        _admin_sql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def measure(port: int, args: argparse.Namespace) -> int:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from indicators.models import Indicator, Sector

    sector = Sector.objects.filter(parent__isnull=True).order_by("order").first()
    indicator = Indicator.objects.filter(is_main=True).order_by("order").first()
    assert sector is not None and indicator is not None, "the Lai Châu data is loaded"
    urls = [
        ("trivial view (/healthz)", "/healthz"),
        ("one query (/healthz/ready)", "/healthz/ready"),
        ("dashboard", "/"),
        (f"sector {sector.code}", f"/sectors/{sector.code}/"),
        (f"indicator {indicator.code}", f"/indicators/{indicator.code}/"),
    ]
    for _label, path in urls:  # each worker's first request (imports, connections) not timed
        for _ in range(args.workers * args.threads):
            _get_once(port, path)
    runs = [_load(port, label, path, args) for label, path in urls]
    writes: list[float] = []
    stop = threading.Event()
    writer = threading.Thread(target=_write_every_second, args=(stop, writes), daemon=True)
    writer.start()
    try:
        runs.append(_load(port, "dashboard, a write every second", "/", args))
    finally:
        stop.set()
        writer.join(timeout=10)
    return _print(runs, writes, args)


def _get_once(port: int, path: str) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("GET", path)
        conn.getresponse().read()
    finally:
        conn.close()


def _load(port: int, label: str, path: str, args: argparse.Namespace) -> Run:
    run = Run(label, path)
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        mine: list[float] = []
        errors = 0
        while time.monotonic() < deadline:
            began = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=60)
            if ok:
                mine.append(time.perf_counter() - began)
            else:
                errors += 1
        conn.close()
        with lock:
            run.latencies.extend(mine)
            run.errors += errors

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(args.connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    run.seconds = time.monotonic() - started
    return run


def _write_every_second(stop: threading.Event, writes: list[float]) -> None:
    """A published figure changed through the app's own service (its rolled-up figures are
    rewritten after the commit, as an approved department figure's would be)."""
    from django.db import close_old_connections

    from indicators.models import Value
    from indicators.services import system_user, value_save

    user = system_user()
    figure = Value.objects.filter(is_published=True, quarter=None).order_by("pk").first()
    assert figure is not None
    original = figure.value
    step = 0
    while not stop.wait(1.0):
        step += 1
        figure.value = original + Decimal(step % 2)
        began = time.perf_counter()
        value_save(value=figure, user=user)
        writes.append(time.perf_counter() - began)
    figure.value = original
    value_save(value=figure, user=user)
    close_old_connections()


def _print(runs: list[Run], writes: list[float], args: argparse.Namespace) -> int:
    print(
        f"gunicorn: {args.workers} workers × {args.threads} threads; {args.connections}"
        f" connections for {args.seconds:.0f} s per URL; load average"
        f" {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (the clients run here too)"
    )
    print(f"  {'URL':<36} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for r in runs:
        print(f"  {r.label:<36} {r.rate:>8.1f} {r.p(0.5):>8.1f} {r.p(0.99):>8.1f} {r.errors:>7}")
    if writes:
        print(f"  writes: {len(writes)}, median {statistics.median(writes) * 1000:.0f} ms each")
    trivial, dashboard, written = runs[0], runs[2], runs[-1]
    share = dashboard.rate / trivial.rate if trivial.rate else 0.0
    drop = 1 - written.rate / dashboard.rate if dashboard.rate else 1.0
    print("Goals (issue 12):")
    print(
        f"  dashboard throughput {share:.0%} of the trivial view's ≥ {GOAL_SHARE_OF_TRIVIAL:.0%}:"
        f" {_verdict(share >= GOAL_SHARE_OF_TRIVIAL)}"
    )
    print(
        f"  dashboard p99 {dashboard.p(0.99):.0f} ms ≤ {GOAL_P99_MS:.0f} ms:"
        f" {_verdict(dashboard.p(0.99) <= GOAL_P99_MS)}"
    )
    print(
        f"  with a write every second, throughput {-drop:+.0%} (within"
        f" {GOAL_WRITE_DROP:.0%}): {_verdict(drop <= GOAL_WRITE_DROP)}"
    )
    return 0  # a benchmark reports; it never fails a build on a slow machine


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


if __name__ == "__main__":
    sys.exit(main())
