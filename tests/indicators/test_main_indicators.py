"""IndicatorQuerySet.main: the main indicators and their components, without scanning the
catalogue through a join to each indicator's parent."""

from __future__ import annotations

import pytest

from indicators.models import Indicator
from tests.factories import IndicatorFactory


@pytest.fixture
def catalogue():
    main = IndicatorFactory(is_main=True, council_group=1)
    component = IndicatorFactory(parent=main)
    other = IndicatorFactory()
    IndicatorFactory(parent=other)  # a component of an ordinary indicator
    return main, component


@pytest.mark.django_db
def test_main_keeps_the_main_indicators_and_their_components(catalogue):
    assert set(Indicator.objects.main()) == set(catalogue)


@pytest.mark.django_db
def test_main_reads_the_same_inside_a_subquery(catalogue):
    # Inside a subquery the indicator table is aliased: what main() reads must not change.
    outer = Indicator.objects.filter(pk__in=Indicator.objects.main().values("pk"))
    assert set(outer) == set(catalogue)
    assert set(Indicator.objects.exclude(pk__in=Indicator.objects.main().values("pk"))) == (
        set(Indicator.objects.all()) - set(catalogue)
    )


def test_main_joins_no_parent():
    sql = str(Indicator.objects.main().query)
    assert "JOIN" not in sql.upper()
