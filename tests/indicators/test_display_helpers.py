"""What pages show: a stated figure with its measure, periods as reports write them, and which
changes the dashboard chart keeps."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from indicators.templatetags.chitieu import period_label, stated


@pytest.mark.parametrize(
    ("metric", "figure", "decimals", "unit", "shown"),
    [
        ("completion", "102.7", 1, "triệu đồng", "102,7%"),
        ("yoy_pct", "2.3", 1, "lượt", "+2,3%"),
        ("yoy_pct", "-4.5", 1, "tấn", "−4,5%"),
        ("yoy_points", "0.13", 2, "‰", "+0,13 điểm ‰"),
        ("yoy_abs", "4475", 0, "tỷ đồng", "4.475 tỷ đồng"),
        ("completion", None, 1, "%", "–"),
    ],
)
def test_a_stated_figure_carries_its_measure(metric, figure, decimals, unit, shown):
    statement = SimpleNamespace(
        metric=metric,
        figure=None if figure is None else Decimal(figure),
        figure_decimals=decimals,
    )
    with translation.override("vi"):
        assert stated(statement, SimpleNamespace(unit=unit)) == shown


def test_periods_are_labelled_as_reports_write_them():
    with translation.override("vi"):
        assert period_label(SimpleNamespace(year=2025, quarter=3)) == "Quý III/2025"
        assert period_label(SimpleNamespace(year=2024, quarter=None)) == "2024"


def test_the_change_chart_keeps_the_largest_changes_in_catalogue_order(db):
    from indicators.selectors import largest_changes
    from tests.factories import IndicatorFactory, ValueFactory

    def indicator(code, change, order, parent=None):
        made = IndicatorFactory(code=code, order=order, parent=parent)
        ValueFactory(indicator=made, year=2023, value=Decimal(100))
        if change is not None:
            ValueFactory(indicator=made, year=2024, value=Decimal(100) + change)
        return made

    a = indicator("a", Decimal("5"), 1)
    indicator("b", Decimal("-40"), 2)
    indicator("c", None, 3)
    indicator("d", Decimal("90"), 4, parent=a)  # a component: not on the chart
    indicator("e", Decimal("12"), 5)
    indicator("f", Decimal("-12"), 6)  # as large as e's, later in the catalogue: kept first

    def codes(**kwargs):
        return [r.indicator.code for r in largest_changes(year=2024, baseline="council", **kwargs)]

    assert codes(limit=2) == ["b", "f"]
    assert codes() == ["a", "b", "e", "f"]
