import pytest

from tests.conftest import screenshot


@pytest.mark.browser
def test_login_page_renders_in_vietnamese(page):
    page.goto(page.base_url + "/accounts/login/")
    assert page.locator("h1").inner_text() == "Đăng nhập"
    assert page.locator("html").get_attribute("lang") == "vi"
    screenshot(page, "login")
