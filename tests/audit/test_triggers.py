"""Every change to a table that feeds a published figure is in its history, whatever wrote it,
with who and why; history rows are never changed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction

from audit import triggers
from audit.context import acting_as, because, recorded
from audit.models import ChangeAuthor
from indicators.models import Direction, Indicator, Value
from tests.factories import IndicatorFactory, SourceReportFactory, UserFactory, ValueFactory

pytestmark = pytest.mark.django_db

# The tables a published figure is computed, labelled or attributed from.
FEEDS_A_PUBLISHED_FIGURE = {
    "indicators_sourcereport",
    "indicators_sector",
    "indicators_department",
    "indicators_indicator",
    "indicators_unit",
    "indicators_target",
    "indicators_value",
    "indicators_statement",
    "entry_quartersubmission",
    "entry_enteredvalue",
    "accounts_membership",
}


def test_every_table_that_feeds_a_published_figure_is_audited_by_a_trigger():
    audited = triggers.audited_tables()
    assert {t.table for t in audited} >= FEEDS_A_PUBLISHED_FIGURE
    # After `migrate`, each has its triggers, and so has its history table.
    with_triggers = {table for table, _name in triggers.installed()}
    for table in audited:
        assert {table.table, table.history_table} <= with_triggers


def test_every_history_in_the_project_is_written_by_the_database():
    """A history declared with plain `HistoricalRecords()` would be written by Python only, and
    a bulk write would skip it."""
    for model in apps.get_models():
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager is not None:
            assert issubclass(getattr(model, manager).model, ChangeAuthor), model


def test_a_bulk_create_and_a_queryset_update_are_recorded_with_who_and_why():
    indicator = IndicatorFactory()
    report = SourceReportFactory()
    user = UserFactory(username="thamdinh", first_name="Lò Thị", last_name="Hoa")
    with recorded(user, "Nhập từ tệp"):
        created = Value.objects.bulk_create(
            Value(indicator=indicator, year=year, value=Decimal(year), report=report)
            for year in (2023, 2024)
        )
        Value.objects.filter(indicator=indicator).update(value=Decimal("7.5"))
    history = Value.history.filter(indicator_id=indicator.pk).order_by("history_id")
    assert [(h.id, h.history_type, h.value) for h in history] == [
        (created[0].pk, "+", Decimal(2023)),
        (created[1].pk, "+", Decimal(2024)),
        (created[0].pk, "~", Decimal("7.5")),
        (created[1].pk, "~", Decimal("7.5")),
    ]
    assert {
        (h.history_user_id, h.history_username, h.history_user_name, h.history_change_reason)
        for h in history
    } == {(user.pk, "thamdinh", "Lò Thị Hoa", "Nhập từ tệp")}


def test_an_indicators_direction_flipped_by_an_update_is_visible():
    indicator = IndicatorFactory(direction=Direction.HIGHER)
    Indicator.objects.filter(pk=indicator.pk).update(direction=Direction.LOWER)
    directions = Indicator.history.filter(id=indicator.pk).order_by("history_id")
    assert [(h.history_type, h.direction) for h in directions] == [
        ("+", Direction.HIGHER),
        ("~", Direction.LOWER),
    ]


def test_raw_sql_and_deletes_are_recorded_and_a_write_that_changes_nothing_is_not():
    value = ValueFactory(value=Decimal(5))
    table = connection.ops.quote_name(Value._meta.db_table)
    with because("Sửa tay"), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET value = %s WHERE id = %s", [Decimal(6), value.pk])
    Value.objects.filter(pk=value.pk).update(value=Decimal(6))  # the same figure again
    Value.objects.filter(pk=value.pk).delete()
    history = Value.history.filter(id=value.pk).order_by("history_id")
    assert [(h.history_type, h.value, h.history_change_reason) for h in history] == [
        ("+", Decimal(5), None),
        ("~", Decimal(6), "Sửa tay"),
        ("-", Decimal(6), None),
    ]


def test_deleting_a_user_keeps_who_made_their_changes():
    user = UserFactory(username="kte.chuyenvien", first_name="Vàng A", last_name="Páo")
    with acting_as(user):
        value = ValueFactory()
    user_id = user.pk
    get_user_model().objects.filter(pk=user_id).delete()
    record = Value.history.get(id=value.pk)
    assert (record.history_user_id, record.history_username, record.history_who) == (
        user_id,
        "kte.chuyenvien",
        "Vàng A Páo",
    )
    assert record.history_user is None  # the account is gone; the name is not


def test_history_rows_cannot_be_changed():
    value = ValueFactory()
    with pytest.raises(DatabaseError), transaction.atomic():
        Value.history.filter(id=value.pk).update(value=Decimal(1))
    assert Value.history.get(id=value.pk).value == value.value


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the test runner empties SQLite with DELETE; PostgreSQL refuses deletes too",
)
def test_history_rows_cannot_be_deleted_on_postgresql():
    value = ValueFactory()
    with pytest.raises(DatabaseError), transaction.atomic():
        Value.history.filter(id=value.pk).delete()
    assert Value.history.filter(id=value.pk).exists()


def test_a_change_rolled_back_leaves_no_history_and_its_author_does_not_stick():
    first = UserFactory(username="nguoi-thu-nhat")
    value = ValueFactory(value=Decimal(1))
    with pytest.raises(RuntimeError), transaction.atomic(), acting_as(first):
        Value.objects.filter(pk=value.pk).update(value=Decimal(2))
        raise RuntimeError
    Value.objects.filter(pk=value.pk).update(value=Decimal(3))
    history = Value.history.filter(id=value.pk).order_by("history_id")
    assert [(h.value, h.history_username) for h in history] == [
        (Decimal(1), ""),
        (Decimal(3), ""),
    ]


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_author_is_kept_for_that_statement_only():
    """In autocommit a statement is its own transaction: the author is set around it and
    cleared after, so a later write by nobody in particular is not put on them."""
    user = UserFactory(username="mot-lenh")
    value = ValueFactory(value=Decimal(1))
    with acting_as(user):
        Value.objects.filter(pk=value.pk).update(value=Decimal(2))
    Value.objects.filter(pk=value.pk).update(value=Decimal(3))
    history = Value.history.filter(id=value.pk).order_by("history_id")
    assert [(h.value, h.history_username) for h in history] == [
        (Decimal(1), ""),
        (Decimal(2), "mot-lenh"),
        (Decimal(3), ""),
    ]


def test_one_statement_over_many_rows_records_exactly_the_rows_it_changed():
    # On PostgreSQL the history is written once per statement, from its transition tables.
    indicator = IndicatorFactory()
    report = SourceReportFactory()
    values = [
        ValueFactory(indicator=indicator, year=year, value=Decimal(v), report=report)
        for year, v in ((2022, 7), (2023, 5), (2024, 7))
    ]
    with because("Sửa hàng loạt"):
        Value.objects.filter(indicator=indicator).update(value=Decimal(7))
        Value.objects.filter(indicator=indicator, year__gte=2023).delete()
    history = Value.history.filter(indicator_id=indicator.pk, history_change_reason__isnull=False)
    assert sorted((h.id, h.history_type, h.value) for h in history) == sorted(
        [
            (values[1].pk, "~", Decimal(7)),  # 2022 and 2024 already held 7: no change
            (values[1].pk, "-", Decimal(7)),
            (values[2].pk, "-", Decimal(7)),
        ]
    )
