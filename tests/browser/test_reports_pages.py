"""The council pages in the browser: the table, a download from the button, the progress of a
build that is still running, a failure with its retry, the sentences to copy, the list of past
exports. Screenshots under screenshots/reports_*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.models import Membership, Role
from indicators.loading import load_dataset
from reports import services
from reports.models import Export, ExportStatus
from tests.conftest import screenshot

PASSWORD = "mat-khau-thu-nghiem-5"


@pytest.fixture
def office(transactional_db, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_dataset()
    user = django_user_model.objects.create_user(
        "tonghop", password=PASSWORD, first_name="Hà", last_name="Nguyễn"
    )
    Membership.objects.create(user=user, role=Role.REVIEWER)
    return user


def login(page, next_path: str) -> None:
    page.goto(f"{page.base_url}/accounts/login/?next={next_path}")
    page.fill("#id_username", "tonghop")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_load_state()


@pytest.mark.browser
def test_the_council_table_downloads_as_excel(page, office):
    login(page, "/reports/")
    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .startswith("Kết quả thực hiện các chỉ tiêu chủ yếu năm 2024")
    )
    budget = page.locator("tr", has_text="Thu ngân sách nhà nước trên địa bàn")
    assert "122,195" in budget.inner_text() and "67,1%" in budget.inner_text()
    screenshot(page, "reports_council_table")

    page.get_by_role("button", name="Excel (.xlsx)").click()
    page.wait_for_load_state()
    assert "/reports/exports/" in page.url
    link = page.get_by_role("link", name="Tải về Excel (.xlsx)")
    screenshot(page, "reports_export_done")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "phu-bieu-chi-tieu-chu-yeu-2024.xlsx"
    with open(download.path(), "rb") as f:
        assert f.read(2) == b"PK"

    page.get_by_role("link", name="Tệp đã xuất").click()
    page.wait_for_load_state()
    assert "Hà Nguyễn" in page.locator("table").inner_text()
    screenshot(page, "reports_export_list")


@pytest.mark.browser
def test_a_running_build_shows_progress_then_its_download(page, office, monkeypatch):
    # As with a broker and a busy worker: the request is queued and nothing builds it yet.
    monkeypatch.setattr(services, "_queue", lambda export_id: None)
    export, _ = services.export_request(user=office, format="pdf", year=2024, all_indicators=True)
    assert Export.objects.get(pk=export.pk).status == ExportStatus.PENDING
    login(page, f"/reports/exports/{export.pk}/")
    assert page.get_by_role("progressbar").is_visible()
    screenshot(page, "reports_export_progress")
    services.export_build(export_id=export.pk)  # the worker gets to it; the page notices
    page.get_by_role("link", name="Tải về PDF").wait_for(timeout=15000)
    assert "Đã xong" in page.content()


@pytest.mark.browser
def test_a_failed_build_says_why_and_retries(page, office):
    export, _ = services.export_request(user=office, format="docx", year=2024)
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.FAILED, error="Không tạo được tệp: OSError: đĩa đầy"
    )
    login(page, f"/reports/exports/{export.pk}/")
    assert "đĩa đầy" in page.get_by_role("alert").inner_text()
    screenshot(page, "reports_export_failed")
    page.get_by_role("button", name="Thử lại").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Tải về Word (.docx)").wait_for(timeout=15000)


@pytest.mark.browser
def test_the_sentences_page_copies_the_text(page, office):
    login(page, "/reports/sentences/")
    results = page.locator("#results")
    assert "(1). Thu nhập bình quân đầu người ước thực hiện 62 triệu đồng/người/năm" in (
        results.inner_text()
    )
    assert (
        "Có 01 chỉ tiêu chủ yếu và 02 chỉ tiêu thành phần"
        in page.locator("#shortfalls").inner_text()
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    button = page.locator("[data-copy-target=results]")
    button.click()
    expect(button).to_have_text("Đã sao chép")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("(1). Thu nhập bình quân đầu người")
    screenshot(page, "reports_sentences")
