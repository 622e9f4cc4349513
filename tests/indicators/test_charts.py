"""Chart data built on the server: one bar per indicator, coloured by what the change means."""

from __future__ import annotations

from decimal import Decimal as D
from types import SimpleNamespace

from django.utils import translation

from indicators import charts


def row(code, name, *, yoy=None, completion=None, direction="higher"):
    indicator = SimpleNamespace(
        code=code, display_name=name, unit="vụ", decimals=0, direction=direction
    )
    return SimpleNamespace(
        indicator=indicator,
        is_rate=False,
        yoy_pct=yoy,
        yoy_points=None,
        change=yoy,
        completion_pct=completion,
        actual=D("1"),
        plan=D("1"),
        actual_kind="actual",
        status="achieved",
    )


def test_names_that_shorten_alike_keep_their_own_bars():
    long = "Tỷ lệ trường đạt chuẩn quốc gia trên địa bàn thành phố"
    rows = [
        row("A", long + " mức độ I", completion=D("100")),
        row("B", long + " mức độ II", completion=D("105.6")),
    ]
    with translation.override("vi"):
        chart = charts.completion_chart(rows)
    bars = chart["data"][0]
    assert bars["y"] == ["B", "A"]  # one category each, top to bottom as given
    axis = chart["layout"]["yaxis"]
    assert axis["tickvals"] == ["B", "A"]
    assert axis["ticktext"][0] == axis["ticktext"][1]  # same shortened label, two bars


def test_a_change_is_green_when_it_goes_the_good_way():
    rows = [
        row("INCOME", "Thu nhập", yoy=D("8")),
        row("DEATHS", "Số người chết do tai nạn giao thông", yoy=D("-33.3"), direction="lower"),
        row("CRASHES", "Số vụ tai nạn giao thông", yoy=D("37.5"), direction="lower"),
    ]
    with translation.override("vi"):
        bars = charts.yoy_chart(rows)["data"][0]
    colours = dict(zip(bars["y"], bars["marker"]["color"], strict=True))
    assert colours == {"INCOME": "#198754", "DEATHS": "#198754", "CRASHES": "#dc3545"}
    assert bars["text"] == ["37,5%", "-33,3%", "8,0%"]
