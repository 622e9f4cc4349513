"""Reusable filters, without side effects."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models


class IndicatorQuerySet(models.QuerySet):
    def main(self) -> IndicatorQuerySet:
        """Main indicators of the council resolution, and the components beneath them."""
        return self.filter(models.Q(is_main=True) | models.Q(parent__is_main=True))

    def in_sector(self, sector_id: int) -> IndicatorQuerySet:
        return self.filter(models.Q(sector_id=sector_id) | models.Q(sector__parent_id=sector_id))


class TargetQuerySet(models.QuerySet):
    def for_years(self, years: Iterable[int]) -> TargetQuerySet:
        return self.filter(year__in=list(years))


class ValueQuerySet(models.QuerySet):
    def for_years(self, years: Iterable[int]) -> ValueQuerySet:
        return self.filter(year__in=list(years))

    def published(self) -> ValueQuerySet:
        """Figures the city stands behind: stated in a report, or entered by a department and
        approved by the planning office. Drafts and figures awaiting review stay internal."""
        return self.filter(is_published=True)
