"""Run every benchmark of the project, one after the other (`make bench`).

Benchmarks are scripts, not tests: they print figures for people to read and compare with the
goals in the issues, and never fail a build on a slow machine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "bench_pages.py",
    "bench_province.py",
    "bench_entry.py",
    "bench_exports.py",
    "bench_serving.py",
]


def main() -> int:
    status = 0
    for name in SCRIPTS:
        path = HERE / name
        if not path.exists():
            print(f"== {name}: not present, skipped")
            continue
        print(f"== {name}", flush=True)
        status |= subprocess.call([sys.executable, str(path), *sys.argv[1:]])
    return status


if __name__ == "__main__":
    sys.exit(main())
