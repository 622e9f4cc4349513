"""The published pages in Chromium: they draw their charts, log no console error, and a number
on the dashboard leads to the sentence of the report it came from in two clicks."""

from __future__ import annotations

import pytest

from indicators.models import Indicator
from tests.conftest import screenshot

pytestmark = pytest.mark.browser


def charts_drawn(page) -> int:
    page.wait_for_function(
        "document.querySelectorAll('[data-chart]').length === "
        "document.querySelectorAll('[data-chart][data-drawn]').length"
    )
    return page.locator(".js-plotly-plot").count()


def test_dashboard_draws_its_charts_and_leads_to_the_source_sentence(page, lai_chau):
    page.goto(page.base_url + "/")
    assert page.locator("#headline").inner_text().count("/") == 1
    assert charts_drawn(page) >= 3
    assert page.locator("#not-achieved tbody tr").count() >= 3
    screenshot(page, "dashboard")

    budget = Indicator.objects.get(council_group=2)
    page.locator("#not-achieved").get_by_role("link", name=budget.name).click()  # click 1
    page.wait_for_url(f"**/indicators/{budget.code}/**")
    assert charts_drawn(page) == 1
    first_value = page.locator("#values details").first
    first_value.locator("summary").click()  # click 2
    quote = first_value.locator(".quote")
    assert quote.is_visible()
    shown = quote.inner_text().strip("“”")
    assert shown in {v.quote for v in budget.values.all()}
    screenshot(page, "indicator")


def test_sector_page_filters_and_draws(page, lai_chau):
    page.goto(page.base_url + "/sectors/VX/")
    rows_before = page.locator("table.table tbody tr").count()
    page.select_option("#id_status", "not_achieved")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**status=not_achieved**")
    rows_after = page.locator("table.table tbody tr").count()
    assert 0 < rows_after < rows_before
    assert charts_drawn(page) == 1
    screenshot(page, "sector")


def test_search_without_diacritics_and_english_switch(page, lai_chau):
    page.goto(page.base_url + "/")
    page.fill("input[name=q]", "ho ngheo")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/**")
    assert page.locator("#results li a").count() >= 1
    assert "nghèo" in page.locator("#results").inner_text()
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"


def test_dashboard_fits_a_phone(page, lai_chau):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/")
    charts_drawn(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    screenshot(page, "dashboard_phone")
