"""The migration to cumulative periods: every year and quarter figure stored before keeps its
meaning, and going back is refused while a cumulative figure would lose its period."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from tests.migrating import latest as migrations_latest
from tests.migrating import migrate

BEFORE = [("indicators", "0014_rollup_constraint_messages_in_vietnamese")]


@pytest.mark.django_db(transaction=True)
def test_year_and_quarter_figures_keep_their_meaning_and_cumulative_ones_block_going_back():
    latest = migrations_latest()
    before = migrate(BEFORE)
    Sector = before.get_model("indicators", "Sector")
    Indicator = before.get_model("indicators", "Indicator")
    Report = before.get_model("indicators", "SourceReport")
    Value = before.get_model("indicators", "Value")
    Target = before.get_model("indicators", "Target")
    indicator = Indicator.objects.create(
        code="A", name="A", unit="tỷ đồng", sector=Sector.objects.create(code="KT", name="KT")
    )
    report = Report.objects.create(number="1/BC")
    common = {"indicator": indicator, "report": report, "kind": "actual"}
    Value.objects.create(**common, year=2024, value=D(100))
    Value.objects.create(**common, year=2024, quarter=2, value=D(30))
    Target.objects.create(indicator=indicator, report=report, year=2024, value=D(120))

    after = migrate(latest)

    Value = after.get_model("indicators", "Value")
    Target = after.get_model("indicators", "Target")
    periods = set(Value.objects.values_list("year", "quarter", "months", "as_of", "value"))
    assert periods == {(2024, None, None, None, D(100)), (2024, 2, None, None, D(30))}
    assert set(Target.objects.values_list("months", "as_of")) == {(None, None)}
    # A cumulative figure now stands beside the year's and the quarter's.
    indicator = after.get_model("indicators", "Indicator").objects.get(code="A")
    report = after.get_model("indicators", "SourceReport").objects.get(number="1/BC")
    six = Value.objects.create(
        indicator=indicator, report=report, kind="actual", year=2024, months=6, value=D(55)
    )
    Value.objects.create(
        indicator=indicator, report=report, kind="actual", year=2024,
        as_of=date(2025, 1, 31), value=D(99),
    )  # fmt: skip

    with pytest.raises(RuntimeError, match="cumulative period"):
        migrate(BEFORE)
    Value.objects.filter(pk=six.pk).delete()
    Value.objects.filter(as_of__isnull=False).delete()
    back = migrate(BEFORE)
    assert back.get_model("indicators", "Value").objects.count() == 2
    migrate(latest)
