from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators import rollups


class Command(BaseCommand):
    help = (
        "Rewrite every rolled-up figure (the dashboard's and sector pages' table) from the "
        "values and targets; --check only compares them and exits 1 when any differs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing: exit 1 if a stored row differs from a recomputed one.",
        )

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        started = time.perf_counter()
        if check:
            differing = rollups.differences()
            if differing:
                raise CommandError(
                    f"{len(differing)} indicators' rolled-up figures differ from their values "
                    f"and targets (first ids: {sorted(differing)[:10]}); run rebuild_rollups."
                )
            self.stdout.write("The rolled-up figures agree with the values and targets.")
            return
        n_rows = rollups.rebuild_all()
        seconds = time.perf_counter() - started
        self.stdout.write(f"{n_rows} rolled-up figures rebuilt in {seconds:.1f} s.")
