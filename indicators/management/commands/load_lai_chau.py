from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from indicators.loading import DatasetError, load_dataset


class Command(BaseCommand):
    help = "Load (idempotently) the indicators, targets and values of Lai Châu's 2024 reports."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = load_dataset()
        except DatasetError as exc:
            raise CommandError("The data set is invalid:\n" + "\n".join(exc.problems)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {summary.reports} reports, {summary.sectors} sectors, "
                f"{summary.departments} departments, {summary.indicators} indicators, "
                f"{summary.targets} targets, {summary.values} values, "
                f"{summary.statements} stated figures; {summary.derived} figures derived; "
                f"{summary.removed} stale rows removed."
            )
        )
        if summary.flags:
            self.stdout.write(f"{len(summary.flags)} figures carry a flag (see check_reports).")
