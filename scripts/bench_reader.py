#!/usr/bin/env python
"""Benchmark (not a test): the report reader (issue 14) on the seed reports.

Prints, for report 5268/BC-UBND (127 000 characters) and the October report on NQ 11:
  - the reading time (median of --runs, ms; goal: under 2 s for 130 000 characters),
  - recall: the curated values and plans (indicators/data/lai_chau) found with the same value,
    unit and period (and kind), the completions and changes found,
  - precision: the completions and changes proposed that the curated data confirms,
  - with --misses, every curated figure missed and every claim the curated data contradicts;
and the time to match the 5268 report's figures against a catalogue of 10 000 indicators (goal:
under 1 s). Needs no database.

    .venv/bin/python scripts/bench_reader.py [--runs 5] [--misses]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reports.reader.matching import Catalogue

ROOT = Path(__file__).resolve().parent.parent
GOAL_READ_S = 2.0
GOAL_MATCH_S = 1.0
N_SYNTHETIC = 10_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--misses", action="store_true", help="list what the reader gets wrong")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from indicators.loading import REPORTS_DIR, read_dataset, read_unmodelled
    from reports.reader.document import read_file
    from reports.reader.evaluation import evaluate
    from reports.reader.matching import Catalogue, CatalogueEntry

    catalogue_yaml, items = read_dataset()
    unmodelled = read_unmodelled()
    catalogue = Catalogue([CatalogueEntry(i["code"], i["name"], i["unit"]) for i in items])
    for report in catalogue_yaml["reports"]:
        path = REPORTS_DIR / report["text_file"]
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            read = read_file(path, catalogue=catalogue)
            timings.append(time.perf_counter() - started)
        result = evaluate(read, items, report["key"], unmodelled)
        n_chars = len(path.read_text(encoding="utf-8"))
        median_ms = statistics.median(timings) * 1000
        print(
            f"{report['key']} ({n_chars} characters): read in {median_ms:.0f} ms (goal "
            f"{GOAL_READ_S:.0f} s for 130 000), {len(read['figures'])} figures"
        )
        print(
            f"  values and plans: {result.n_values_found}/{result.n_values} same value, unit and "
            f"period ({result.value_recall:.1%}); {result.n_values_found_kind} with the same kind; "
            f"{result.n_values_matched} matched to the curated indicator"
        )
        print(
            f"  completions and changes: {result.n_statements_found}/{result.n_statements} found "
            f"({result.statement_recall:.1%}); precision {result.n_claims_right}/"
            f"{result.n_claims - result.n_claims_unmodelled} ({result.claim_precision:.1%}), "
            f"{result.n_claims_unmodelled} more in sentences the curators left out"
        )
        if args.misses:
            for line in result.missed:
                print(f"    missed: {line}")
            for line in result.wrong_claims:
                print(f"    wrong:  {line}")
    _bench_matching(catalogue, items, read_file, REPORTS_DIR / "5268-BC-UBND_2024-11-28.txt")


def _bench_matching(
    catalogue: Catalogue, items: list[dict[str, Any]], read_file: Callable[..., Any], path: Path
) -> None:
    from reports.reader.matching import Catalogue, CatalogueEntry

    units = sorted({i["unit"] for i in items})
    entries = list(catalogue.entries)
    for n in range(N_SYNTHETIC - len(entries)):
        base = items[n % len(items)]
        entries.append(
            CatalogueEntry(f"SYN-{n:05d}", f"{base['name']} xã {n}", units[n % len(units)])
        )
    read = read_file(path, catalogue=catalogue)
    started = time.perf_counter()
    big = Catalogue(entries)
    indexed = time.perf_counter() - started
    started = time.perf_counter()
    for figure in read["figures"]:
        big.match(figure["label"], figure["unit"], figure["quote"])
    matched = time.perf_counter() - started
    print(
        f"matching {len(read['figures'])} figures against {len(entries)} indicators: "
        f"{matched * 1000:.0f} ms (goal {GOAL_MATCH_S:.0f} s), "
        f"index built in {indexed * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
