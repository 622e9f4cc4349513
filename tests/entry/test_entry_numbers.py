"""The quarterly form reads every figure with the indicator's rules: a count refuses decimals,
"228,643" lượt is refused with both readings, "98%" in a % field is 98, the plausible range."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.models import Role
from entry.forms import QuarterEntryForm
from entry.selectors import quarter_entry
from indicators.models import Value
from indicators.units import unit_for_name
from tests.builders import QUARTER, YEAR, form_url, make_user, post_data, save
from tests.factories import DepartmentFactory, IndicatorFactory


def _department():
    """A department with a flow of visitors, a count of programmes, a rate, a rate from parts
    and an amount with a plausible range; each unit from the list."""
    department = DepartmentFactory(code="VHTT", name="Phòng Văn hóa - Thông tin")

    def indicator(unit: str, order: int, **kwargs):
        return IndicatorFactory(
            department=department, unit=unit, unit_ref=unit_for_name(unit), order=order, **kwargs
        )

    return department, {
        "visitors": indicator("lượt", 1, decimals=0),
        "programmes": indicator("chương trình", 2, decimals=0, aggregation="last"),
        "rate": indicator("%", 3, decimals=1, aggregation="last"),
        "parts": indicator("%", 4, decimals=1, aggregation="ratio"),
        "revenue": indicator(
            "tỷ đồng", 5, decimals=1, plausible_min=Decimal("0"), plausible_max=Decimal("500")
        ),
    }


def _form(department, values, **extra) -> QuarterEntryForm:
    entry = quarter_entry(department, YEAR, QUARTER)
    return QuarterEntryForm(post_data(entry, values, **extra), entry=entry)


def _error(form: QuarterEntryForm, name: str) -> str:
    assert not form.is_valid()
    return " ".join(form.errors[name])


@pytest.mark.django_db
def test_visitors_typed_with_an_english_thousands_comma_are_refused_with_both_readings():
    department, ind = _department()
    form = _form(department, {ind["visitors"].pk: "228,643"})
    message = _error(form, f"value_{ind['visitors'].pk}")
    assert "228,643 hay 228.643?" in message
    assert list(form.errors) == [f"value_{ind['visitors'].pk}"]  # on its own field only


@pytest.mark.django_db
def test_a_count_of_programmes_refuses_decimals():
    department, ind = _department()
    form = _form(department, {ind["programmes"].pk: "3,7"})
    message = _error(form, f"value_{ind['programmes'].pk}")
    assert "“3,7”" in message and "chương trình" in message and "số nguyên" in message


@pytest.mark.django_db
def test_a_unit_of_the_list_that_takes_no_decimals_decides_for_its_indicators():
    department, ind = _department()
    unit = ind["revenue"].unit_ref
    unit.allows_decimals = False
    unit.save()
    form = _form(department, {ind["revenue"].pk: "17,5"})
    assert "số nguyên" in _error(form, f"value_{ind['revenue'].pk}")


@pytest.mark.django_db
def test_a_percent_sign_in_a_percent_field_is_read_as_the_number():
    department, ind = _department()
    form = _form(department, {ind["rate"].pk: "98%", ind["visitors"].pk: "228.643"})
    assert form.is_valid(), form.errors
    typed = {r.indicator.pk: r.value for r in form.rows_cleaned}
    assert typed[ind["rate"].pk] == Decimal("98")
    assert typed[ind["visitors"].pk] == Decimal("228643")


@pytest.mark.django_db
def test_a_figure_outside_the_indicators_plausible_range_is_refused_with_the_range():
    department, ind = _department()
    form = _form(department, {ind["revenue"].pk: "1.750"})
    message = _error(form, f"value_{ind['revenue'].pk}")
    assert "1.750 nằm ngoài khoảng hợp lý" in message and "từ 0 đến 500 tỷ đồng" in message


@pytest.mark.django_db
def test_the_parts_of_a_rate_refuse_a_comma_and_three_digits():
    department, ind = _department()
    pk = ind["parts"].pk
    form = _form(department, {}, **{f"num_{pk}": "590", f"den_{pk}": "1,607"})
    assert "1,607 hay 1.607?" in _error(form, f"den_{pk}")


@pytest.mark.django_db
def test_a_count_refused_through_the_page_saves_nothing_and_says_why_in_vietnamese(client):
    department, ind = _department()
    client.force_login(make_user(Role.STAFF, department))
    entry = quarter_entry(department, YEAR, QUARTER)
    data = post_data(entry, {ind["visitors"].pk: "228,643"}, action="save")
    response = client.post(form_url(department), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "228,643 hay 228.643?" in html
    assert not Value.objects.exists()


@pytest.mark.django_db
def test_a_saved_figure_with_three_decimals_saves_again_unchanged():
    # "12,3450" tỷ đồng: the decimal reading, typed so that it cannot be taken for thousands.
    department, _ind = _department()
    budget = IndicatorFactory(
        department=department, unit="tỷ đồng", unit_ref=unit_for_name("tỷ đồng"), decimals=1
    )
    save(make_user(Role.STAFF, department), department, {budget.pk: "12,3450"})
    entry = quarter_entry(department, YEAR, QUARTER)
    again = QuarterEntryForm(post_data(entry, {}), entry=entry)  # as the page shows it
    assert again[f"value_{budget.pk}"].value() == "12,3450"
    assert again.is_valid(), again.errors
