from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.loading import DatasetError, load_dataset
from indicators.services import SYSTEM_USERNAME, command_user


class Command(BaseCommand):
    help = "Load (idempotently) the indicators, targets and values of Lai Châu's 2024 reports."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--user",
            help=f"the username the history records for every figure written "
            f"(default: the system account {SYSTEM_USERNAME})",
        )

    def handle(self, *args: Any, user: str | None = None, **options: Any) -> None:
        try:
            actor = command_user(user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        try:
            summary = load_dataset(user=actor)
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
