"""The data version (what exports and caches key their entries by): every kind of write changes
it when it commits, a rolled-back write leaves it as it was, and no writer waits on it for another
writer's open transaction. These tests commit for real (transactional database), since the
version changes on commit."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from entry import services
from indicators.data_version import current_token
from indicators.models import IndicatorFigure
from tests.builders import YEAR, build_department, make_user, review, save
from tests.factories import IndicatorFactory, TargetFactory


@pytest.mark.django_db(transaction=True)
def test_saves_and_deletes_change_the_token():
    before = current_token()
    indicator = IndicatorFactory()
    after_indicator = current_token()
    target = TargetFactory(indicator=indicator, year=2024, value=Decimal("10"))
    after_target = current_token()
    target.delete()
    tokens = [before, after_indicator, after_target, current_token()]
    assert len(set(tokens)) == 4


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_keeps_the_token():
    before = current_token()
    with pytest.raises(RuntimeError), transaction.atomic():
        IndicatorFactory()
        assert current_token() == before  # nothing committed yet
        raise RuntimeError
    assert current_token() == before


@pytest.mark.django_db(transaction=True)
def test_one_version_change_per_transaction_after_it_commits():
    before = current_token()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        indicator = IndicatorFactory()
        for year in range(2020, 2025):
            TargetFactory(indicator=indicator, year=year)
        assert not _version_writes(queries)  # nothing touched the version row yet
    assert len(_version_writes(queries)) == 1
    assert current_token() != before


def _version_writes(queries) -> list[str]:
    return [q["sql"] for q in queries if "UPDATE" in q["sql"] and "dataversion" in q["sql"]]


@pytest.mark.django_db(transaction=True)
def test_a_department_quarter_reaches_the_rolled_up_figures_once_approved():
    department, indicators = build_department(1)
    flow = indicators[0]  # summed over quarters: 40 + 50 + the third quarter
    staff = make_user(Role.STAFF, department)

    def year_total():
        return IndicatorFigure.objects.get(
            indicator=flow, year=YEAR, period="Y", baseline="council"
        ).actual

    assert year_total() == Decimal("90")
    save(staff, department, {flow.pk: "7"}, submit=True)  # bulk writes: no post_save
    assert year_total() == Decimal("90")  # submitted, not published yet
    review(services.submission_approve, make_user(Role.REVIEWER), department)
    assert year_total() == Decimal("97")


@pytest.mark.django_db(transaction=True)
def test_a_long_writing_transaction_does_not_block_another_writer():
    """A long import's open transaction must not hold anything a department's save waits for
    (the version row was updated inside every writing transaction, so a 10 000-row import
    blocked every save until it committed)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises every writer by design")
    started, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def long_import() -> None:
        try:
            with transaction.atomic():
                IndicatorFactory()  # the import's first rows change figures
                started.set()
                release.wait(10)
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=long_import)
    thread.start()
    try:
        assert started.wait(10)
        before = current_token()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")
            IndicatorFactory()  # a department's save, while the import is open
        assert current_token() != before
    finally:
        release.set()
        thread.join(15)
    assert not errors
