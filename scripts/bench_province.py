"""Benchmark (not a test): the published pages with a province's data, up to 1 000 000 values.

    .venv/bin/python scripts/bench_province.py [--values 100000] [--values 1000000] [--repeat 10]

PostgreSQL only (DATABASE_URL=postgres://...): each size gets its own database, named after
DATABASE_URL's with `_province_<values>` appended, created, migrated and filled here with COPY
(a million values in well under a minute), then kept so that a later run measures the same data
(`--fresh` drops and fills it again, `--drop` drops it afterwards). Without PostgreSQL it says so
and stops: SQLite is not what a province runs on.

Each size is measured in a fresh process, as a gunicorn worker starts: for each page the median
server time warm (nothing changed since the last request) and cold (one published value saved
through the ORM just before, as a department's approved figure would be; the write itself is
not timed), the SQL the page ran (captured, replayed on the same connection, every row fetched),
its query count, and the process's resident memory before the first page and after the last.
Every goal of issue 12 is printed beside its figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEARS = range(2021, 2026)  # five years of figures
VALUES_PER_INDICATOR = 8 * len(YEARS)  # per year: 4 quarter actuals, 2 quarter estimates, 2 whole
TOP_SECTORS = 10
GOALS = {  # issue 12, at 1 000 000 values
    "cold_ms": 150.0,
    "warm_ms": 50.0,
    "sql_ratio": 3.0,
    "rss_mb": 250.0,
    "cold_growth": 1.5,  # cold time at 1 M over cold time at 100 000
}


# --- The data set -----------------------------------------------------------------------------


def database_url(base: str, n_values: int) -> str:
    parts = urlsplit(base)
    name = parts.path.lstrip("/") or "chitieu"
    return urlunsplit(parts._replace(path=f"/{name}_province_{n_values}"))


def admin_connect(url: str) -> Any:
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


def database_exists(url: str) -> bool:
    name = urlsplit(url).path.lstrip("/")
    with admin_connect(url) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            is not None
        )


def recreate_database(url: str, *, drop_only: bool = False) -> None:
    name = urlsplit(url).path.lstrip("/")
    with admin_connect(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]


def indicator_rows(
    n_indicators: int, sector_ids: list[int], department_ids: list[int]
) -> Iterator[dict[str, Any]]:
    """Indicators: every 50th a total with two components; 1 in 1 000 main; some rates, some
    lower-is-better, some stocks."""
    for i in range(n_indicators):
        is_main = i % 1000 == 0
        parent = i - (i % 50) + 1 if i % 50 in (2, 3) else None  # the ids start at 1
        unit = "%" if i % 10 == 7 else "tỷ đồng"
        yield {
            "id": i + 1,
            "name": f"Chỉ tiêu tỉnh {i}",
            "name_en": f"Province indicator {i}",
            "code": f"P-{i:06d}",
            "sector_id": sector_ids[i % len(sector_ids)],
            "department_id": department_ids[i % len(department_ids)],
            "unit": unit,
            "direction": "lower" if i % 8 == 5 else "higher",
            "aggregation": "last" if i % 5 == 4 else "sum",
            "decimals": 1,
            "parent_id": parent,
            "is_main": is_main,
            "council_group": (i // 1000) % 8 + 1 if is_main else None,
            "order": i,
        }


def value_rows(n_indicators: int, report_id: int, now: datetime) -> Iterator[dict[str, Any]]:
    pk = 0
    for i in range(n_indicators):
        base = 100 + (i * 37) % 500
        for year in YEARS:
            level = Decimal(base + (year - YEARS.start) * (5 + i % 7))
            periods: list[tuple[int | None, str, Decimal]] = [
                (q, "actual", level / 4 + q) for q in (1, 2, 3, 4)
            ]
            periods += [(q, "estimate", level / 4 + q + 1) for q in (3, 4)]
            periods += [(None, "estimate", level + 3), (None, "actual", level)]
            for quarter, kind, value in periods:
                pk += 1
                yield {
                    "id": pk, "report_id": report_id, "indicator_id": i + 1, "year": year,
                    "quarter": quarter, "kind": kind, "value": value, "created_at": now,
                    "updated_at": now, "is_published": pk % 97 != 0,
                }  # fmt: skip


def target_rows(n_indicators: int, report_ids: list[int]) -> Iterator[dict[str, Any]]:
    pk = 0
    for i in range(n_indicators):
        base = 100 + (i * 37) % 500
        for year in (*YEARS, YEARS.stop):
            level = base + (year - YEARS.start) * (5 + i % 7)
            # Plans around the actual: some exceeded, some achieved, some not.
            plans = [("council", Decimal(level) * Decimal(100 + (i + year) % 17 - 8) / 100)]
            if i % 3 == 0:
                plans.append(("province", Decimal(level) * Decimal("1.02")))
            for source, value in plans:
                pk += 1
                yield {"id": pk, "report_id": report_ids[pk % 2], "indicator_id": i + 1,
                       "year": year, "source": source, "value": round(value, 3)}  # fmt: skip
        if i % 5 == 0:
            pk += 1
            yield {"id": pk, "report_id": report_ids[0], "indicator_id": i + 1,
                   "year": YEARS.stop, "source": "term", "value": Decimal(base * 2)}  # fmt: skip


def generate(n_values: int) -> dict[str, float]:
    """Fill the (migrated, empty) database: COPY for the big tables, then the sequences."""
    from django.db import connection

    from indicators.models import Department, Indicator, Sector, SourceReport, Target, Value

    n_indicators = max(50, n_values // VALUES_PER_INDICATOR)
    started = time.perf_counter()
    reports = [
        SourceReport.objects.create(number="BENCH/BC-1", title="synthetic", date="2024-06-30"),
        SourceReport.objects.create(number="BENCH/BC-2", title="synthetic", date="2024-11-28"),
    ]
    sector_ids = []
    for s in range(TOP_SECTORS):
        top = Sector.objects.create(code=f"P{s}", name=f"Lĩnh vực tỉnh {s}", order=s)
        sector_ids.append(top.pk)
        for c in range(3):
            sector_ids.append(
                Sector.objects.create(
                    code=f"P{s}-{c}", name=f"Lĩnh vực {s}.{c}", parent=top, order=c
                ).pk
            )
    department_ids = [
        Department.objects.create(code=f"PD{d}", name=f"Sở {d}").pk for d in range(15)
    ]
    now = datetime.now(UTC)
    tables: list[tuple[type[Any], Iterator[dict[str, Any]]]] = [
        (Indicator, indicator_rows(n_indicators, sector_ids, department_ids)),
        (Value, value_rows(n_indicators, reports[0].pk, now)),
        (Target, target_rows(n_indicators, [r.pk for r in reports])),
    ]
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor: COPY
        for model, rows in tables:
            # By name, every other field at its default: the rows survive new columns.
            fields = model._meta.concrete_fields
            defaults = {f.attname: None if f.null else f.get_default() for f in fields}
            columns = ", ".join(f'"{f.column}"' for f in fields)
            with raw.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row.get(f.attname, defaults[f.attname]) for f in fields])
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{model._meta.db_table}', 'id'), "
                f"(SELECT max(id) FROM {model._meta.db_table}))"
            )
        cursor.execute("ANALYZE")
    return {"generate_s": time.perf_counter() - started}


def prepare(url: str, n_values: int, *, fresh: bool) -> dict[str, float]:
    """Database of the size, migrated, filled once; whatever the code keeps rolled up rebuilt."""
    if fresh or not database_exists(url):
        recreate_database(url)
    setup_django(url)
    from django.core.management import call_command, get_commands

    from indicators.models import Value

    started = time.perf_counter()
    had_values = Value.objects.exists() if "indicators_value" in _tables() else False
    call_command("migrate", verbosity=0)  # builds missing rolled-up figures (post_migrate)
    figures: dict[str, float] = {"migrate_s": time.perf_counter() - started}
    if not had_values:
        figures |= generate(n_values)
        if "rebuild_rollups" in get_commands():  # the code under test keeps figures rolled up
            started = time.perf_counter()
            call_command("rebuild_rollups", verbosity=0)
            figures["rebuild_s"] = time.perf_counter() - started
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    figures["n_values"] = Value.objects.count()
    return figures


def _tables() -> list[str]:
    from django.db import connection

    return connection.introspection.table_names()


# --- Measuring, in a fresh process --------------------------------------------------------------


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


Query = tuple[str, Any]


def median_ms(
    fn: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> float:
    samples = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def captured(fn: Callable[[], object]) -> list[Query]:
    from django.db import connection

    queries: list[Query] = []

    def record(
        execute: Callable[..., object],
        sql: str,
        params: Any,
        many: bool,
        context: dict[str, object],
    ) -> object:
        queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        fn()
    return queries


def replay_ms(queries: list[Query], repeat: int) -> float:
    from django.db import connection

    def run() -> None:
        with connection.cursor() as cursor:
            for sql, params in queries:
                cursor.execute(sql, params)
                if cursor.description is not None:
                    cursor.fetchall()

    run()
    return median_ms(run, repeat)


def measure(repeat: int, cold_repeat: int) -> dict[str, Any]:
    from django.test import Client

    from indicators.models import Indicator, Sector, Value

    client = Client()
    rss_start = rss_mb()
    sector = Sector.objects.filter(parent__isnull=True).order_by("order").first()
    main = Indicator.objects.filter(is_main=True).order_by("order").first()
    assert sector is not None and main is not None, "no data"
    pages = [
        ("dashboard", "/?year=2024"),
        (f"sector {sector.code}", f"/sectors/{sector.code}/?year=2024"),
        (
            f"sector {sector.code} by completion, p.3",
            f"/sectors/{sector.code}/?year=2024&sort=-completion&page=3",
        ),
        (f"indicator {main.code}", f"/indicators/{main.code}/?year=2024"),
    ]
    # The value a department's approved figure changes: a main indicator's 2024 actual.
    figure = Value.objects.filter(indicator=main, year=2024, quarter=None, kind="actual").first()
    assert figure is not None
    step = [Decimal(0)]

    def write() -> None:
        step[0] += 1
        figure.value = Decimal(500) + step[0]
        figure.save()

    results = []
    for name, url in pages:

        def get(url: str = url) -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        write()
        cold_first = median_ms(get, 1)  # the first request of this page in the process
        cold_ms = median_ms(get, cold_repeat, before=write)
        write()
        cold_queries = captured(get)
        warm_ms = median_ms(get, repeat)
        warm_queries = captured(get)
        results.append(
            {
                "page": name,
                "first_ms": cold_first,
                "cold_ms": cold_ms,
                "cold_sql_ms": replay_ms(cold_queries, repeat),
                "cold_q": len(cold_queries),
                "warm_ms": warm_ms,
                "warm_sql_ms": replay_ms(warm_queries, repeat),
                "warm_q": len(warm_queries),
            }
        )
    return {"pages": results, "rss_start_mb": rss_start, "rss_end_mb": rss_mb()}


def child(url: str, repeat: int, cold_repeat: int) -> int:
    setup_django(url)
    import logging

    logging.disable(logging.WARNING)
    print(json.dumps(measure(repeat, cold_repeat)))
    return 0


# --- Report -----------------------------------------------------------------------------------


def goal(figure: float, target: float) -> str:
    return "ok" if figure <= target else "MISSED"


def report(runs: list[tuple[int, dict[str, float], dict[str, Any]]]) -> None:
    print("cold: one published value saved just before each request (the write is not timed)")
    print("first: the page's first request in a fresh process")
    header = (
        f"{'values':>9} {'page':<32} {'first':>7} {'cold ms':>8} {'SQL':>6} {'q':>3} {'×SQL':>5}"
        f" {'warm ms':>8} {'SQL':>6} {'q':>3} {'×SQL':>5}"
    )
    print(header)
    for n, _prep, m in runs:
        for p in m["pages"]:
            print(
                f"{n:>9} {p['page']:<32} {p['first_ms']:>7.0f} {p['cold_ms']:>8.1f}"
                f" {p['cold_sql_ms']:>6.1f} {p['cold_q']:>3}"
                f" {p['cold_ms'] / max(p['cold_sql_ms'], 0.01):>5.1f}"
                f" {p['warm_ms']:>8.1f} {p['warm_sql_ms']:>6.1f} {p['warm_q']:>3}"
                f" {p['warm_ms'] / max(p['warm_sql_ms'], 0.01):>5.1f}"
            )
    for n, prep, m in runs:
        extra = "  ".join(f"{k} {v:.1f}" for k, v in prep.items() if k != "n_values")
        print(
            f"{n:>9} values: RSS {m['rss_start_mb']:.0f} MB before the first page,"
            f" {m['rss_end_mb']:.0f} MB after the last  {extra}"
        )
    print("Goals (issue 12), at the largest size measured:")
    n, _prep, m = runs[-1]
    for p in m["pages"]:
        if not p["page"].startswith(("dashboard", "sector")):
            continue
        ratio = p["cold_ms"] / max(p["cold_sql_ms"], 0.01)
        print(
            f"  {p['page']:<32} cold {p['cold_ms']:7.1f} ms ≤ {GOALS['cold_ms']:.0f}"
            f" {goal(p['cold_ms'], GOALS['cold_ms']):<6}"
            f" warm {p['warm_ms']:7.1f} ms ≤ {GOALS['warm_ms']:.0f}"
            f" {goal(p['warm_ms'], GOALS['warm_ms']):<6}"
            f" page/SQL {ratio:4.1f} ≤ {GOALS['sql_ratio']:.0f} {goal(ratio, GOALS['sql_ratio'])}"
        )
    print(
        f"  worker RSS after every page {m['rss_end_mb']:.0f} MB ≤ {GOALS['rss_mb']:.0f}"
        f" {goal(m['rss_end_mb'], GOALS['rss_mb'])}"
    )
    if len(runs) > 1:
        (n0, _p0, m0), (n1, _p1, m1) = runs[0], runs[-1]
        for p0, p1 in zip(m0["pages"], m1["pages"], strict=True):
            growth = p1["cold_ms"] / max(p0["cold_ms"], 0.01)
            q = "same" if p0["cold_q"] == p1["cold_q"] else f"{p0['cold_q']} → {p1['cold_q']}"
            print(
                f"  {p1['page']:<32} cold {n0}→{n1}: ×{growth:.2f} ≤ {GOALS['cold_growth']}"
                f" {goal(growth, GOALS['cold_growth']):<6} queries {q}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", type=int, action="append")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--cold-repeat", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="drop and fill the databases again")
    parser.add_argument("--drop", action="store_true", help="drop the databases afterwards")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # the children: a database URL
    parser.add_argument("--prepare", help=argparse.SUPPRESS)
    args, _unknown = parser.parse_known_args()  # `make bench` passes every script its options
    if args.measure:
        return child(args.measure, args.repeat, args.cold_repeat)
    if args.prepare:
        print(json.dumps(prepare(args.prepare, args.values[0], fresh=args.fresh)))
        return 0
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        print("bench_province: set DATABASE_URL=postgres://... (PostgreSQL only); skipped")
        return 0
    runs = []
    for n in args.values or [100_000]:
        url = database_url(base, n)
        prep = prepare_in_child(url, n, args.fresh)
        out = subprocess.check_output(
            [sys.executable, __file__, "--measure", url, "--repeat", str(args.repeat),
             "--cold-repeat", str(args.cold_repeat)]
        )  # fmt: skip
        runs.append((n, prep, json.loads(out.decode().strip().splitlines()[-1])))
        if args.drop:
            recreate_database(url, drop_only=True)
    report(runs)
    return 0


def prepare_in_child(url: str, n_values: int, fresh: bool) -> dict[str, float]:
    """Django is set up once per process: each size is prepared in a process of its own."""
    command = [sys.executable, __file__, "--prepare", url, "--values", str(n_values)]
    out = subprocess.check_output([*command, *(["--fresh"] if fresh else [])])
    result: dict[str, float] = json.loads(out.decode().strip().splitlines()[-1])
    return result


if __name__ == "__main__":
    sys.exit(main())
