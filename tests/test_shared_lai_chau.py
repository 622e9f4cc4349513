"""The shared Lai Châu data set: a test's writes, rolled-up figures and cache entries are gone
when the next test starts, and tests without `lai_chau` never see the data."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection

from indicators import rollups
from indicators.data_version import current_token
from indicators.models import Indicator, IndicatorFigure, Value

SEEN: dict[str, object] = {}


@pytest.mark.parametrize("run", [1, 2])
def test_a_tests_writes_are_gone_in_the_next(lai_chau, run):
    # Whichever of the two runs second would see what the first wrote if anything leaked.
    values = Value.objects.count()
    assert values > 0
    assert not Indicator.objects.filter(name__startswith="LEAKED").exists()
    assert SEEN.setdefault("values", values) == values
    assert SEEN.setdefault("token", current_token()) == current_token()
    assert cache.get("probe") is None
    rollups.ensure_fresh()
    assert SEEN.setdefault("figures", IndicatorFigure.objects.count()) == (
        IndicatorFigure.objects.count()
    )

    cache.set("probe", run)
    Indicator.objects.filter(pk=Indicator.objects.first().pk).update(name="LEAKED")
    Value.objects.filter(pk__in=Value.objects.values("pk")[:10]).delete()
    assert Value.objects.count() == values - 10
    IndicatorFigure.objects.filter(pk__in=IndicatorFigure.objects.values("pk")[:10]).delete()


def test_the_data_set_is_loaded_once_under_the_tests_savepoint(lai_chau):
    # The test's own atomic block is a savepoint inside the shared transaction.
    assert len(connection.atomic_blocks) == 2
    assert connection.savepoint_ids


@pytest.mark.django_db
def test_a_test_without_lai_chau_sees_an_empty_database():
    assert not Indicator.objects.exists()
    assert not Value.objects.exists()
