"""Template filters that show figures: a report's stated figure says what it measures."""

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
