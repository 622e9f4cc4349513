#!/usr/bin/env python
"""Benchmark (not a test): the council table in each format, main indicators and all indicators.

Sets Django up on a temporary SQLite file (removed afterwards), loads the Lai Châu data set
with indicators.loading.load_dataset, then times each format as the export task makes it:
reading the table from the database (the snapshot) and rendering the file. Prints a table of
the median of a few rounds. Goals on this machine: xlsx, docx and csv of every indicator under
1 s, pdf under 5 s (printed, never an exit status).

    /work/main/.venv/bin/python scripts/bench_exports.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("xlsx", "docx", "csv", "pdf")
GOALS_S = {"xlsx": 1.0, "docx": 1.0, "csv": 1.0, "pdf": 5.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    # `make bench` may pass options meant for other benchmarks: ignore what is not ours.
    args, _unknown = parser.parse_known_args()
    tmp = tempfile.mkdtemp(prefix="chitieu-bench-exports-")
    try:
        return run(Path(tmp), rounds=max(1, args.rounds))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(tmp: Path, *, rounds: int) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)  # WeasyPrint logs every layout step at INFO
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from indicators.loading import load_dataset
    from reports.exports import render_snapshot
    from reports.selectors import council_snapshot

    load_dataset()
    results = []
    for all_indicators in (False, True):
        scope = "all" if all_indicators else "main"
        # The first render pays for imports and font loading once; not what a user waits for
        # on a running worker, so it is left out of the timings.
        render_snapshot("pdf", council_snapshot(year=2024, all_indicators=all_indicators))
        for fmt in FORMATS:
            timings, size, n_rows = [], 0, 0
            for _round in range(rounds):
                start = time.perf_counter()
                snapshot = council_snapshot(year=2024, all_indicators=all_indicators)
                data = render_snapshot(fmt, snapshot)
                timings.append(time.perf_counter() - start)
                size, n_rows = len(data), len(snapshot.indicators)
            results.append((scope, fmt, n_rows, statistics.median(timings), max(timings), size))

    print(f"Council table exports, year 2024, median of {rounds} rounds (snapshot + render)")
    print(
        f"{'scope':<6} {'format':<6} {'rows':>5} {'median s':>9} {'max s':>7} {'size KB':>8}  goal"
    )
    for scope, fmt, n_rows, median, worst, size in results:
        goal = GOALS_S[fmt]
        verdict = f"< {goal:g} s {'ok' if worst < goal else 'MISSED'}" if scope == "all" else ""
        print(
            f"{scope:<6} {fmt:<6} {n_rows:>5} {median:>9.3f} {worst:>7.3f} "
            f"{size / 1024:>8.1f}  {verdict}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
