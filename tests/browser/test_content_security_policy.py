"""The pages under the Content-Security-Policy they are served with: the charts still draw and
are styled, the year switch still sends its form, and the browser reports no violation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Collects every violation the browser reports, whether or not it also logs it.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


@pytest.fixture
def csp_page(page):
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page.add_init_script(RECORD_VIOLATIONS)
    page.csp_messages = messages
    return page


def assert_no_violation(page) -> None:
    assert page.evaluate("window.__cspViolations") == []
    assert [m for m in page.csp_messages if "Content Security Policy" in m or "CSP" in m] == []


def test_the_dashboard_draws_its_charts_under_the_policy(csp_page, lai_chau):
    page = csp_page
    response = page.goto(page.base_url + "/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy

    page.locator(".main-svg").first.wait_for(state="attached")
    assert page.locator(".js-plotly-plot .main-svg").count() >= 3
    # plotly's own rules came from the static stylesheet: its layers are stacked, not in a row.
    position = page.eval_on_selector(".main-svg", "svg => getComputedStyle(svg).position")
    assert position == "absolute"
    assert_no_violation(page)


def test_the_year_switch_sends_its_form_without_an_inline_handler(csp_page, lai_chau):
    page = csp_page
    page.goto(page.base_url + "/")
    select = page.locator("#year-select")
    other = select.locator("option:not([selected])").first.get_attribute("value")
    select.select_option(other)
    page.wait_for_url(f"**year={other}**")
    assert page.locator("#year-select").input_value() == other
    assert_no_violation(page)
