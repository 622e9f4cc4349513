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


def test_long_names_wrap_whole_so_two_names_never_read_the_same():
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
    assert axis["ticktext"][0] != axis["ticktext"][1]
    shown = [t.replace("<br>", " ") for t in axis["ticktext"]]
    assert shown == [long + " mức độ II", long + " mức độ I"]  # whole names, on lines
    assert all(len(line) <= charts.NAME_LINE for t in axis["ticktext"] for line in t.split("<br>"))
    assert chart["layout"]["meta"]["names"] == shown  # for the phone's narrower wrap


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


def rate(code, name, points):
    r = row(code, name, yoy=points)
    r.indicator.unit = "%"
    r.is_rate = True
    return r


def test_percent_changes_and_points_of_rates_are_on_separate_charts():
    rows = [
        row("INCOME", "Thu nhập", yoy=D("8")),
        rate("HEALTH", "Tỷ lệ tham gia bảo hiểm y tế", D("0.13")),
    ]
    with translation.override("vi"):
        percent = charts.yoy_chart(rows)
        points = charts.yoy_points_chart(rows)
    assert percent["data"][0]["y"] == ["INCOME"]
    assert percent["layout"]["xaxis"]["ticksuffix"] == "%"
    assert points["data"][0]["y"] == ["HEALTH"]
    assert points["data"][0]["text"] == ["0,13 điểm %"]


def test_the_value_axis_leaves_room_for_labels_outside_the_bars_on_both_sides():
    rows = [row("UP", "Tăng", yoy=D("62.1")), row("DOWN", "Giảm", yoy=D("-85.6"))]
    with translation.override("vi"):
        axis = charts.yoy_chart(rows)["layout"]["xaxis"]
    low, high = axis["range"]
    assert low < -85.6 - 20 and high > 62.1 + 20
    completion = charts.completion_chart([row("A", "A", completion=D("21.1"))])
    assert completion["layout"]["xaxis"]["range"][1] > 100 + 15  # the 100% line and its label


def test_the_next_plan_chart_leaves_out_rates_whose_plan_is_in_points():
    income = row("INCOME", "Thu nhập")
    income.next_plan_vs_actual_pct, income.actual, income.next_plan = D("104.8"), D("62"), D("65")
    income.year = 2024
    health = rate("EHR", "Tỷ lệ dân số có hồ sơ sức khỏe điện tử", None)
    health.next_plan_vs_actual_pct, health.actual, health.next_plan = D("158.3"), D("60"), D("95")
    health.year = 2024
    with translation.override("vi"):
        bars = charts.next_plan_chart([income, health])["data"][0]
    assert bars["y"] == ["INCOME"]


def test_a_change_the_catalogue_calls_neutral_is_grey_not_red():
    detected = row("DETECTED", "Số vụ vi phạm về môi trường bị phát hiện", yoy=D("7.4"))
    detected.indicator.direction = "lower"
    detected.indicator.change_is_neutral = True
    crimes = row("CRIMES", "Số vụ phạm tội về trật tự xã hội", yoy=D("7.4"), direction="lower")
    crimes.indicator.change_is_neutral = False
    with translation.override("vi"):
        bars = charts.yoy_chart([detected, crimes])["data"][0]
    colours = dict(zip(bars["y"], bars["marker"]["color"], strict=True))
    assert colours == {"DETECTED": "#6c757d", "CRIMES": "#dc3545"}
