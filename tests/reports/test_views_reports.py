"""The council pages through the test client: login, what they show, a fixed number of queries,
the export flow from the button to the download, the list of past exports and its downloads."""

from __future__ import annotations

import csv
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Membership, Role
from reports.models import Export, ExportStatus
from tests.factories import DepartmentFactory, IndicatorFactory, TargetFactory, ValueFactory


@pytest.fixture
def data(income):
    budget = IndicatorFactory(
        code="BUDGET",
        name="Thu ngân sách",
        unit="tỷ đồng",
        is_main=True,
        council_group=2,
        decimals=3,
    )
    TargetFactory(indicator=budget, value=D("182"))
    ValueFactory(indicator=budget, value=D("122.195"))
    return income.indicator


@pytest.fixture
def clerk(client, django_user_model):
    """The planning office's reviewer, who makes the council's files."""
    user = django_user_model.objects.create_user("thuy", first_name="Thủy", last_name="Lê")
    Membership.objects.create(user=user, role=Role.REVIEWER)
    client.force_login(user)
    return user


def _create(client, **fields):
    form = {"year": 2024, "baseline": "council", "scope": "main", "kind": "table", "format": "xlsx"}
    return client.post(reverse("reports:export_create"), {**form, **fields})


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (None, False),
        (Role.STAFF, False),
        (Role.HEAD, False),
        (Role.REVIEWER, True),
        (Role.LEADERSHIP, True),
        (Role.ADMIN, True),
    ],
)
def test_council_pages_and_downloads_are_for_the_roles_that_use_them(
    client, data, django_user_model, django_capture_on_commit_callbacks, role, allowed
):
    maker = django_user_model.objects.create_user("maker")
    Membership.objects.create(user=maker, role=Role.REVIEWER)
    client.force_login(maker)
    with django_capture_on_commit_callbacks(execute=True):
        _create(client)
    export = Export.objects.get()
    user = django_user_model.objects.create_user("reader")
    if role is not None:
        department = DepartmentFactory() if role in (Role.STAFF, Role.HEAD) else None
        Membership.objects.create(user=user, role=role, department=department)
    client.force_login(user)

    urls = [
        reverse("reports:index"),
        reverse("reports:sentences"),
        reverse("reports:export_list"),
        reverse("reports:export_detail", args=[export.pk]),
        reverse("reports:export_download", args=[export.pk]),
    ]
    codes = {url: client.get(url).status_code for url in urls}
    assert codes == dict.fromkeys(urls, 200 if allowed else 403)
    before = Export.objects.count()
    assert _create(client, format="csv").status_code == (302 if allowed else 403)
    assert Export.objects.count() == before + (1 if allowed else 0)


