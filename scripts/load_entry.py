#!/usr/bin/env python
"""Load test (not a test of the suite): departments saving their quarterly forms against
gunicorn on PostgreSQL while a 100 000-row `import_values` runs.

Everything is local and bounded: a database of its own on the PostgreSQL server of DATABASE_URL
(which must be on this machine), created and dropped here; gunicorn on a free port of 127.0.0.1
with the README's production command line (5 workers, 60 s timeout) under the test settings
(fast password hashing, mail kept in memory); the Lai Châu data and the demo accounts
(`create_demo_accounts`). Each submitter is one department's quarter of 2025, signed in as one
of its demo accounts: it saves its whole form, follows the redirect as a browser does, checks
that the page shows what it saved, thinks for a moment, and saves again, for `--seconds`. The
import starts with them. At the end every figure each submitter last saved is read back from
the database and compared.

Prints: saves, errors (any answer but the redirect of a saved form, or a failed request), lost
values (a saved figure not shown after its save, or not stored at the end), save latency (p50,
p95, max; overall and while the import ran), the import's time. Goal: 0 errors, 0 lost values,
p95 of a save under 1 s.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python scripts/load_entry.py [--submitters 50] [--seconds 60] [--rows 100000]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench_import import write_file  # noqa: E402

HOST = "127.0.0.1"
GOAL_P95_S = 1.0
YEAR = 2025
DEMO_PASSWORD = "laichau-demo"  # accounts/management/commands/create_demo_accounts.py
# A hidden input has no value attribute while its figure is not stored yet.
_TOKEN = re.compile(r'name="token_(\d+)"(?: value="([^"]*)")?')
_VALUE = re.compile(r'name="value_(\d+)" id="[^"]*" value="([^"]*)"')
_MODE = re.compile(r'name="mode_(\d+)"')
_PARTS = re.compile(r'name="(num|den)_(\d+)"')
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Submitter:
    """One department's quarter, saved again and again by one signed-in person."""

    department: str
    quarter: int
    username: str
    opener: urllib.request.OpenerDirector = field(repr=False)
    page: str = ""
    saved: dict[int, str] = field(default_factory=dict)  # the last figures the server took
    latencies: list[tuple[float, float]] = field(default_factory=list)  # (start, seconds)
    errors: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"/entry/{self.department}/{YEAR}/q{self.quarter}/"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submitters", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--rows", type=int, default=100_000, help="rows of the import (0: no import, to compare)"
    )
    parser.add_argument("--think", type=float, default=2.0, help="mean pause between saves (s)")
    parser.add_argument("--workers", type=int, default=5)
    args = parser.parse_args()
    if not 1 <= args.submitters <= 200 or not 0 < args.seconds <= 600:
        parser.error("at most 200 submitters and 600 seconds")
    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    parsed = urllib.parse.urlsplit(server)
    if parsed.scheme not in ("postgres", "postgresql") or parsed.hostname not in (
        "127.0.0.1",
        "localhost",
        "::1",
    ):
        parser.error("DATABASE_URL must name a PostgreSQL server on this machine")
    name = f"chitieu_load_{os.getpid()}"
    database_url = urllib.parse.urlunsplit(parsed._replace(path=f"/{name}"))
    tmp = Path(tempfile.mkdtemp(prefix="chitieu-load-"))
    env = _app_env(database_url)
    _admin_sql(server, f'CREATE DATABASE "{name}"')
    gunicorn: subprocess.Popen[bytes] | None = None
    try:
        slots = _prepare(env, args.submitters)
        source = write_file(tmp / "import.csv", max(args.rows, 1), prefix="LOAD")
        port = _free_port()
        gunicorn = _gunicorn(env, port, workers=args.workers)
        base = f"http://{HOST}:{port}"
        _wait_until_up(base)
        submitters = [_signed_in(base, *slot) for slot in slots]
        report = _run(base, submitters, source, env, args)
        _check_stored(env, submitters)
        return _print(report, submitters, args)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        _admin_sql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)


