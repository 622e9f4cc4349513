"""indicators.bulk_writes: many rows in one statement, each with its history."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators import bulk_writes
from indicators.models import Value
from tests.factories import IndicatorFactory, SourceReportFactory


@pytest.mark.django_db
def test_updating_a_few_rows_is_one_statement_and_each_row_gets_its_history():
    report = SourceReportFactory()
    first, second = IndicatorFactory(), IndicatorFactory()
    values = [
        Value.objects.create(indicator=first, year=2024, value=Decimal("1"), report=report),
        Value.objects.create(
            indicator=second, year=2024, value=Decimal("2"), numerator=Decimal("3"), report=report
        ),
    ]
    user = get_user_model().objects.create_user("pkt", password="x")
    # The first row's numerator is NULL: PostgreSQL would type that VALUES column as text.
    values[0].value, values[0].numerator, values[0].note = Decimal("170.3"), None, "sửa"
    values[1].value, values[1].numerator = Decimal("12.345678"), Decimal("590")
    with CaptureQueriesContext(connection) as queries:
        bulk_writes.update_objects(
            values, ["value", "numerator", "note"], user=user, reason="Lưu nháp"
        )
    updates = [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1

    stored = {v.pk: v for v in Value.objects.all()}
    assert stored[values[0].pk].value == Decimal("170.3")
    assert stored[values[0].pk].numerator is None
    assert stored[values[0].pk].note == "sửa"
    assert stored[values[1].pk].value == Decimal("12.345678")
    assert stored[values[1].pk].numerator == Decimal("590")
    changes = Value.history.filter(history_type="~").order_by("id")
    assert [(h.id, h.value, h.history_username, h.history_change_reason) for h in changes] == [
        (values[0].pk, Decimal("170.3"), "pkt", "Lưu nháp"),
        (values[1].pk, Decimal("12.345678"), "pkt", "Lưu nháp"),
    ]


@pytest.mark.django_db
def test_updating_more_rows_than_fit_in_one_statement_updates_them_all(monkeypatch):
    monkeypatch.setattr(bulk_writes, "MAX_PARAMS", 8)  # two rows of (id, value, note) a batch
    report = SourceReportFactory()
    indicator = IndicatorFactory()
    values = [
        Value.objects.create(indicator=indicator, year=2000 + n, value=Decimal(n), report=report)
        for n in range(5)
    ]
    for v in values:
        v.value += 100
    bulk_writes.update_objects(values, ["value"], user=None, reason="")
    assert sorted(Value.objects.values_list("value", flat=True)) == [
        Decimal(n + 100) for n in range(5)
    ]
