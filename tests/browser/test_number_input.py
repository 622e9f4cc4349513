"""Numbers typed in the browser, on a desktop and a phone: the quarterly form refuses
"228,643" lượt with both readings and "3,7" chương trình, and reads "98%" as 98; the admin's
target page asks for indicator, year and value first, finds the indicator typed without
diacritics, and stores "170,3" as 170,3. Screenshots under screenshots/numbers_*.png."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from accounts.management.commands.create_demo_accounts import DEMO_PASSWORD
from indicators.loading import load_dataset
from indicators.models import Indicator, Target
from tests.browser.test_entry_flow import screenshot_path
from tests.conftest import screenshot

FORM = "/entry/VHTT/2025/q3/"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEBUG = True  # as under `make run`; the command refuses otherwise
    load_dataset()
    call_command("create_demo_accounts", verbosity=0)
    settings.DEBUG = False


def login(page, username: str, next_path: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_entry_form_refuses_an_ambiguous_count_and_reads_a_percent_sign(
    page, demo, size, viewport
):
    page.set_viewport_size(viewport)
    visitors = Indicator.objects.get(code="KT-TM-KHACHDL")  # lượt
    programmes = Indicator.objects.get(code="VX-VH-CT-NGHETHUAT")  # chương trình
    rate = Indicator.objects.get(code="VX-VH-GDVH")  # %
    login(page, "vhtt.chuyenvien", FORM)
    page.fill(f"#id_value_{visitors.pk}", "228,643")
    page.fill(f"#id_value_{programmes.pk}", "3,7")
    page.fill(f"#id_value_{rate.pk}", "98%")
    page.get_by_role("button", name="Lưu nháp").click()

    assert "Chưa lưu gì" in page.locator("#form-errors").inner_text()
    assert page.locator(f"#err-{rate.pk}").count() == 0  # 98% is 98

    def reason(indicator: Indicator) -> str:
        """The reason on screen: under the row on a desktop, beside the figure on a phone."""
        where = (
            f"#err-{indicator.pk}"
            if size == "desktop"
            else f"#row-{indicator.pk} .invalid-feedback"
        )
        shown = page.locator(where)
        shown.scroll_into_view_if_needed()
        assert shown.is_visible()
        if size == "phone":  # the whole reason above the sticky buttons
            page.mouse.wheel(0, 200)
        return shown.inner_text()

    assert "228,643 hay 228.643?" in reason(visitors)
    page.screenshot(path=screenshot_path(f"numbers_entry_refused_{size}"))
    assert "số nguyên" in reason(programmes)
    page.screenshot(path=screenshot_path(f"numbers_entry_refused_count_{size}"))

    page.fill(f"#id_value_{visitors.pk}", "228.643")
    page.fill(f"#id_value_{programmes.pk}", "4")
    page.get_by_role("button", name="Lưu nháp").click()
    assert "Đã lưu nháp." in page.locator(".alert-success").inner_text()


def _pick(page, field: str, typed: str, option: str) -> None:
    """Choose in an admin autocomplete (select2) by typing."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).first.click()


@pytest.mark.browser
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_admin_adds_a_target_typed_the_vietnamese_way(page, demo, size, viewport):
    page.set_viewport_size(viewport)
    # The admin's pages link no icon, so the browser asks for /favicon.ico (a 404 that is not
    # what this test is about).
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    login(page, "quantri", "/admin/indicators/target/add/")
    screenshot(page, f"numbers_admin_target_add_{size}")
    value = page.locator("#id_value")
    assert value.get_attribute("type") == "text"
    assert value.get_attribute("inputmode") == "decimal"

    _pick(page, "indicator", "thu ngan sach nha nuoc tren dia ban", "Thu ngân sách nhà nước")
    page.fill("#id_year", "2026")
    page.fill("#id_value", "170,3")
    _pick(page, "report", "5268", "5268/BC-UBND")
    page.locator('input[name="_save"]').click()
    page.wait_for_load_state()
    screenshot(page, f"numbers_admin_target_saved_{size}")
    target = Target.objects.get(year=2026)
    assert target.value == Decimal("170.3")
    assert target.indicator.code == "KT-NS-THU-DIABAN"
