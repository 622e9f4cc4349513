"""Reads for the council pages and exports."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from indicators.models import PlanSource
from indicators.periods import YEAR
from indicators.selectors import years_with_figures
from reports.council_table import council_table
from reports.models import Export
from reports.snapshot import Snapshot, build_snapshot


def council_snapshot(
    *,
    year: int,
    baseline: str = PlanSource.COUNCIL,
    all_indicators: bool = False,
    made_at: datetime | None = None,
    period: str = YEAR,
) -> Snapshot:
    """The council table of a year, numbered and frozen as plain data.

    Three queries (those of `council_table`): indicators, values, targets.
    """
    rows = council_table(year=year, baseline=baseline, all_indicators=all_indicators, period=period)
    return build_snapshot(
        rows,
        year=year,
        baseline=baseline,
        all_indicators=all_indicators,
        made_at=made_at or timezone.now(),
        period=period,
    )


def report_years() -> list[int]:
    """Years with published figures, newest first (one query); this year when there are none."""
    return years_with_figures()[::-1] or [timezone.localdate().year]


def export_list() -> QuerySet[Export]:
    """Past exports, newest first, with who made each (one query); the snapshot stays unread."""
    return Export.objects.select_related("created_by").defer("snapshot")
