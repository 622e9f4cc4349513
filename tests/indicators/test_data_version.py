"""The data version pages reuse their figures under: every kind of write changes it, in the
writing transaction, and a rolled-back write leaves it as it was."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction

from indicators import entry_services as services
from indicators.data_version import clear_memo, current_token, memoized
from indicators.models import Role
from indicators.selectors import year_rows
from tests.factories import (
    YEAR,
    IndicatorFactory,
    TargetFactory,
    build_department,
    make_user,
    review,
    save,
)


@pytest.mark.django_db
def test_saves_and_deletes_change_the_token():
    before = current_token()
    indicator = IndicatorFactory()
    after_indicator = current_token()
    target = TargetFactory(indicator=indicator, year=2024, value=Decimal("10"))
    after_target = current_token()
    target.delete()
    tokens = [before, after_indicator, after_target, current_token()]
    assert len(set(tokens)) == 4


@pytest.mark.django_db
def test_a_rolled_back_write_keeps_the_token():
    before = current_token()
    with pytest.raises(RuntimeError), transaction.atomic():
        IndicatorFactory()
        assert current_token() != before  # the transaction sees its own version
        raise RuntimeError
    assert current_token() == before


@pytest.mark.django_db
def test_memoized_computes_once_per_version():
    clear_memo()
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert memoized("k", compute) == memoized("k", compute) == 1
    IndicatorFactory()
    assert memoized("k", compute) == 2


@pytest.mark.django_db
def test_a_department_quarter_reaches_the_shared_rows_once_approved():
    clear_memo()
    department, indicators = build_department(1)
    flow = indicators[0]  # summed over quarters: 40 + 50 + the third quarter
    staff = make_user(Role.STAFF, department)

    def year_total():
        (row,) = [r for r in year_rows(year=YEAR) if r.indicator.pk == flow.pk]
        return row.actual

    assert year_total() == Decimal("90")
    save(staff, department, {flow.pk: "7"}, submit=True)  # bulk writes: no post_save
    assert year_total() == Decimal("90")  # submitted, not published yet
    review(services.submission_approve, make_user(Role.REVIEWER), department)
    assert year_total() == Decimal("97")
