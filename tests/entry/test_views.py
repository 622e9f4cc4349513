"""The entry pages through the test client: what they show, what they save, and their queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import Role
from entry.models import QuarterSubmission, SubmissionStatus
from entry.selectors import indicator_history, quarter_entry
from indicators.models import Target, Value
from tests.builders import (
    QUARTER,
    YEAR,
    build_department,
    form_url,
    make_user,
    post_data,
    save,
    typed_for,
)
from tests.factories import SourceReportFactory


@pytest.mark.django_db
def test_the_form_shows_each_indicator_with_its_plan_last_quarter_and_last_year(client):
    department, indicators = build_department(2)
    Target.objects.create(
        indicator=indicators[0],
        year=YEAR,
        source="council",
        value=Decimal("4475"),
        report=SourceReportFactory(),
    )
    client.force_login(make_user(Role.STAFF, department))
    response = client.get(form_url(department))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Phòng Kinh tế · Quý III/2025" in html
    assert "KH năm 2025" in html and "Quý II/2025" in html and "Quý III/2024" in html
    assert "4.475" in html
    assert "Còn 2 chỉ tiêu chưa nhập" in html
    assert 'name="action" value="save"' in html
    assert 'value="submit"' in html  # staff enter and submit their own figures


@pytest.mark.django_db
def test_opening_the_form_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    department, indicators = build_department(40)
    user = make_user(Role.STAFF, department)
    save(user, department, typed_for(indicators))
    client.force_login(user)
    # session, user, membership, department, then the form: submission, indicators, plans,
    # values; the submission's status history.
    with django_assert_num_queries(9):
        response = client.get(form_url(department))
    assert response.status_code == 200


def _save_queries(client, n: int, code: str) -> int:
    department, indicators = build_department(n, code=code, name=f"Phòng {code}")
    user = make_user(Role.HEAD, department)
    client.force_login(user)
    entry = quarter_entry(department, YEAR, QUARTER)
    data = post_data(entry, typed_for(indicators), report_number="15/BC-PKT", action="save")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.post(form_url(department), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Value.objects.filter(entry__submission__department=department).count() == n
    return len(queries)


@pytest.mark.django_db
def test_saving_the_full_form_of_40_indicators_takes_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    department, indicators = build_department(40)
    user = make_user(Role.HEAD, department)
    client.force_login(user)
    save(user, department, typed_for(indicators))  # the draft exists: this save updates
    entry = quarter_entry(department, YEAR, QUARTER)
    data = post_data(
        entry, typed_for(indicators, offset=1), report_number="15/BC-PKT", action="submit"
    )
    # The request: session, user, department, membership (4). The form's reads: submission,
    # indicators, plans, values (4). The save, in a savepoint (2): lock the submission, read
    # its figures, look up the document, create it, update the 40 figures in one statement,
    # insert their 40 history rows in one, update the submission and insert its history row (8).
    # Submitting locks the quarter's figures in one statement (1). The data version changes
    # twice (2): after the figures are written, and after they are locked.
    with django_assert_max_num_queries(21):
        response = client.post(form_url(department), data)
    assert response.status_code == 302
    assert QuarterSubmission.objects.get().status == SubmissionStatus.SUBMITTED
    assert {v.report.number for v in Value.objects.filter(entry__isnull=False)} == {"15/BC-PKT"}


@pytest.mark.django_db
def test_saving_takes_the_same_number_of_queries_for_10_and_80_indicators(client):
    _save_queries(client, 1, "WARM")  # caches filled once per process (content types)
    assert _save_queries(client, 10, "FEW") == _save_queries(client, 80, "MANY")


@pytest.mark.django_db
def test_a_form_with_one_malformed_number_saves_nothing_and_says_why_on_that_field(client):
    department, indicators = build_department(3)
    client.force_login(make_user(Role.STAFF, department))
    entry = quarter_entry(department, YEAR, QUARTER)
    typed = typed_for(indicators)
    typed[indicators[1].pk] = "12,345.6"
    response = client.post(form_url(department), post_data(entry, typed, action="save"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa lưu gì" in html
    assert "viết theo kiểu tiếng Anh" in html
    assert 'value="12,345.6"' in html  # what was typed is kept for correcting
    assert not Value.objects.filter(entry__isnull=False).exists()
    assert not QuarterSubmission.objects.exists()


@pytest.mark.django_db
def test_the_second_of_two_concurrent_saves_is_shown_what_changed(client):
    department, indicators = build_department(2)
    staff = make_user(Role.STAFF, department)
    head = make_user(Role.HEAD, department)
    save(staff, department, {indicators[0].pk: "55", indicators[1].pk: "56"})
    opened = quarter_entry(department, YEAR, QUARTER)
    stale = post_data(opened, {indicators[0].pk: "58"}, action="save")
    save(head, department, {indicators[0].pk: "57"})

    client.force_login(staff)
    response = client.post(form_url(department), stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "người khác đã sửa" in html
    assert "Số bạn nhập" in html and "58 tỷ đồng" in html and "57 tỷ đồng" in html
    assert Value.objects.get(indicator=indicators[0], entry__isnull=False).value == 57

    # Saving the re-based form again knowingly replaces the other figure.
    rebased = {k: v for k, v in response.context["form"].data.items()}
    response = client.post(form_url(department), rebased)
    assert response.status_code == 302
    assert Value.objects.get(indicator=indicators[0], entry__isnull=False).value == 58


@pytest.mark.django_db
def test_the_department_follows_the_whole_review_through_the_pages(
    client, django_capture_on_commit_callbacks
):
    department, indicators = build_department(2)
    head = make_user(Role.HEAD, department)
    reviewer = make_user(Role.REVIEWER)
    client.force_login(head)
    entry = quarter_entry(department, YEAR, QUARTER)
    client.post(form_url(department), post_data(entry, typed_for(indicators), action="submit"))
    assert QuarterSubmission.objects.get().status == SubmissionStatus.SUBMITTED
    assert "đang chờ thẩm định" in client.get(form_url(department)).content.decode()

    client.force_login(reviewer)
    kwargs = {"department": department.code, "year": YEAR, "quarter": QUARTER}
    response = client.post(reverse("entry:submission_return", kwargs=kwargs), {})
    assert response.status_code == 200
    assert "Hãy ghi rõ lý do trả lại" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("entry:submission_return", kwargs=kwargs),
            {"comment": "Số quý III chưa khớp báo cáo 15/BC-PKT"},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1

    client.force_login(head)
    html = client.get(form_url(department)).content.decode()
    assert "Số quý III chưa khớp báo cáo 15/BC-PKT" in html
    assert "Lưu và gửi duyệt lại" in html

    entry = quarter_entry(department, YEAR, QUARTER)
    client.post(form_url(department), post_data(entry, typed_for(indicators, 2), action="submit"))
    client.force_login(reviewer)
    client.post(reverse("entry:submission_approve", kwargs=kwargs))
    assert QuarterSubmission.objects.get().status == SubmissionStatus.APPROVED
    html = client.get(form_url(department)).content.decode()
    assert "đã được duyệt và khóa" in html
    assert "Mở lại quý đã duyệt" in html
    assert "Quá trình thẩm định" in html


@pytest.mark.django_db
def test_the_review_board_lists_every_department_with_its_status_in_fixed_queries(
    client, django_assert_num_queries
):
    for n, code in enumerate(["KTE", "YTE", "GDDT"]):
        department, indicators = build_department(3, code=code, name=f"Phòng {code}")
        if n == 0:
            save(make_user(Role.HEAD, department), department, typed_for(indicators), submit=True)
    client.force_login(make_user(Role.REVIEWER))
    url = reverse("entry:review_board", kwargs={"year": YEAR, "quarter": QUARTER})
    # session, user, membership; departments, submissions, figures entered per department.
    with django_assert_num_queries(6):
        response = client.get(url)
    html = response.content.decode()
    assert "Thẩm định số liệu · Quý III/2025" in html
    assert html.count("Đã gửi, chờ duyệt") == 2  # the summary line and the KTE row
    assert html.count('name="deadline"') == 3


@pytest.mark.django_db
def test_the_reviewer_moves_a_deadline_from_the_board(client):
    department, _indicators = build_department(1)
    client.force_login(make_user(Role.REVIEWER))
    kwargs = {"department": department.code, "year": YEAR, "quarter": QUARTER}
    response = client.post(
        reverse("entry:submission_deadline", kwargs=kwargs), {"deadline": "2025-09-20"}
    )
    assert response.status_code == 302
    assert QuarterSubmission.objects.get().deadline == datetime.date(2025, 9, 20)
    response = client.post(
        reverse("entry:submission_deadline", kwargs=kwargs), {"deadline": "20/13/2025"}
    )
    assert QuarterSubmission.objects.get().deadline == datetime.date(2025, 9, 20)


@pytest.mark.django_db
def test_a_department_lands_on_its_quarters_and_the_reviewer_on_the_board(client):
    department, _indicators = build_department(1)
    client.force_login(make_user(Role.STAFF, department))
    response = client.get(reverse("entry:entry_index") + "?year=2025")
    html = response.content.decode()
    assert "Nhập số liệu · Phòng Kinh tế" in html
    assert html.count("Mở biểu nhập") == 4

    client.force_login(make_user(Role.REVIEWER))
    response = client.get(reverse("entry:entry_index"))
    assert response.status_code == 302
    assert "/review/" in response.url


# --- audit history -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_history_says_who_changed_which_figure_from_what_to_what_and_why(
    django_assert_num_queries,
):
    department, indicators = build_department(1)
    staff = make_user(Role.STAFF, department)
    head = make_user(Role.HEAD, department)
    reviewer = make_user(Role.REVIEWER)
    save(staff, department, {indicators[0].pk: "55"})
    note = "Số liệu của Cục Thống kê"
    save(head, department, {indicators[0].pk: "57,25"}, submit=True, note=note)
    from accounts.permissions import actor_for
    from entry import services

    services.submission_return(
        actor=actor_for(reviewer),
        user=reviewer,
        department=department,
        year=YEAR,
        quarter=QUARTER,
        comment="Xem lại số quý III",
    )
    # the indicator's values, its targets, its department's quarters
    with django_assert_num_queries(3):
        history = indicator_history(indicators[0])
    returned, changed, created = (
        history[0],
        next(e for e in history if e.action == "~" and e.new_value is not None),
        next(e for e in history if e.who == "staff-KTE" and e.new_value is not None),
    )
    assert (returned.who, returned.old_text, returned.new_text) == (
        "reviewer-all",
        "Đã gửi, chờ duyệt",
        "Bị trả lại",
    )
    assert returned.note == "Xem lại số quý III"
    assert (changed.who, changed.old_value, changed.new_value) == (
        "head-KTE",
        Decimal("55"),
        Decimal("57.25"),
    )
    assert changed.reason == "Gửi duyệt Quý III/2025"
    assert changed.note == "Số liệu của Cục Thống kê"
    assert changed.decimals == 2
    assert created.new_value == Decimal("55")

    request = RequestFactory().get("/")
    request.user = staff
    html = render_to_string(
        "entry/_history.html", {"history": history, "may_read": True, "user": staff}, request
    )
    assert "Lịch sử thay đổi" in html
    assert "55,00 → <strong>57,25 tỷ đồng</strong>" in html
    assert "Xem lại số quý III" in html


def test_the_history_is_not_shown_to_visitors_who_are_not_signed_in():
    from django.contrib.auth.models import AnonymousUser

    html = render_to_string("entry/_history.html", {"history": [], "user": AnonymousUser()})
    assert "Đăng nhập để xem" in html


@pytest.mark.django_db
def test_every_department_of_the_lai_chau_data_opens_its_form_in_the_same_queries(lai_chau, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from indicators.models import Department

    client.force_login(make_user(Role.LEADERSHIP))
    counts = {}
    for department in Department.objects.filter(indicators__isnull=False).distinct():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(form_url(department))
        assert response.status_code == 200
        html = response.content.decode()
        assert f"{department.name} · Quý III/2025" in html
        assert html.count('id="row-') == department.indicators.count()
        counts[department.code] = len(queries)
    assert len(set(counts.values())) == 1, counts


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [("own", 200), ("other", 403), ("leader", 200)])
def test_an_indicators_history_page_is_for_those_who_may_read_its_department(client, role, status):
    department, indicators = build_department(1)
    other, _ = build_department(1, code="YTE", name="Phòng Y tế")
    users = {
        "own": make_user(Role.STAFF, department),
        "other": make_user(Role.STAFF, other),
        "leader": make_user(Role.LEADERSHIP),
    }
    client.force_login(users[role])
    url = reverse("entry:entry_history", kwargs={"code": indicators[0].code})
    assert client.get(url).status_code == status


@pytest.mark.django_db(transaction=True)
def test_saving_a_draft_rewrites_no_rolled_up_figure(client):
    # Drafts are not published, so no rolled-up figure can change; rewriting every indicator's
    # rows after each save once cost a 78-indicator form 200 ms.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    department, indicators = build_department(6)
    user = make_user(Role.HEAD, department)
    client.force_login(user)
    save(user, department, typed_for(indicators))
    entry = quarter_entry(department, YEAR, QUARTER)
    data = post_data(entry, typed_for(indicators, offset=1), action="save")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(form_url(department), data)
    assert response.status_code == 302
    assert Value.objects.filter(entry__isnull=False, value=Decimal("52")).exists()
    touched = [q["sql"] for q in queries.captured_queries if "indicatorfigure" in q["sql"]]
    assert touched == []


@pytest.mark.django_db
def test_the_reviewer_sees_each_submitted_figure_at_the_precision_it_was_typed(client):
    department, indicators = build_department(2)
    amount = indicators[0]
    amount.decimals = 0  # the catalogue shows whole tỷ: 50,5 must still not read "51"
    amount.save(update_fields=["decimals"])
    head = make_user(Role.HEAD, department)
    client.force_login(head)
    entry = quarter_entry(department, YEAR, QUARTER)
    typed = {**typed_for(indicators), amount.pk: "50,5"}
    client.post(form_url(department), post_data(entry, typed, action="submit"))

    client.force_login(make_user(Role.REVIEWER))
    html = client.get(form_url(department)).content.decode()
    assert "<strong>50,5</strong>" in html
    assert "<strong>51</strong>" not in html


@pytest.mark.django_db(transaction=True)
def test_saving_and_clearing_a_draft_keeps_the_data_version(client):
    # Published pages are cached under the data version: a draft must not make them stale.
    from indicators.data_version import current_token

    department, indicators = build_department(3)
    user = make_user(Role.HEAD, department)
    client.force_login(user)
    save(user, department, typed_for(indicators))
    before = current_token()
    entry = quarter_entry(department, YEAR, QUARTER)
    typed = {**typed_for(indicators, offset=1), indicators[0].pk: ""}  # one figure cleared
    assert (
        client.post(form_url(department), post_data(entry, typed, action="save")).status_code == 302
    )
    assert current_token() == before
