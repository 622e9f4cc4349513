"""Unapplying the cumulative periods (0015) drops the `months` and `as_of` columns: a six-month
or as-of figure would silently become a whole-year one (or collide with it). Going back is
refused while any target or value has a cumulative period; they must be moved or deleted
first, by someone who decides what they were."""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import Q

CUMULATIVE = Q(months__isnull=False) | Q(as_of__isnull=False)


def refuse_if_cumulative(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for name in ("Value", "Target"):
        n = apps.get_model("indicators", name).objects.filter(CUMULATIVE).count()
        if n:
            raise RuntimeError(
                f"{n} {name.lower()}(s) have a cumulative period (months or as_of): unapplying "
                "0015 would make them whole-year figures. Move or delete them first."
            )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0015_cumulative_periods_and_rollups_per_period")]

    operations = [migrations.RunPython(migrations.RunPython.noop, refuse_if_cumulative)]
