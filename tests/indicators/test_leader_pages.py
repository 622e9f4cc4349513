"""The pages a leader reads: the main-indicator table, the reasons beside a shortfall, the way
from a sector to its sub-sectors, search ranking."""

from __future__ import annotations

import re

import pytest

from indicators.models import Indicator


def table_html(html: str, table_id: str) -> str:
    match = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S)
    assert match, table_id
    return match.group(0)


def test_main_indicator_groups_carry_their_names(client, lai_chau):
    html = table_html(client.get("/", {"year": 2024}).content.decode(), "main-indicators")
    groups = re.findall(r'<tr class="table-group-divider main-group"><th[^>]*>(.*?)</th>', html)
    assert len(groups) == 8
    assert " ".join(groups[1].split()) == "(2) Thu ngân sách nhà nước trên địa bàn"
    assert all(len(g.split()) > 1 for g in groups)  # a number and a name, never "(n)" alone


def test_the_change_column_is_dropped_when_no_main_indicator_has_one(client, lai_chau):
    response = client.get("/", {"year": 2024})
    assert not response.context["summary"].main_has_change
    assert "So cùng kỳ" not in table_html(response.content.decode(), "main-indicators")


@pytest.mark.django_db
def test_the_change_column_is_shown_when_a_main_indicator_has_one(client):
    from decimal import Decimal as D

    from tests.factories import IndicatorFactory, TargetFactory, ValueFactory

    indicator = IndicatorFactory(is_main=True, council_group=1)
    TargetFactory(indicator=indicator, year=2024, value=D("100"))
    ValueFactory(indicator=indicator, year=2024, value=D("110"))
    ValueFactory(indicator=indicator, year=2023, value=D("100"), kind="actual")
    html = table_html(client.get("/", {"year": 2024}).content.decode(), "main-indicators")
    assert "So cùng kỳ" in html and "+10,0%" in html


def test_next_plan_of_a_rate_is_a_difference_in_points(client, lai_chau):
    html = table_html(client.get("/", {"year": 2024}).content.decode(), "main-indicators")
    ehr = Indicator.objects.get(name__startswith="Tỷ lệ dân số được quản lý bằng hồ sơ")
    row = re.search(rf"<tr>\s*<td><a href=\"/indicators/{ehr.code}/.*?</tr>", html, re.S)
    assert row
    assert "158,3%" not in row.group(0)
    assert "+35 điểm %" in row.group(0)