def _app_env(database_url: str) -> dict[str, str]:
    """The environment of the app's processes: their own database, the test settings (fast
    password hashing, mail kept in memory), this host."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DJANGO_ALLOWED_HOSTS": HOST,
    }


def _gunicorn(
    env: dict[str, str], port: int, *, workers: int, threads: int = 1
) -> subprocess.Popen[bytes]:
    """gunicorn with the README's production command line, on 127.0.0.1:`port`."""
    return subprocess.Popen(
        [
            *(str(Path(sys.executable).parent / "gunicorn"), "config.wsgi"),
            *("--bind", f"{HOST}:{port}", "--workers", str(workers)),
            *("--threads", str(threads), "--timeout", "60", "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
    )


def _admin_sql(server_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(sql)


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _prepare(env: dict[str, str], n: int) -> list[tuple[str, int, str]]:
    """The database: migrated, the Lai Châu data, the demo accounts. Returns the submitters'
    (department, quarter, username): departments with indicators × the quarters of 2025."""
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_lai_chau")
    _manage(env, "create_demo_accounts")
    codes = _manage(
        env,
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from indicators.models import Department\n"
        "print(' '.join(Department.objects.filter(indicators__isnull=False).distinct()"
        ".order_by('code').values_list('code', flat=True)))",
    ).split()
    slots = [
        (code, quarter, f"{code.lower()}.{'chuyenvien' if quarter % 2 else 'truongphong'}")
        for quarter in (1, 2, 3, 4)
        for code in codes
    ]
    if len(slots) < n:
        raise SystemExit(f"only {len(slots)} department quarters for {n} submitters")
    return slots[:n]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def _wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=5).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 s")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 302 comes back as an HTTPError, to be told apart from a 200


def _signed_in(base: str, department: str, quarter: int, username: str) -> Submitter:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    login = opener.open(base + "/accounts/login/", timeout=30).read().decode()
    data = {"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": _csrf(login)}
    status, _body = _post(opener, base + "/accounts/login/", data)
    if status != 302:
        raise SystemExit(f"{username} could not sign in ({status})")
    submitter = Submitter(department, quarter, username, opener)
    submitter.page = opener.open(base + submitter.path, timeout=30).read().decode()
    return submitter


def _csrf(page: str) -> str:
    found = _CSRF.search(page)
    if found is None:
        raise SystemExit("no CSRF token on the page")
    return found.group(1)


def _post(opener: urllib.request.OpenerDirector, url: str, data: dict[str, str]) -> tuple[int, str]:
    body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(url, data=body, headers={"Referer": url})
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def _form_data(page: str, figures: dict[int, str]) -> dict[str, str]:
    """What the browser posts: every figure typed, the other fields as the page has them."""
    data = {"csrfmiddlewaretoken": _csrf(page), "action": "save", "report_number": ""}
    data["report_date"] = ""
    for pk, token in _TOKEN.findall(page):
        data[f"token_{pk}"] = token
        data[f"kind_{pk}"] = "estimate"
        data[f"note_{pk}"] = ""
        data[f"report_{pk}"] = ""
    for pk in _MODE.findall(page):
        data[f"mode_{pk}"] = "quarter"
    for part, pk in _PARTS.findall(page):
        data[f"{part}_{pk}"] = ""
    for pk, typed in figures.items():
        data[f"value_{pk}"] = typed
    return data


@dataclass
class Report:
    import_seconds: float = 0.0
    import_window: tuple[float, float] = (0.0, 0.0)
    import_output: str = ""


def _run(
    base: str,
    submitters: list[Submitter],
    source: Path,
    env: dict[str, str],
    args: argparse.Namespace,
) -> Report:
    report = Report()
    start = time.monotonic()
    deadline = start + args.seconds
    threads = [
        threading.Thread(target=_submit_until, args=(base, s, deadline, args.think, n))
        for n, s in enumerate(submitters)
    ]
    importer = None
    if args.rows:
        importer = subprocess.Popen(
            [sys.executable, "manage.py", "import_values", str(source), "--user", "quantri"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
    for thread in threads:
        thread.start()
    if importer is not None:
        output, _ = importer.communicate(timeout=1200)
        report.import_seconds = time.monotonic() - start
        report.import_window = (start, time.monotonic())
        first_line = output.strip().splitlines()[0] if output.strip() else ""
        report.import_output = first_line if importer.returncode == 0 else f"FAILED: {output}"
    for thread in threads:
        thread.join(timeout=args.seconds + 120)
    return report


def _submit_until(base: str, s: Submitter, deadline: float, think: float, n: int) -> None:
    rng = random.Random(n)
    time.sleep(rng.uniform(0, think))  # people do not all press "save" at the same instant
    round_ = 0
    while time.monotonic() < deadline:
        round_ += 1
        pks = [int(pk) for pk, _value in _VALUE.findall(s.page)]
        # Valid for every unit (rates up to 100 %, counts whole and not negative), and shown
        # exactly as typed.
        figures = {pk: str(40 + (round_ + n + i) % 50) for i, pk in enumerate(pks)}
        began = time.monotonic()
        try:
            status, _body = _post(s.opener, base + s.path, _form_data(s.page, figures))
        except OSError as exc:
            s.errors.append(f"{s.path}: {exc}")
            continue
        s.latencies.append((began, time.monotonic() - began))
        if status != 302:
            s.errors.append(f"{s.path}: HTTP {status}: {_why(_body)}")
            s.page = s.opener.open(base + s.path, timeout=60).read().decode()
            continue
        s.saved = figures
        s.page = s.opener.open(base + s.path, timeout=60).read().decode()
        shown = dict(_VALUE.findall(s.page))
        s.lost += [
            f"{s.path} value_{pk}: saved {typed}, shown {shown.get(str(pk))}"
            for pk, typed in figures.items()
            if shown.get(str(pk)) != typed
        ]
        time.sleep(rng.uniform(0, 2 * think))


def _why(page: str) -> str:
    """The form's error messages, as the page shows them."""
    found = re.findall(r'(?:invalid-feedback d-block|id="err-\d+")[^>]*>([^<]+)<', page)
    found += re.findall(r'id="form-errors">\s*(?:<[^>]+>\s*)*([^<]+)<', page)
    return "; ".join(sorted({f.strip() for f in found if f.strip()}))[:300] or page[:200]


def _check_stored(env: dict[str, str], submitters: list[Submitter]) -> None:
    """Every submitter's last saved figures, read back from the database."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from entry.models import EnteredValue
    from indicators.display import exact_number

    for s in submitters:
        stored = {
            e.indicator_id: exact_number(e.value.value)
            for e in EnteredValue.objects.filter(
                submission__department__code=s.department,
                submission__year=YEAR,
                submission__quarter=s.quarter,
            ).select_related("value")
        }
        s.lost += [
            f"{s.path} indicator {pk}: saved {typed}, stored {stored.get(pk)}"
            for pk, typed in s.saved.items()
            if stored.get(pk) != typed
        ]


def _p(samples: list[float], q: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def _print(report: Report, submitters: list[Submitter], args: argparse.Namespace) -> int:
    latencies = [seconds for s in submitters for _start, seconds in s.latencies]
    begin, end = report.import_window
    during = [t for s in submitters for start, t in s.latencies if begin <= start <= end]
    errors = [e for s in submitters for e in s.errors]
    lost = [lost for s in submitters for lost in s.lost]
    print(
        f"{len(submitters)} submitters for {args.seconds:.0f} s against gunicorn "
        f"({args.workers} workers) on PostgreSQL, pausing {args.think:.1f} s on average; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    if args.rows:
        print(
            f"import of {args.rows} rows: {report.import_seconds:.1f} s, "
            f"{args.rows / report.import_seconds:.0f} rows/s — {report.import_output}"
        )
    else:
        print("no import (--rows 0)")
    print(f"saves: {len(latencies)}; errors: {len(errors)}; lost values: {len(lost)}")
    for label, samples in (("all saves", latencies), ("during the import", during)):
        if samples:
            print(
                f"save latency, {label} ({len(samples)}): p50 {statistics.median(samples):.3f} s, "
                f"p95 {_p(samples, 0.95):.3f} s, max {max(samples):.3f} s"
            )
    for line in (errors + lost)[:20]:
        print("  " + line)
    ok = not errors and not lost and _p(latencies, 0.95) < GOAL_P95_S
    print(f"goal (0 errors, 0 lost, p95 < {GOAL_P95_S:.0f} s): {'OK' if ok else 'MISSED'}")
    return 0  # a load test reports; it never fails a build on a slow machine


if __name__ == "__main__":
    sys.exit(main())
