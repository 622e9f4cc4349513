"""One lock for every way in: a quarter waiting for review or approved changes only through the
review, whether the change comes from an import, the admin (add, change, revert, delete), the
loader or a service call; and every write names who made it."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from entry import services as entry_services
from entry.forms import auto_report_number
from entry.models import SubmissionStatus
from entry.selectors import quarter_entry
from indicators import services
from indicators.loading import DatasetError, load_dataset
from indicators.models import Indicator, SourceReport, Value
from tests.builders import QUARTER, YEAR, build_department, make_user, review, save
from tests.factories import ValueFactory, typed_into_quarter

HEADER = (
    "indicator_code,indicator_name,sector,unit,direction,aggregation,period,kind,plan_source,"
    "value,source,quote\n"
)


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def approved(db):
    """A department's Q3/2025 figure of its first indicator, submitted and approved."""
    department, indicators = build_department(2)
    head = make_user(Role.HEAD, department)
    save(head, department, {indicators[0].pk: "55", indicators[1].pk: "60"}, submit=True)
    review(entry_services.submission_approve, make_user(Role.REVIEWER), department)
    figure = Value.objects.get(indicator=indicators[0], year=YEAR, quarter=QUARTER)
    assert figure.is_locked and figure.is_published
    return figure


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("quantri", "quantri@example.invalid", "pw")
    client.force_login(user)
    return client


def admin_data(figure: Value, /, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "indicator": figure.indicator_id,
        "year": figure.year,
        "quarter": figure.quarter or "",
        "kind": figure.kind,
        "value": str(figure.value),
        "report": figure.report_id,
        "quote": figure.quote,
        "derivation": "",
        "note": "",
        "flag": "",
    }
    data.update(changes)
    return data


# --- import_values -----------------------------------------------------------------------------


def test_an_import_cannot_overwrite_an_approved_figure(approved, tmp_path):
    number = approved.report.number  # the department's own form, as the figure cites it
    path = tmp_path / "values.csv"
    path.write_text(
        HEADER
        + f"{approved.indicator.code},,,,,,2025,actual,,10,R-1,\n"
        + f"{approved.indicator.code},,,,,,2025-Q3,{approved.kind},,999,{number},\n"
    )
    with pytest.raises(CommandError) as excinfo:
        call_command("import_values", str(path))
    assert "Dòng 3: Quý III/2025 của chỉ tiêu" in str(excinfo.value)
    assert "đã khóa" in str(excinfo.value)
    approved.refresh_from_db()
    assert approved.value == D("55")
    assert not Value.objects.filter(year=2025, quarter=None).exists()  # nothing saved


def test_an_import_cannot_add_a_figure_to_an_approved_quarter(approved, tmp_path):
    path = tmp_path / "values.csv"
    path.write_text(HEADER + f"{approved.indicator.code},,,,,,2025-Q3,actual,,70,99/BC-CTK,\n")
    with pytest.raises(CommandError, match=r"Dòng 2: Quý III/2025 .* đã khóa"):
        call_command("import_values", str(path))
    assert not SourceReport.objects.filter(number="99/BC-CTK").exists()


def test_an_import_may_restate_an_approved_figure_unchanged_and_other_quarters(approved, tmp_path):
    code, number = approved.indicator.code, approved.report.number
    path = tmp_path / "values.csv"
    path.write_text(
        HEADER
        + f"{code},,,,,,2025-Q3,{approved.kind},,55,{number},\n"
        + f"{code},,,,,,2025-Q4,actual,,70,99/BC-CTK,\n"
    )
    call_command("import_values", str(path))
    assert Value.objects.get(indicator=approved.indicator, year=2025, quarter=4).value == 70


def test_an_import_into_a_returned_quarter_is_allowed_and_names_the_user(approved, tmp_path):
    department = approved.indicator.department
    reviewer = get_user_model().objects.get(username=f"{Role.REVIEWER}-all")
    review(entry_services.submission_reopen, reviewer, department, comment="Sửa lại")
    path = tmp_path / "values.csv"
    path.write_text(HEADER + f"{approved.indicator.code},,,,,,2025-Q3,actual,,70,99/BC-CTK,\n")
    call_command("import_values", str(path), "--user", reviewer.username)
    added = Value.objects.get(report__number="99/BC-CTK")
    assert added.history.get().history_user == reviewer


# --- the admin -----------------------------------------------------------------------------------


