"""The catalogue in the admin: Vietnamese messages for every constraint and for the blank
choice, search and autocomplete with or without diacritics, the figure before its provenance."""

from __future__ import annotations

import json
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import BaseConstraint
from django.urls import reverse

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


def _constraints():
    for app in ("indicators", "entry", "accounts"):
        for model in apps.get_app_config(app).get_models():
            for constraint in model._meta.constraints:
                yield f"{model.__name__}.{constraint.name}", constraint


@pytest.mark.parametrize(("name", "constraint"), list(_constraints()))
def test_every_constraint_says_what_is_wrong_in_vietnamese(name, constraint):
    assert constraint.violation_error_message != BaseConstraint.default_violation_error_message
    assert "violated" not in str(constraint.violation_error_message)


def test_a_duplicate_target_is_refused_with_a_vietnamese_message(admin_client):
    target = TargetFactory()
    data = {
        "indicator": target.indicator.pk,
        "year": target.year,
        "quarter": "",
        "source": target.source,
        "value": "120",
        "report": target.report.pk,
        "quote": "",
        "derivation": "",
        "note": "",
        "flag": "",
    }
    response = admin_client.post(reverse("admin:indicators_target_add"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chỉ tiêu này đã có kế hoạch cả năm của năm này" in html
    assert "is violated" not in html


def test_a_derived_value_without_its_arithmetic_is_refused_in_vietnamese(admin_client):
    indicator = IndicatorFactory()
    data = {
        "indicator": indicator.pk,
        "year": 2024,
        "quarter": "",
        "kind": "estimate",
        "value": "12",
        "numerator": "",
        "denominator": "",
        "report": SourceReportFactory().pk,
        "quote": "",
        "is_derived": "on",
        "derivation": "",
        "note": "",
        "flag": "",
    }
    html = admin_client.post(reverse("admin:indicators_value_add"), data).content.decode()
    assert "Số suy ra phải ghi cách tính." in html


def test_the_blank_choice_of_a_select_is_in_vietnamese(admin_client):
    html = admin_client.get(reverse("admin:indicators_indicator_add")).content.decode()
    assert "Select an option" not in html
    assert "- Chọn -" in html


@pytest.mark.parametrize(
    "url", ["admin:indicators_indicator_changelist", "admin:indicators_target_changelist"]
)
def test_admin_search_finds_a_name_typed_without_diacritics(admin_client, url):
    budget = IndicatorFactory(name="Thu ngân sách nhà nước trên địa bàn")
    other = IndicatorFactory(name="Tổng mức bán lẻ hàng hóa")
    TargetFactory(indicator=budget)
    TargetFactory(indicator=other)
    response = admin_client.get(reverse(url), {"q": "thu ngan sach"})
    result = response.context["cl"].result_list
    names = {getattr(row, "indicator", row).name for row in result}
    assert names == {"Thu ngân sách nhà nước trên địa bàn"}


def test_admin_search_with_diacritics_still_finds_what_django_finds(admin_client):
    ValueFactory(indicator=IndicatorFactory(name="Số lượt khách du lịch"), quote="đón 228.643 lượt")
    response = admin_client.get(reverse("admin:indicators_value_changelist"), {"q": "228.643"})
    assert len(response.context["cl"].result_list) == 1


def test_the_sector_and_unit_lists_search_without_diacritics(admin_client):
    SectorFactory(name="Văn hóa - xã hội")
    unit_for_name("Tỷ đồng")
    sectors = admin_client.get(reverse("admin:indicators_sector_changelist"), {"q": "van hoa"})
    units = admin_client.get(reverse("admin:indicators_unit_changelist"), {"q": "ty dong"})
    assert [s.name for s in sectors.context["cl"].result_list] == ["Văn hóa - xã hội"]
    assert [u.name for u in units.context["cl"].result_list] == ["Tỷ đồng"]


def test_autocomplete_finds_an_indicator_typed_without_diacritics(admin_client):
    IndicatorFactory(name="Thu ngân sách nhà nước trên địa bàn")
    IndicatorFactory(name="Tỷ lệ hộ nghèo")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "indicators",
            "model_name": "target",
            "field_name": "indicator",
            "term": "thu ngan sach",
        },
    )
    assert response.status_code == 200
    results = json.loads(response.content)["results"]
    assert [r["text"] for r in results] == ["Thu ngân sách nhà nước trên địa bàn"]


@pytest.mark.parametrize("model", ["target", "value"])
def test_adding_a_figure_asks_for_indicator_year_and_value_before_the_provenance(
    admin_client, model
):
    html = admin_client.get(reverse(f"admin:indicators_{model}_add")).content.decode()

    def at(name: str) -> int:
        found = re.search(rf'<(?:input|select|textarea)[^>]* name="{name}"', html)
        assert found is not None, name
        return found.start()

    assert at("indicator") < at("year") < at("value") < at("report") < at("quote")
    # The quote in a small box; what is rarely filled is folded away, after it.
    assert re.search(r'<textarea name="quote"[^>]* rows="2"', html)
    folded = html.index("<details>")
    assert at("quote") < folded < at("is_derived") < at("derivation") < at("note") < at("flag")
