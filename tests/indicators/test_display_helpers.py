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


def test_the_change_chart_keeps_the_largest_changes_in_catalogue_order():
    from indicators.selectors import largest_changes

    def row(code, change, parent_id=None):
        indicator = SimpleNamespace(code=code, parent_id=parent_id)
        return SimpleNamespace(
            indicator=indicator, is_rate=False, yoy_pct=change, yoy_points=None, change=change
        )

    rows = [
        row("a", Decimal("5")),
        row("b", Decimal("-40")),
        row("c", None),
        row("d", Decimal("90"), parent_id=1),  # a component: not on the chart
        row("e", Decimal("12")),
    ]
    assert [r.indicator.code for r in largest_changes(rows, limit=2)] == ["b", "e"]
    assert [r.indicator.code for r in largest_changes(rows)] == ["a", "b", "e"]