def test_the_admin_cannot_add_a_value_to_an_approved_quarter(approved, admin_client):
    report = SourceReport.objects.create(number="99/BC-CTK")
    response = admin_client.post(
        reverse("admin:indicators_value_add"),
        admin_data(approved, report=report.pk, kind="actual", value="70"),
    )
    assert response.status_code == 200
    assert "Quý III/2025 của chỉ tiêu" in response.content.decode()
    assert not Value.objects.filter(report=report).exists()


def test_the_admin_cannot_move_a_value_into_an_approved_quarter(approved, admin_client):
    other = ValueFactory(indicator=approved.indicator, year=2025, quarter=2)
    response = admin_client.post(
        reverse("admin:indicators_value_change", args=[other.pk]), admin_data(other, quarter=3)
    )
    assert response.status_code == 200
    assert "đã khóa" in response.content.decode()
    other.refresh_from_db()
    assert other.quarter == 2


def test_the_admins_history_revert_cannot_change_a_locked_figure(approved, admin_client):
    first = approved.history.earliest()  # the draft, saved unlocked
    url = reverse("admin:indicators_value_simple_history", args=[approved.pk, first.history_id])
    response = admin_client.post(url, admin_data(approved, value="1"))
    assert response.status_code == 200
    assert "đã khóa" in response.content.decode()
    approved.refresh_from_db()
    assert (approved.value, approved.is_locked, approved.is_published) == (D("55"), True, True)


def test_a_revert_leaves_the_reviews_flags_as_stored(admin_client, db):
    value = ValueFactory(year=2025, quarter=3)
    first = value.history.get()
    typed_into_quarter(value, SubmissionStatus.RETURNED)  # unlocked and unpublished now
    url = reverse("admin:indicators_value_simple_history", args=[value.pk, first.history_id])
    response = admin_client.post(url, admin_data(value, value="7"))
    assert response.status_code == 302
    value.refresh_from_db()
    assert (value.value, value.is_published, value.is_locked) == (D("7"), False, False)
    assert value.history.latest().history_user.username == "quantri"


def test_the_admin_cannot_delete_a_value_of_an_approved_quarter_in_bulk(approved, admin_client):
    other = ValueFactory(indicator=approved.indicator, year=2025, quarter=3)
    response = admin_client.post(
        reverse("admin:indicators_value_changelist"),
        {"action": "delete_selected", "_selected_action": [other.pk], "post": "yes"},
    )
    assert response.status_code in (200, 403)
    assert Value.objects.filter(pk=other.pk).exists()


def test_the_admin_may_still_change_a_value_read_from_a_report(admin_client, db):
    value = ValueFactory(year=2024, quarter=None)
    response = admin_client.post(
        reverse("admin:indicators_value_change", args=[value.pk]), admin_data(value, value="12")
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == 12
    assert value.history.latest().history_user.username == "quantri"


# --- the loader and the services -----------------------------------------------------------------


def test_the_loader_cannot_remove_a_locked_figure_that_cites_its_report(lai_chau):
    indicator = Indicator.objects.filter(department__isnull=False).first()
    report = SourceReport.objects.get(number="5268/BC-UBND")
    figure = ValueFactory(indicator=indicator, year=2024, quarter=3, report=report)
    typed_into_quarter(figure, SubmissionStatus.APPROVED)
    with pytest.raises(DatasetError, match=r"Quý III/2024 .* đã khóa"):
        load_dataset()
    assert Value.objects.filter(pk=figure.pk).exists()


def test_the_loader_names_the_user_in_the_history(db):
    loader = get_user_model().objects.create_user("thamdinh")
    call_command("load_lai_chau", "--user", "thamdinh")
    assert {h.history_user for h in Value.history.all()} == {loader}


def test_value_record_refuses_a_figure_in_a_locked_quarter(approved):
    with pytest.raises(ValidationError, match="đã khóa"):
        services.value_record(
            indicator=approved.indicator,
            year=YEAR,
            quarter=QUARTER,
            kind="actual",
            value=D("1"),
            report=SourceReport.objects.create(number="99/BC-CTK"),
        )


def test_the_entry_form_still_saves_a_returned_quarter(approved):
    department = approved.indicator.department
    reviewer = get_user_model().objects.get(username=f"{Role.REVIEWER}-all")
    review(entry_services.submission_reopen, reviewer, department, comment="Sửa lại")
    head = get_user_model().objects.get(username=f"{Role.HEAD}-{department.code}")
    entry = quarter_entry(department, YEAR, QUARTER)
    assert auto_report_number(entry) == approved.report.number
    save(head, department, {approved.indicator.pk: "56"}, entry=entry)
    approved.refresh_from_db()
    assert approved.value == D("56")
