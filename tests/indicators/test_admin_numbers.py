"""Numbers typed in the admin are read as the entry form reads them: text inputs, the
Vietnamese parser, the indicator's unit, decimals and range, the same messages."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from indicators.models import Indicator, Target, Value
from indicators.units import unit_for_name
from tests.factories import (
    IndicatorFactory,
    SectorFactory,
    SourceReportFactory,
    TargetFactory,
    ValueFactory,
)


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw")
    client.force_login(user)
    return client


def _indicator(unit: str, **kwargs) -> Indicator:
    return IndicatorFactory(unit=unit, unit_ref=unit_for_name(unit), **kwargs)


def _target_data(indicator, value: str, **extra) -> dict[str, object]:
    return {
        "indicator": indicator.pk,
        "year": 2025,
        "quarter": "",
        "source": "council",
        "value": value,
        "report": SourceReportFactory().pk,
        "quote": "",
        "derivation": "",
        "note": "",
        "flag": "",
        **extra,
    }


def _value_data(indicator, value: str, **extra) -> dict[str, object]:
    return {
        "indicator": indicator.pk,
        "year": 2025,
        "quarter": "",
        "kind": "estimate",
        "value": value,
        "numerator": "",
        "denominator": "",
        "report": SourceReportFactory().pk,
        "quote": "",
        "derivation": "",
        "note": "",
        "flag": "",
        **extra,
    }


def _errors(response) -> str:
    assert response.status_code == 200, "the form was saved"
    return " ".join(
        e for errors in response.context["adminform"].form.errors.values() for e in errors
    )


def test_a_target_typed_170_comma_3_is_stored_as_170_point_3(admin_client):
    indicator = _indicator("tỷ đồng", decimals=1)
    response = admin_client.post(
        reverse("admin:indicators_target_add"), _target_data(indicator, "170,3")
    )
    assert response.status_code == 302, _errors(response)
    assert Target.objects.get().value == Decimal("170.3")


def test_a_value_typed_with_thousands_dots_is_stored_whole(admin_client):
    indicator = _indicator("lượt", decimals=0)
    response = admin_client.post(
        reverse("admin:indicators_value_add"), _value_data(indicator, "228.643")
    )
    assert response.status_code == 302, _errors(response)
    assert Value.objects.get().value == Decimal("228643")


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("admin:indicators_target_add", ["value"]),
        ("admin:indicators_value_add", ["value", "numerator", "denominator"]),
        ("admin:indicators_indicator_add", ["plausible_min", "plausible_max"]),
        ("admin:indicators_statement_add", ["figure"]),
    ],
)
def test_every_decimal_field_of_the_admin_is_a_text_input(admin_client, url, names):
    html = admin_client.get(reverse(url)).content.decode()
    for name in names:
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
        assert tag is not None, name
        assert 'type="text"' in tag[0] and 'inputmode="decimal"' in tag[0], tag[0]


def test_the_indicator_pages_target_rows_are_text_inputs(admin_client):
    indicator = _indicator("tỷ đồng")
    TargetFactory(indicator=indicator)
    html = admin_client.get(
        reverse("admin:indicators_indicator_change", args=[indicator.pk])
    ).content.decode()
    tag = re.search(r'<input[^>]*name="targets-0-value"[^>]*>', html)
    assert tag is not None and 'type="text"' in tag[0]
    assert 'value="100"' in tag[0]  # written back the Vietnamese way


def test_a_count_typed_with_an_english_thousands_comma_is_refused_with_both_readings(
    admin_client,
):
    indicator = _indicator("lượt", decimals=0)
    response = admin_client.post(
        reverse("admin:indicators_value_add"), _value_data(indicator, "228,643")
    )
    assert "228,643 hay 228.643?" in _errors(response)
    assert not Value.objects.exists()


def test_a_count_target_typed_with_decimals_is_refused(admin_client):
    indicator = _indicator("chương trình", decimals=0)
    response = admin_client.post(
        reverse("admin:indicators_target_add"), _target_data(indicator, "3,7")
    )
    assert "số nguyên" in _errors(response)


def test_a_percent_sign_in_a_percent_target_is_read_as_the_number(admin_client):
    indicator = _indicator("%", decimals=1, aggregation="last")
    response = admin_client.post(
        reverse("admin:indicators_target_add"), _target_data(indicator, "98%")
    )
    assert response.status_code == 302, _errors(response)
    assert Target.objects.get().value == Decimal("98")


def test_a_figure_outside_the_plausible_range_is_refused_in_the_admin(admin_client):
    indicator = _indicator("tỷ đồng", decimals=1, plausible_max=Decimal("500"))
    response = admin_client.post(
        reverse("admin:indicators_target_add"), _target_data(indicator, "1.750")
    )
    assert "nằm ngoài khoảng hợp lý" in _errors(response)


def test_the_parts_of_a_rate_are_read_as_the_entry_form_reads_them(admin_client):
    indicator = _indicator("%", decimals=1, aggregation="ratio")
    data = _value_data(indicator, "97,2", numerator="590", denominator="1,607")
    response = admin_client.post(reverse("admin:indicators_value_add"), data)
    assert "1,607 hay 1.607?" in _errors(response)


def test_a_stored_figure_sent_back_unchanged_is_not_judged_again(admin_client):
    # Read from a report before the range was set: its quote can still be corrected.
    indicator = _indicator("tỷ đồng", decimals=1)
    value = ValueFactory(indicator=indicator, value=Decimal("1750"))
    Indicator.objects.filter(pk=indicator.pk).update(plausible_max=Decimal("500"))
    data = _value_data(indicator, "1.750", report=value.report.pk, quote="ước đạt 1.750 tỷ")
    response = admin_client.post(reverse("admin:indicators_value_change", args=[value.pk]), data)
    assert response.status_code == 302, _errors(response)
    value.refresh_from_db()
    assert value.quote == "ước đạt 1.750 tỷ"


def test_an_indicators_unit_is_chosen_from_the_list_and_its_text_follows(admin_client):
    unit = unit_for_name("Tỷ đồng")
    sector = SectorFactory()
    html = admin_client.get(reverse("admin:indicators_indicator_add")).content.decode()
    assert re.search(r'<select[^>]*name="unit_ref"', html)
    assert not re.search(r'<input[^>]*name="unit"', html)
    data = {
        "code": "KT-THU",
        "name": "Thu ngân sách",
        "name_en": "",
        "sector": sector.pk,
        "department": "",
        "unit_ref": unit.pk,
        "direction": "higher",
        "aggregation": "sum",
        "decimals": "3",
        "order": "0",
        "note": "",
        "plausible_min": "0",
        "plausible_max": "1.000,5",
        "targets-TOTAL_FORMS": "0",
        "targets-INITIAL_FORMS": "0",
        "values-TOTAL_FORMS": "0",
        "values-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:indicators_indicator_add"), data)
    assert response.status_code == 302, _errors(response)
    indicator = Indicator.objects.get(code="KT-THU")
    assert indicator.unit == "Tỷ đồng" and indicator.unit_ref == unit
    assert indicator.plausible_max == Decimal("1000.5")


def test_an_indicator_needs_a_unit_from_the_list(admin_client):
    data = {
        "code": "KT-X",
        "name": "X",
        "sector": SectorFactory().pk,
        "unit_ref": "",
        "direction": "higher",
        "aggregation": "sum",
        "decimals": "0",
        "order": "0",
        "targets-TOTAL_FORMS": "0",
        "targets-INITIAL_FORMS": "0",
        "values-TOTAL_FORMS": "0",
        "values-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:indicators_indicator_add"), data)
    assert "unit_ref" in response.context["adminform"].form.errors
