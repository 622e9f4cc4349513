"""Benchmark of the published pages (not a test): median server time of the dashboard, a
sector page and an indicator page, with the Lai Châu data and with a synthetic province-sized
data set, next to the time of the SQL that fetches each page's data (the page's own statements,
captured from one request and replayed on the same connection, fetching every row).

    .venv/bin/python scripts/bench_pages.py [--values 100000] [--repeat 15]

Runs on a temporary SQLite file unless DATABASE_URL is set (then it uses that database's test
copy, created and dropped here).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django() -> str:
    tmp = tempfile.mkdtemp(prefix="chitieu-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    return tmp


def timed(
    fn: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> float:
    fn()  # warm caches (templates, querysets)
    samples = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def synthetic(n_values: int) -> None:
    """A province-sized set: many indicators, 8 years of quarters and whole years each."""
    from indicators import rollups
    from indicators.models import Indicator, Sector, SourceReport, Target, Value

    report = SourceReport.objects.create(number="BENCH/BC", title="synthetic")
    top = Sector.objects.create(code="P", name="Tỉnh")
    sectors = [
        Sector.objects.create(code=f"P-{i}", name=f"Lĩnh vực {i}", parent=top) for i in range(10)
    ]
    per_indicator = 8 * 5  # 8 years × (4 quarters + the year)
    n_indicators = max(1, n_values // per_indicator)
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"P-{i:05d}",
            name=f"Chỉ tiêu tỉnh {i}",
            sector=sectors[i % 10],
            unit="tỷ đồng",
            decimals=1,
            is_main=i % 25 == 0,
            council_group=(i // 25) % 8 + 1 if i % 25 == 0 else None,
            order=i,
        )
        for i in range(n_indicators)
    )
    values, targets = [], []
    for i, indicator in enumerate(indicators):
        for year in range(2018, 2026):
            for quarter in (None, 1, 2, 3, 4):
                values.append(
                    Value(
                        indicator=indicator,
                        year=year,
                        quarter=quarter,
                        kind="actual",
                        value=Decimal(100 + i % 37 + year - 2018),
                        report=report,
                        quote="q",
                    )
                )
            targets.append(
                Target(indicator=indicator, year=year, value=Decimal(110), report=report)
            )
    Value.objects.bulk_create(values, batch_size=5000)
    Target.objects.bulk_create(targets, batch_size=5000)
    rollups.figures_changed(i.pk for i in indicators)  # bulk writes send no signal


# SQL and its parameters as the database driver received them.
Query = tuple[str, Any]


def page_queries(client: Client, url: str) -> list[Query]:
    """The SQL statements (with their parameters) that one request of the page runs."""
    from django.db import connection

    captured: list[Query] = []

    def record(
        execute: Callable[..., object],
        sql: str,
        params: Any,
        many: bool,
        context: dict[str, object],
    ) -> object:
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(url)
    return captured


def replay_ms(queries: list[Query], repeat: int) -> float:
    """Median time to run the page's own SQL again and fetch every row, outside Django."""
    from django.db import connection

    def run() -> None:
        with connection.cursor() as cursor:
            for sql, params in queries:
                cursor.execute(sql, params)
                cursor.fetchall()

    return timed(run, repeat)


class PageTimes(NamedTuple):
    label: str
    page: str
    warm_ms: float
    warm_sql_ms: float
    warm_queries: int
    cold_ms: float
    cold_sql_ms: float
    cold_queries: int


def measure(label: str, repeat: int) -> list[PageTimes]:
    from django.test import Client

    from indicators.models import Indicator, Sector, Value

    client = Client()
    main = Indicator.objects.filter(is_main=True).order_by("order").first()
    sector = Sector.objects.filter(parent__isnull=True).order_by("order").first()
    assert main is not None and sector is not None, "no data loaded"
    pages = [
        ("dashboard", "/"),
        (f"sector {sector.code}", f"/sectors/{sector.code}/"),
        (f"indicator {main.code}", f"/indicators/{main.code}/"),
    ]
    figure = Value.objects.filter(is_published=True, indicator=main).first()
    assert figure is not None

    def touch() -> None:
        figure.save()

    results = []
    for name, url in pages:
        assert client.get(url).status_code == 200, url

        def request(url: str = url) -> object:
            return client.get(url)

        page_ms = timed(request, repeat)
        # Cold: a figure changed just before (a value saved: its indicator's rows rewritten).
        cold_ms = timed(request, repeat, before=touch)
        queries = page_queries(client, url)
        touch()
        cold_queries = page_queries(client, url)
        results.append(
            PageTimes(
                label,
                name,
                page_ms,
                replay_ms(queries, repeat),
                len(queries),
                cold_ms,
                replay_ms(cold_queries, repeat),
                len(cold_queries),
            )
        )
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--values", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.test.utils import setup_databases, teardown_databases

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from indicators.loading import load_dataset
        from indicators.models import Value

        load_dataset()
        rows = measure(f"Lai Châu ({Value.objects.count()} values)", args.repeat)
        synthetic(args.values)
        rows += measure(f"synthetic ({Value.objects.count()} values)", args.repeat)
    finally:
        teardown_databases(old, verbosity=0)
    print("warm: figures unchanged since the last request; cold: a value saved just before")
    print(
        f"{'data set':<28} {'page':<24} {'warm ms':>8} {'q':>3} {'SQL ms':>7} {'ratio':>6}"
        f" {'cold ms':>8} {'q':>3} {'SQL ms':>7} {'ratio':>6}"
    )
    for label, name, warm, warm_sql, warm_q, cold, cold_sql, cold_q in rows:
        print(
            f"{label:<28} {name:<24} {warm:>8.1f} {warm_q:>3} {warm_sql:>7.2f}"
            f" {warm / warm_sql:>6.1f} {cold:>8.1f} {cold_q:>3} {cold_sql:>7.2f}"
            f" {cold / cold_sql:>6.1f}"
        )
    print("Goals: < 50 ms with the Lai Châu data, < 150 ms with 100 000 values, page ≤ 3× SQL.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
