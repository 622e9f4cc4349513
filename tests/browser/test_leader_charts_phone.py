"""Charts and tables a leader reads, on a desktop and a phone: value labels inside the chart
and clear of the names, names taking at most about half a phone's chart, no toolbar over the
titles, and on a phone the tables show the actual and the plan within the screen's width."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# The boxes of a chart: its svg, the names' column, and every value label.
BOXES = """(id) => {
  const el = document.getElementById(id);
  const box = (n) => { const r = n.getBoundingClientRect(); return [r.left, r.right]; };
  return {
    chart: box(el.querySelector('svg.main-svg')),
    names: box(el.querySelector('.yaxislayer-above')),
    labels: [...el.querySelectorAll('.bartext')].map(box),
    modebar: !!el.querySelector('.modebar'),
  };
}"""


def drawn(page) -> None:
    page.wait_for_function(
        "document.querySelectorAll('[data-chart]').length === "
        "document.querySelectorAll('[data-chart][data-drawn]').length"
    )


def assert_labels_inside_and_clear_of_names(boxes) -> None:
    _left, right = boxes["chart"]
    names_right = boxes["names"][1]
    assert boxes["labels"]
    for label_left, label_right in boxes["labels"]:
        assert label_right <= right + 0.5, (label_right, right)  # not clipped at the edge
        assert label_left >= names_right - 0.5, (label_left, names_right)  # not over names


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE])
def test_chart_value_labels_stay_inside_and_off_the_names(page, lai_chau, viewport):
    page.set_viewport_size(viewport)
    page.goto(page.base_url + "/?year=2024")
    drawn(page)
    for chart in ("chart-completion", "chart-next-plan", "chart-yoy", "chart-yoy-points"):
        assert_labels_inside_and_clear_of_names(page.evaluate(BOXES, chart))


def test_on_a_phone_names_leave_the_bars_room_and_no_toolbar_covers_a_title(page, lai_chau):
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/?year=2024")
    drawn(page)
    for chart in ("chart-completion", "chart-next-plan", "chart-yoy"):
        boxes = page.evaluate(BOXES, chart)
        width = boxes["chart"][1] - boxes["chart"][0]
        names = boxes["names"][1] - boxes["names"][0]
        assert names <= 0.5 * width, (chart, names, width)
        assert not boxes["modebar"]


# Whether a table's cells for the actual and the plan are shown and inside the screen.
SHOWN = """(selector) => {
  const table = document.querySelector(selector);
  const head = [...table.querySelectorAll('thead th')].filter(th => th.offsetWidth > 0)
    .map(th => th.innerText.replace(/\\s+/g, ' ').trim());
  return {head, fits: table.getBoundingClientRect().right <= window.innerWidth,
          scroll: table.parentElement.scrollWidth <= table.parentElement.clientWidth};
}"""


def test_on_a_phone_the_dashboard_tables_show_actual_and_plan(page, lai_chau):
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/?year=2024")
    for selector in ("#main-indicators", "#not-achieved"):
        shown = page.evaluate(SHOWN, selector)
        assert any(h.startswith("Thực hiện") for h in shown["head"]), shown
        assert "Kế hoạch" in shown["head"], shown
        assert shown["fits"] and shown["scroll"], shown


def test_on_a_phone_the_sector_table_shows_its_figures_without_a_sideways_scroll(page, lai_chau):
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/sectors/KT/?year=2024")
    shown = page.evaluate(SHOWN, ".table-responsive table")
    assert {"Thực hiện", "Kế hoạch", "% so KH"} <= set(shown["head"]), shown
    assert shown["fits"] and shown["scroll"], shown
