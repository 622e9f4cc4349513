"""The quarterly form: Vietnamese numbers, year-to-date figures, parts of rates, and the checks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.entry_selectors import quarter_entry
from indicators.forms import QuarterEntryForm, VietnameseNumberField, exact_vn
from indicators.models import Indicator, Role, Value
from tests.factories import (
    QUARTER,
    YEAR,
    IndicatorFactory,
    build_department,
    make_user,
    post_data,
    save,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("4.475", Decimal("4475")),
        ("128,5", Decimal("128.5")),
        ("9,73", Decimal("9.73")),
        ("1.234.567,25", Decimal("1234567.25")),
        ("", None),
    ],
)
def test_the_number_field_reads_vietnamese_numbers(typed, expected):
    assert VietnameseNumberField(required=False).clean(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1.2.3", "không rõ nghĩa"),
        ("12,345.6", "kiểu tiếng Anh"),
        ("12a", "ký tự không phải chữ số"),
        ("1,2345678", "Nhiều nhất 6 chữ số"),
        ("123.456.789.012.345", "Số quá lớn"),
    ],
)
def test_the_number_field_refuses_malformed_or_ambiguous_input_with_a_reason(typed, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        VietnameseNumberField(required=False).clean(typed)
    assert message in caught.value.messages[0]


@given(st.decimals(min_value=-(10**13), max_value=10**13, places=6, allow_nan=False))
def test_a_stored_number_written_back_into_an_input_reads_back_the_same(value):
    assert VietnameseNumberField().clean(exact_vn(value)) == value


def bound(department, values, submitting=False, **extra) -> QuarterEntryForm:
    entry = quarter_entry(department, YEAR, QUARTER)
    return QuarterEntryForm(post_data(entry, values, **extra), entry=entry, submitting=submitting)


def cleaned(form: QuarterEntryForm, indicator: Indicator):
    return next(r for r in form.rows_cleaned if r.indicator == indicator)


@pytest.mark.django_db
def test_a_malformed_number_is_refused_on_its_own_field_and_the_form_is_invalid():
    department, indicators = build_department(2)
    form = bound(department, {indicators[0].pk: "1.2.3", indicators[1].pk: "120"})
    assert not form.is_valid()
    assert list(form.errors) == [f"value_{indicators[0].pk}"]
    assert "1.2.3" in form.errors[f"value_{indicators[0].pk}"][0]


@pytest.mark.django_db
def test_a_flow_typed_as_year_to_date_becomes_the_quarters_own_value_with_its_arithmetic():
    department, indicators = build_department(1)  # Q1 = 40, Q2 = 50 of a flow
    flow = indicators[0]
    form = bound(department, {flow.pk: "130,5"}, **{f"mode_{flow.pk}": "ytd"})
    assert form.is_valid(), form.errors
    row = cleaned(form, flow)
    assert row.value == Decimal("40.5")
    assert row.is_derived
    assert row.derivation == "Lũy kế 9 tháng 130,5 − lũy kế 6 tháng 90 = 40,5"


@pytest.mark.django_db
def test_a_year_to_date_figure_is_shown_again_as_typed():
    department, indicators = build_department(1)
    staff = make_user(Role.STAFF, department)
    flow = indicators[0]
    form = bound(department, {flow.pk: "130,5"}, **{f"mode_{flow.pk}": "ytd"})
    assert form.is_valid()
    from indicators.entry_services import quarter_entry_save
    from indicators.permissions import actor_for

    quarter_entry_save(
        actor=actor_for(staff),
        user=staff,
        department=department,
        year=YEAR,
        quarter=QUARTER,
        rows=form.rows_cleaned,
    )
    reopened = QuarterEntryForm(entry=quarter_entry(department, YEAR, QUARTER))
    assert reopened[f"mode_{flow.pk}"].value() == "ytd"
    assert reopened[f"value_{flow.pk}"].value() == "130,5"


@pytest.mark.django_db
def test_year_to_date_input_needs_the_earlier_quarters():
    department, indicators = build_department(1)
    flow = indicators[0]
    Value.objects.filter(indicator=flow, year=YEAR, quarter=1).delete()
    form = bound(department, {flow.pk: "130"}, **{f"mode_{flow.pk}": "ytd"})
    assert not form.is_valid()
    assert "Chưa có số của quý I" in form.errors[f"value_{flow.pk}"][0]


@pytest.mark.django_db
def test_a_year_to_date_figure_below_the_previous_one_is_refused():
    department, indicators = build_department(1)
    flow = indicators[0]
    form = bound(department, {flow.pk: "80"}, **{f"mode_{flow.pk}": "ytd"})
    assert not form.is_valid()
    assert "nhỏ hơn lũy kế kỳ trước" in form.errors[f"value_{flow.pk}"][0]


@pytest.mark.django_db
def test_a_rate_from_parts_is_computed_and_must_agree_with_a_typed_rate():
    department, indicators = build_department(4)
    ratio = indicators[3]
    parts = {f"num_{ratio.pk}": "590", f"den_{ratio.pk}": "607"}
    form = bound(department, {ratio.pk: ""}, **parts)
    assert form.is_valid(), form.errors
    row = cleaned(form, ratio)
    assert row.value == Decimal("97.199341")
    assert (row.numerator, row.denominator) == (Decimal(590), Decimal(607))
    assert row.derivation == "590 / 607 × 100 = 97,199341"

    form = bound(department, {ratio.pk: "90"}, **parts)
    assert not form.is_valid()
    assert "Không khớp với tử số / mẫu số" in form.errors[f"value_{ratio.pk}"][0]

    form = bound(department, {ratio.pk: ""}, **{f"num_{ratio.pk}": "590"})
    assert "Cần nhập cả tử số và mẫu số" in form.errors[f"den_{ratio.pk}"][0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("position", "typed", "message"),
    [
        (2, "100,1", "Tỷ lệ phải nằm trong khoảng từ 0 đến 100%"),
        (2, "-1", "Tỷ lệ phải nằm trong khoảng từ 0 đến 100%"),
        (1, "-5", "không thể âm"),
    ],
)
def test_rates_stay_between_0_and_100_and_counts_are_not_negative(position, typed, message):
    department, indicators = build_department(3)
    form = bound(department, {indicators[position].pk: typed})
    assert not form.is_valid()
    assert message in form.errors[f"value_{indicators[position].pk}"][0]


@pytest.mark.django_db
def test_a_per_mille_rate_may_go_up_to_1000():
    department, _ = build_department(0)
    rate = IndicatorFactory(department=department, unit="‰", aggregation="last")
    assert bound(department, {rate.pk: "999"}).is_valid()
    form = bound(department, {rate.pk: "1.001"})
    assert "từ 0 đến 1.000‰" in form.errors[f"value_{rate.pk}"][0]


@pytest.mark.django_db
def test_a_component_above_its_total_warns_in_a_draft_and_blocks_submitting():
    department, indicators = build_department(1)
    total = indicators[0]
    component = IndicatorFactory(department=department, parent=total, unit="tỷ đồng", order=9)
    values = {total.pk: "50", component.pk: "60"}

    draft = bound(department, values)
    assert draft.is_valid(), draft.errors
    assert [f.code for f in draft.findings[component.pk]] == ["component_above_total"]

    submitted = bound(department, values, submitting=True)
    assert not submitted.is_valid()
    assert "Lớn hơn số của chỉ tiêu tổng" in submitted.errors[f"value_{component.pk}"][0]


@pytest.mark.django_db
def test_a_component_is_checked_against_a_stored_total_of_another_department():
    department, indicators = build_department(1)
    _other, totals = build_department(1, code="TCKH", name="Phòng Tài chính - Kế hoạch")
    Value.objects.create(
        indicator=totals[0],
        year=YEAR,
        quarter=QUARTER,
        kind="estimate",
        value=Decimal("50"),
        report=Value.objects.first().report,
    )
    component = IndicatorFactory(department=department, parent=totals[0], unit="tỷ đồng")
    form = bound(department, {indicators[0].pk: "51", component.pk: "70"})
    assert form.is_valid()
    assert [f.code for f in form.findings[component.pk]] == ["component_above_total"]


@pytest.mark.django_db
def test_a_large_change_needs_an_explanation_to_submit_but_not_to_save_a_draft():
    department, indicators = build_department(1)  # Q2/2025 = 50, Q3/2024 = 48
    flow = indicators[0]
    draft = bound(department, {flow.pk: "80"})
    assert draft.is_valid()
    changes = [f for f in draft.findings[flow.pk] if f.needs_explanation]
    assert [round(f.change_pct, 1) for f in changes] == [Decimal("60.0"), Decimal("66.7")]

    submitting = bound(department, {flow.pk: "80"}, submitting=True)
    assert not submitting.is_valid()
    assert "Cần giải trình" in submitting.errors[f"note_{flow.pk}"][0]

    explained = bound(
        department, {flow.pk: "80"}, submitting=True, **{f"note_{flow.pk}": "Mùa du lịch"}
    )
    assert explained.is_valid(), explained.errors


@pytest.mark.django_db
def test_a_change_within_the_threshold_needs_no_explanation():
    department, indicators = build_department(1)
    form = bound(department, {indicators[0].pk: "60"}, submitting=True)  # +20% and +25%
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_submitting_needs_every_figure_and_says_how_many_are_missing():
    department, indicators = build_department(3)
    form = bound(department, {indicators[0].pk: "50"}, submitting=True)
    assert not form.is_valid()
    assert form.non_field_errors() == ["Còn 2 chỉ tiêu chưa nhập số liệu: chưa thể gửi duyệt."]
    assert form.errors[f"value_{indicators[1].pk}"] == ["Chưa nhập số liệu."]


@pytest.mark.django_db
def test_a_figure_cannot_reuse_the_document_and_kind_of_a_figure_from_another_source():
    department, indicators = build_department(1)
    flow = indicators[0]
    report = Value.objects.first().report
    Value.objects.create(
        indicator=flow, year=YEAR, quarter=QUARTER, kind="estimate", value=1, report=report
    )
    form = bound(department, {flow.pk: "50"}, **{f"report_{flow.pk}": report.number})
    assert not form.is_valid()
    assert "đã có số liệu cùng loại" in form.errors[f"report_{flow.pk}"][0]


@pytest.mark.django_db
def test_the_opened_form_shows_stored_figures_and_their_warnings():
    department, indicators = build_department(1)
    staff = make_user(Role.STAFF, department)
    save(staff, department, {indicators[0].pk: "80"})
    form = QuarterEntryForm(entry=quarter_entry(department, YEAR, QUARTER))
    assert form[f"value_{indicators[0].pk}"].value() == "80"
    assert [r.indicator for r in form.needs_explanation()] == [indicators[0]]