@pytest.mark.parametrize("name", ["reports:index", "reports:sentences", "reports:export_list"])
def test_pages_need_a_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_downloads_need_a_login(
    client, data, django_user_model, django_capture_on_commit_callbacks
):
    user = django_user_model.objects.create_user("x")
    Membership.objects.create(user=user, role=Role.LEADERSHIP)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        _create(client)
    client.logout()
    export = Export.objects.get()
    response = client.get(reverse("reports:export_download", args=[export.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_council_page_shows_the_table_in_a_fixed_number_of_queries(
    client, data, clerk, django_assert_num_queries
):
    # 1 session, 2 user, 3 the user's role, 4 years with values, 5 indicators, 6 values,
    # 7 targets (the council table's three), 8 recent exports with their makers.
    with django_assert_num_queries(8):
        response = client.get(reverse("reports:index"), {"year": 2024})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thu ngân sách" in html and "122,195" in html and "67,1%" in html
    assert "Kế hoạch (NQ HĐND)" in html
    assert 'name="format" value="pdf"' in html


def test_the_council_page_refuses_an_unknown_year(client, data, clerk):
    assert client.get(reverse("reports:index"), {"year": 1999}).status_code == 404


def test_the_sentences_page_shows_the_generated_text(
    client, data, clerk, django_assert_num_queries
):
    # 1 session, 2 user, 3 the user's role, 4 years, 5–7 the council table.
    with django_assert_num_queries(7):
        response = client.get(reverse("reports:sentences"))
    html = response.content.decode()
    assert "(1). Thu nhập bình quân đầu người ước thực hiện 62 triệu đồng/người/năm, " in html
    assert "đạt kế hoạch giao." in html
    assert "Có 01 chỉ tiêu chủ yếu không đạt kế hoạch đề ra gồm: Thu ngân sách" in html


def test_asking_for_a_file_leads_to_its_download(
    client, data, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _create(client, format="xlsx")
    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:export_detail", args=[export.pk])
    page = client.get(response["Location"]).content.decode()
    assert reverse("reports:export_download", args=[export.pk]) in page
    assert "Thủy Lê" in page

    download = client.get(reverse("reports:export_download", args=[export.pk]))
    assert download["Content-Disposition"] == (
        'attachment; filename="phu-bieu-chi-tieu-chu-yeu-2024.xlsx"'
    )
    body = b"".join(download.streaming_content)
    assert load_workbook(io.BytesIO(body)).active["B12"].value == "Thu nhập bình quân đầu người"


def test_asking_twice_says_the_file_is_reused(
    client, data, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _create(client)
    response = _create(client)
    assert Export.objects.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "dùng lại tệp đó, không tạo lại" in page


def test_the_status_view_reports_progress_and_failure(
    client, data, clerk, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=False):
        _create(client, format="pdf")
    export = Export.objects.get()
    url = reverse("reports:export_status", args=[export.pk])
    # 1 session, 2 user, 3 the user's role, 4 the export.
    with django_assert_num_queries(4):
        pending = client.get(url).json()
    assert pending["status"] == "pending" and pending["download_url"] is None
    assert 0 < pending["progress"] < 100
    Export.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED, error="Lỗi thử")
    failed = client.get(url).json()
    assert failed["error"] == "Lỗi thử" and failed["can_retry"]
    page = client.get(reverse("reports:export_detail", args=[export.pk])).content.decode()
    assert "Lỗi thử" in page and reverse("reports:export_retry", args=[export.pk]) in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:export_retry", args=[export.pk]))
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE
    assert client.get(url).json()["download_url"].endswith("/download/")


def test_an_unfinished_export_cannot_be_downloaded(
    client, data, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        _create(client)
    export = Export.objects.get()
    assert client.get(reverse("reports:export_download", args=[export.pk])).status_code == 404


def test_the_sentences_download_is_word_only(client, data, clerk):
    response = _create(client, kind="sentences", format="pdf")
    assert response.status_code == 302 and response["Location"] == reverse("reports:index")
    assert not Export.objects.exists()


@pytest.fixture
def three_exports(client, data, clerk, django_user_model, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _create(client, format="xlsx")
        _create(client, format="csv")
    other = django_user_model.objects.create_user("nam", first_name="Nam", last_name="Trần")
    Membership.objects.create(user=other, role=Role.ADMIN)
    client.force_login(other)
    with django_capture_on_commit_callbacks(execute=True):
        _create(client, format="docx")
    return other


def test_the_list_shows_who_made_each_export(client, three_exports, django_assert_num_queries):
    # 1 session, 2 user, 3 the user's role, 4 count for the paginator, 5 the page of exports
    # with their makers.
    with django_assert_num_queries(5):
        response = client.get(reverse("reports:export_list"))
    html = response.content.decode()
    assert html.count("Thủy Lê") == 2 and html.count("Nam Trần") == 1


def test_the_list_downloads_as_csv_and_excel_respecting_its_filters(client, three_exports):
    response = client.get(reverse("reports:export_list"), {"format": "xlsx", "_export": "csv"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "a byte-order mark for Excel"
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:2] == ["Tạo lúc", "Người tạo"]
    assert len(rows) == 2 and rows[1][1] == "Thủy Lê" and rows[1][-1].endswith(".xlsx")

    response = client.get(reverse("reports:export_list"), {"_export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Tệp đã xuất"  # a named sheet, not tablib's "Export Data"
    assert sheet.max_row == 4
    assert sheet.cell(2, 4).value in (2023, 2024) and sheet.cell(2, 4).number_format == "0"
    assert sorted(sheet.cell(r, 2).value for r in range(2, 5)) == ["Nam Trần", "Thủy Lê", "Thủy Lê"]


def test_the_export_page_takes_a_fixed_number_of_queries(
    client, data, clerk, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        _create(client, format="csv")
    export = Export.objects.get()
    # 1 session, 2 user, 3 the user's role, 4 the export with its maker (snapshot unread).
    with django_assert_num_queries(4):
        response = client.get(reverse("reports:export_detail", args=[export.pk]))
    assert "phu-bieu-chi-tieu-chu-yeu-2024.csv" in response.content.decode()
    download = client.get(reverse("reports:export_download", args=[export.pk]))
    body = b"".join(download.streaming_content)
    assert body.startswith("\ufeffSTT,Chỉ tiêu,ĐVT".encode())  # a table for people
