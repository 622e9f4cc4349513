"""The reader's one read of the database: the catalogue it matches labels against."""

from __future__ import annotations

from indicators.models import Indicator
from reports.reader.matching import CatalogueEntry


def catalogue_entries() -> list[CatalogueEntry]:
    """Every indicator's code, name and unit, in one query."""
    return [
        CatalogueEntry(code, name, unit)
        for code, name, unit in Indicator.objects.order_by("code").values_list(
            "code", "name", "unit"
        )
    ]
