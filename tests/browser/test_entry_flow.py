"""The issue's "done when", tried in the browser with the demo accounts: a department enters
Quý III/2025 and submits; the reviewer returns it with a comment; the department fixes it and
resubmits; the reviewer approves; the figures are stored and published on the indicator page;
the history shows who changed what. A screenshot at each step (screenshots/entry_*.png)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.management.commands.create_demo_accounts import DEMO_PASSWORD
from entry.models import QuarterSubmission, SubmissionStatus
from indicators.loading import load_dataset
from indicators.models import Indicator, Value
from tests.conftest import SCREENSHOTS, screenshot

DEPARTMENT = "VHTT"  # Phòng Văn hóa - Thông tin
FORM = f"/entry/{DEPARTMENT}/2025/q3/"


def screenshot_path(name: str) -> str:
    """A viewport-sized screenshot (the full page is long: 30 indicators)."""
    import os

    os.makedirs(SCREENSHOTS, exist_ok=True)
    return os.path.join(SCREENSHOTS, f"{name}.png")


def login(page, username: str, next_path: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_load_state()


def typed_figure(indicator: Indicator, n: int) -> str:
    """A plausible Vietnamese-typed figure: rates below 100, counts with thousands."""
    if indicator.is_rate:
        return f"{80 + n % 15},5"
    return f"{1 + n % 9}.{100 + n:03d}"


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEBUG = True  # as under `make run`; the command refuses otherwise
    load_dataset()
    call_command("create_demo_accounts", verbosity=0)
    settings.DEBUG = False


@pytest.mark.browser
def test_a_quarter_goes_from_entry_through_return_to_approval(page, demo):
    indicators = list(
        Indicator.objects.filter(department__code=DEPARTMENT).order_by("order", "code")
    )
    assert len(indicators) >= 5

    # 1. The department's staff member opens the entry page and goes to Quý III/2025.
    login(page, "vhtt.chuyenvien", "/entry/")
    assert "Nhập số liệu · Phòng Văn hóa - Thông tin" in page.locator("h1").inner_text()
    page.get_by_role("link", name="← 2025").click()
    screenshot(page, "entry_1_department_quarters")
    page.locator("tr", has_text="Quý III/2025").get_by_role("link").click()
    assert page.locator("h1").inner_text() == "Phòng Văn hóa - Thông tin · Quý III/2025"

    # 2. Types every figure; one is typed the English way and is refused, nothing is saved.
    page.fill("#id_report_number", "15/BC-VHTT")
    for n, indicator in enumerate(indicators):
        page.fill(f"#id_value_{indicator.pk}", typed_figure(indicator, n))
    first = indicators[0]
    page.fill(f"#id_value_{first.pk}", "12,345.6")
    page.get_by_role("button", name="Lưu nháp").click()
    assert "Chưa lưu gì" in page.locator("#form-errors").inner_text()
    assert "kiểu tiếng Anh" in page.locator(f"#err-{first.pk}").inner_text()
    screenshot(page, "entry_2_malformed_number_refused")
    assert not Value.objects.filter(entry__isnull=False).exists()

    page.fill(f"#id_value_{first.pk}", "12.345")
    page.get_by_role("button", name="Lưu nháp").click()
    assert "Đã lưu nháp." in page.locator(".alert-success").inner_text()
    screenshot(page, "entry_3_draft_saved")
    assert Value.objects.filter(entry__isnull=False).count() == len(indicators)
    assert Value.objects.get(indicator=first, entry__isnull=False).value == Decimal("12345")

    # 3. The head of the department submits.
    login(page, "vhtt.truongphong", FORM)
    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    assert "Đã gửi số liệu để thẩm định." in page.locator(".alert-success").inner_text()
    assert "Đã gửi, chờ duyệt" in page.locator("h1 + .badge, .status-badge").first.inner_text()
    screenshot(page, "entry_4_submitted")

    # 4. The reviewer sees the board, opens the department and returns it with a comment.
    login(page, "thamdinh", "/review/2025/q3/")
    row = page.locator(f"#dept-{DEPARTMENT}")
    assert "Đã gửi, chờ duyệt" in row.inner_text()
    screenshot(page, "entry_5_review_board")
    row.get_by_role("link", name="Thẩm định").click()
    page.get_by_role("button", name="Trả lại cho phòng").click()
    assert "Hãy ghi rõ lý do trả lại." in page.locator("#review-title + .row").inner_text()
    page.locator("#review-title").scroll_into_view_if_needed()
    page.screenshot(path=screenshot_path("entry_5b_return_needs_a_comment"))
    comment = f"Số liệu “{first.name}” chưa khớp báo cáo 15/BC-VHTT, đề nghị kiểm tra lại."
    page.fill("#id_comment", comment)
    page.get_by_role("button", name="Trả lại cho phòng").click()
    assert "Bị trả lại" in page.locator(f"#dept-{DEPARTMENT}").inner_text()
    screenshot(page, "entry_6_returned_on_board")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["vhtt.chuyenvien@demo.invalid", "vhtt.truongphong@demo.invalid"]
    assert comment in mail.outbox[0].body

    # 5. The department reads the comment, fixes the figure, explains, and resubmits.
    login(page, "vhtt.truongphong", FORM)
    assert comment in page.locator("#return-comment").inner_text()
    page.fill(f"#id_value_{first.pk}", "12.543")
    page.fill(f"#id_note_{first.pk}", "Sửa theo báo cáo 15/BC-VHTT (gõ nhầm hàng trăm).")
    screenshot(page, "entry_7_fixing_after_return")
    page.get_by_role("button", name="Lưu và gửi duyệt lại").click()
    assert "Đã gửi số liệu để thẩm định." in page.locator(".alert-success").inner_text()

    # 6. The reviewer approves: the quarter is locked.
    login(page, "thamdinh", FORM)
    page.get_by_role("button", name="Duyệt và khóa").click()
    assert "Đã duyệt" in page.locator(f"#dept-{DEPARTMENT}").inner_text()
    screenshot(page, "entry_8_approved_on_board")
    submission = QuarterSubmission.objects.get(department__code=DEPARTMENT, year=2025, quarter=3)
    assert submission.status == SubmissionStatus.APPROVED
    fixed = Value.objects.get(indicator=first, entry__submission=submission)
    assert (fixed.value, fixed.kind, fixed.report.number) == (
        Decimal("12543"),
        "estimate",
        "15/BC-VHTT",
    )
    login(page, "vhtt.truongphong", FORM)
    assert page.locator(f"#id_value_{first.pk}").count() == 0  # locked: no inputs any more
    assert "đã được duyệt và khóa" in page.locator(".alert-success").inner_text()

    # 7. The approved figure is published: the indicator page (where the dashboard links)
    # shows it in the quarter's row, and the dashboard of 2025 counts the quarter.
    page.goto(f"{page.base_url}/indicators/{first.code}/")
    screenshot(page, "entry_9_indicator_page")
    assert "12.543" in page.locator("#values").inner_text()
    assert "Quý III/2025" in page.locator("#values").inner_text()

    # 8. The history says who changed what, from what to what, and why.
    page.goto(f"{page.base_url}/entry/history/{first.code}/")
    history = page.locator("#history").inner_text()
    assert "Chuyên viên Phòng Văn hóa - Thông tin" in history
    assert "Lãnh đạo Phòng Văn hóa - Thông tin" in history
    assert "12.345 → 12.543" in history
    assert "Sửa theo báo cáo 15/BC-VHTT" in history
    assert "Đã gửi, chờ duyệt → Bị trả lại" in history
    assert "Chuyên viên tổng hợp, thẩm định" in history
    screenshot(page, "entry_10_history")
