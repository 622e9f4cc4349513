"""Reusable filters, without side effects."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Self

from django.db import models

if TYPE_CHECKING:
    from indicators.models import Indicator, Target, Value


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def main(self) -> Self:
        """Main indicators of the council resolution, and the components beneath them."""
        return self.filter(models.Q(is_main=True) | models.Q(parent__is_main=True))

    def in_sector(self, sector_id: int) -> Self:
        return self.filter(models.Q(sector_id=sector_id) | models.Q(sector__parent_id=sector_id))


# A whole year's figure: no quarter, no cumulative months, no as-of date.
_WHOLE_YEAR = models.Q(quarter__isnull=True, months__isnull=True, as_of__isnull=True)


class TargetQuerySet(models.QuerySet["Target"]):
    def for_years(self, years: Iterable[int]) -> Self:
        return self.filter(year__in=list(years))

    def whole_year(self) -> Self:
        """Annual plans (not a quarter's, not a cumulative period's)."""
        return self.filter(_WHOLE_YEAR)


class ValueQuerySet(models.QuerySet["Value"]):
    def for_years(self, years: Iterable[int]) -> Self:
        return self.filter(year__in=list(years))

    def whole_year(self) -> Self:
        """Whole-year figures (not a quarter's own, not the year to date)."""
        return self.filter(_WHOLE_YEAR)

    def published(self) -> Self:
        """Figures the city stands behind: stated in a report, or entered by a department and
        approved by the planning office. Drafts and figures awaiting review stay internal."""
        return self.filter(is_published=True)
