#!/usr/bin/env python
"""Benchmark (not a test): `import_values` on a province-sized CSV file, in rows per second.

Writes a file of N rows shaped like a province's yearly return (new indicators of every unit,
their council and province plans, the year's estimate and official figure, the four quarters),
then, in a database created and dropped here, times through the command itself:
  1. the first import (every row new),
  2. the same file again (nothing changes),
  3. the file with every figure changed (every row an update).
Goal: at least 5 000 rows/s on PostgreSQL for 100 000 rows (printed, never an exit status).

    .venv/bin/python scripts/bench_import.py [--rows 10000 100000]
    .venv/bin/python scripts/bench_import.py --write FILE --rows 100000   # only the file

Runs on a temporary SQLite file unless DATABASE_URL is set (then on a database of its own on
that server, created and dropped here).
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_ROWS_PER_S = 5000
HEADER = [
    "indicator_code",
    "indicator_name",
    "sector",
    "unit",
    "direction",
    "aggregation",
    "period",
    "kind",
    "plan_source",
    "value",
    "source",
    "quote",
]
# unit, direction, aggregation, a typical figure
SHAPES = [
    ("tỷ đồng", "higher", "sum", 1250.125),
    ("%", "higher", "last", 87.5),
    ("người", "higher", "last", 4475),
    ("ha", "higher", "sum", 312.4),
    ("‰", "lower", "last", 9.73),
    ("lượt", "higher", "sum", 61000),
]
FIRST_YEAR = 2016
ROWS_PER_YEAR = 8  # council plan, province plan, estimate, official, four quarters


def write_file(path: Path, rows: int, *, prefix: str = "BENCH", bump: int = 0) -> Path:
    """A valid import file of `rows` rows (rounded up to whole indicator-years): indicators
    `prefix`-00000…, ten years each, 20 sectors. `bump` shifts every figure, so the same file
    with another bump changes every row."""
    years = 10
    n_indicators = max(1, -(-rows // (years * ROWS_PER_YEAR)))
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        written = 0
        for i in range(n_indicators):
            unit, direction, aggregation, base = SHAPES[i % len(SHAPES)]
            code = f"{prefix}-{i:05d}"
            catalogue = [
                code,
                f"Chỉ tiêu tỉnh số {i} ({unit})",
                f"Lĩnh vực tổng hợp {i % 20}",
                unit,
                direction,
                aggregation,
            ]
            first = True
            for year in range(FIRST_YEAR, FIRST_YEAR + years):
                if written >= rows:
                    break
                figure = base * (1 + ((i + year + bump) % 7) / 100)
                if unit in ("%", "‰"):
                    figure = min(figure, 99.9 if unit == "%" else 999)
                decimals = 0 if unit in ("người", "lượt") else 3
                report = f"{year}/BC-UBND"
                for period, kind, source, factor in (
                    (f"{year}", "plan", "council", 1.02),
                    (f"{year}", "plan", "province", 1.05),
                    (f"{year}", "estimate", "", 0.99),
                    (f"{year}", "actual", "", 1.0),
                    (f"{year}-Q1", "actual", "", 0.24),
                    (f"{year}-Q2", "actual", "", 0.25),
                    (f"{year}-Q3", "actual", "", 0.25),
                    (f"{year}-Q4", "actual", "", 0.26),
                ):
                    if written >= rows:
                        break
                    value = f"{figure * factor:.{decimals}f}"
                    quote = f"{catalogue[1]} năm {year}: {value}, đạt kế hoạch" if first else ""
                    columns = catalogue if first else [code, "", "", "", "", ""]
                    out.writerow([*columns, period, kind, source, value, report, quote])
                    first = False
                    written += 1
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--write", type=Path, help="only write a file of --rows rows here")
    parser.add_argument("--first-only", action="store_true", help="time the first import only")
    # `make bench` may pass options meant for other benchmarks: ignore what is not ours.
    args, _unknown = parser.parse_known_args()
    if args.write:
        write_file(args.write, args.rows[0])
        print(f"wrote {args.rows[0]} rows to {args.write}")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="chitieu-bench-import-"))
    try:
        setup_django(tmp)
        results = [run(tmp, rows, first_only=args.first_only) for rows in args.rows]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    from django.db import connection

    print(
        f"import_values on {connection.vendor}: rows/s (wall seconds, seconds of this "
        f"process's CPU, queries); load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} CPUs"
    )
    width = 34
    print(
        f"{'rows':>8} {'first import':>{width}} {'same file again':>{width}}"
        f" {'every row changed':>{width}}"
    )
    for rows, timings in results:
        cells = [
            f"{rows / s:>6.0f} ({s:>5.1f} s, {cpu:>5.1f} s CPU, {q:>5} q)" for s, cpu, q in timings
        ]
        print(f"{rows:>8} " + " ".join(f"{c:>{width}}" for c in cells))
    print(f"Goal: at least {GOAL_ROWS_PER_S} rows/s on PostgreSQL for 100 000 rows.")
    return 0  # a benchmark reports; it never fails a build on a slow machine


def setup_django(tmp: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)


def run(tmp: Path, rows: int, *, first_only: bool) -> tuple[int, list[tuple[float, float, int]]]:
    """Time the three imports of a `rows`-row file in a fresh database."""
    from django.conf import settings
    from django.test.utils import setup_databases, teardown_databases

    # A database of the benchmark's own, so that a test run on the same server is not touched.
    settings.DATABASES["default"]["TEST"]["NAME"] = f"chitieu_bench_import_{os.getpid()}"
    old = setup_databases(verbosity=0, interactive=False)
    try:
        first = write_file(tmp / f"values-{rows}.csv", rows)
        timings = [timed_import(first)]
        if not first_only:
            changed = write_file(tmp / f"values-{rows}-changed.csv", rows, bump=3)
            timings += [timed_import(first), timed_import(changed)]
        return rows, timings
    finally:
        teardown_databases(old, verbosity=0)


def timed_import(path: Path) -> tuple[float, float, int]:
    """Wall time, this process's CPU time (the database server's is not in it), queries."""
    from collections.abc import Callable
    from typing import Any

    from django.core.management import call_command
    from django.db import connection

    count = 0

    def counted(execute: Callable[..., Any], *args: Any) -> Any:
        nonlocal count
        count += 1
        return execute(*args)

    with connection.execute_wrapper(counted), open(os.devnull, "w") as devnull:
        start, cpu = time.perf_counter(), time.process_time()
        call_command("import_values", str(path), stdout=devnull)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return elapsed, cpu, count


if __name__ == "__main__":
    sys.exit(main())
