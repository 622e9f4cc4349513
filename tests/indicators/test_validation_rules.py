"""Checks on an entered figure: pure functions, no database."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.utils import translation

from indicators.validation_rules import check_range, rate_ceiling


@pytest.mark.parametrize(
    ("unit", "ceiling"),
    [("%", D("100")), (" % dân số", D("100")), ("‰", D("1000")), ("tỷ đồng", None), ("", None)],
)
def test_a_rate_cannot_exceed_its_whole(unit, ceiling):
    assert rate_ceiling(unit) == ceiling


@pytest.mark.parametrize(
    ("value", "unit", "message"),
    [
        ("100.1", "%", "Tỷ lệ phải nằm trong khoảng từ 0 đến 100%."),
        ("-1", "% dân số", "Tỷ lệ phải nằm trong khoảng từ 0 đến 100%."),
        ("1000.5", "‰", "Tỷ lệ phải nằm trong khoảng từ 0 đến 1.000‰."),
        ("-1", "người", "Số liệu này không thể âm."),
        ("100", "%", None),
        ("5000", "người", None),
    ],
)
def test_check_range_names_the_rates_own_symbol(value, unit, message):
    with translation.override("vi"):
        finding = check_range(D(value), unit)
    assert (finding.message if finding else None) == message
