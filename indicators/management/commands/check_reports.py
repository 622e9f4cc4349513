from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from indicators.computations import round_half_up
from indicators.display import exact_number
from indicators.verification import (
    contradicted_periods,
    flagged_figures,
    report_disagreements,
    statement_checks,
)


class Command(BaseCommand):
    help = (
        "List every disagreement between reports, every stated figure that does not recompute "
        "from the stored values, and every figure the data set flags, with their quotes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Exit with status 1 when a stated figure does not recompute and is not flagged.",
        )

    def handle(self, *args: Any, strict: bool = False, **options: Any) -> None:
        out = self.stdout
        disagreements = report_disagreements()
        out.write(self.style.MIGRATE_HEADING(f"Reports that disagree ({len(disagreements)})"))
        for d in disagreements:
            out.write(f"\n{d.indicator_code} {d.period or d.year} ({d.kind}):")
            for v in d.values:
                out.write(
                    f"  {exact_number(v.value)} {v.indicator.unit} — {v.report.number}: “{v.quote}”"
                )

        contradicted = contradicted_periods()
        out.write(
            self.style.MIGRATE_HEADING(
                f"\nParts of the year whose figures disagree ({len(contradicted)})"
            )
        )
        for f in contradicted:
            # Two reports state the period differently, or its stated figure is not what its
            # quarters add up to by the indicator's rule: the stated figure is the one used.
            out.write(
                f"\n{f.indicator.code} {f.year}-{f.period}: "
                f"{exact_number(f.actual) if f.actual is not None else '–'} "
                f"{f.indicator.unit} used; reports or quarters say otherwise"
            )

        checks = [c for c in statement_checks() if not c.agrees]
        unflagged = [c for c in checks if not c.statement.flag]
        out.write(
            self.style.MIGRATE_HEADING(f"\nStated figures that do not recompute ({len(checks)})")
        )
        for c in checks:
            s = c.statement
            if s.status_text:
                stated, got = s.status_text, c.recomputed_status
            else:
                assert s.figure is not None  # a figure unless a status (the model's constraint)
                stated = exact_number(s.figure)
                if c.recomputed is None:
                    got = "–"
                else:
                    got = exact_number(round_half_up(c.recomputed, s.figure_decimals + 1))
            out.write(
                f"\n{s.indicator.code} {s.year} {s.get_metric_display()}: "
                f"the report says {stated}, the data give {got} ({c.explanation})"
            )
            out.write(f"  {s.report.number}: “{s.quote}”")
            if s.flag:
                out.write(f"  flag: {s.flag}")

        flags = flagged_figures()
        out.write(self.style.MIGRATE_HEADING(f"\nFlagged figures ({len(flags)})"))
        for code, what, flag, quote in flags:
            out.write(f"\n{code} {what}: {flag}\n  “{quote}”")
        if strict and unflagged:
            raise SystemExit(1)
