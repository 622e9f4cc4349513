"""The unit list: one unit per spelling that differs only in case, its kind, the indicators
pointed at it (their `unit` text kept as its name), and the migration that made it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F

from indicators.loading import load_dataset
from indicators.models import Indicator, Unit, UnitKind
from indicators.units import figure_rules, guess_kind, unit_for_name, unit_save
from tests.factories import IndicatorFactory
from tests.migrating import latest as migrations_latest
from tests.migrating import migrate


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("lượt", UnitKind.COUNT),
        ("Người", UnitKind.COUNT),
        ("chương trình", UnitKind.COUNT),
        ("xã, phường", UnitKind.COUNT),
        ("tỷ đồng", UnitKind.AMOUNT),
        ("triệu đồng/người/năm", UnitKind.AMOUNT),
        ("%", UnitKind.RATE),
        ("‰", UnitKind.RATE),
        ("ha", UnitKind.OTHER),
        ("tiêu chí/xã", UnitKind.OTHER),  # an average: it has decimals
    ],
)
def test_a_units_kind_is_guessed_from_its_name(name, kind):
    assert guess_kind(name) == kind


@pytest.mark.django_db
def test_spellings_that_differ_in_case_or_spacing_are_one_unit():
    first = unit_for_name("Tỷ đồng")
    assert unit_for_name("tỷ  đồng") == first
    assert unit_for_name("TỶ ĐỒNG") == first  # Vietnamese capitals, which SQL lower() may miss
    assert Unit.objects.count() == 1


@pytest.mark.django_db
def test_a_second_spelling_of_a_unit_is_refused_with_a_vietnamese_message():
    unit_for_name("Đồng")
    twin = Unit(name="đồng", kind=UnitKind.AMOUNT)
    with pytest.raises(ValidationError) as caught:
        twin.full_clean()
    assert "Đã có đơn vị “Đồng”" in caught.value.message_dict["name"][0]


@pytest.mark.django_db
def test_a_count_unit_takes_no_decimals():
    unit = Unit(name="lượt", kind=UnitKind.COUNT, allows_decimals=True)
    with pytest.raises(ValidationError) as caught:
        unit.full_clean()
    assert "Đơn vị số đếm không nhận số thập phân." in caught.value.messages


@pytest.mark.django_db
def test_the_indicators_unit_text_follows_the_unit_chosen():
    indicator = IndicatorFactory(unit="Tỷ đồng")
    indicator.unit_ref = unit_for_name("tỷ đồng")
    indicator.full_clean()
    assert indicator.unit == "tỷ đồng"


@pytest.mark.django_db
def test_renaming_a_unit_renames_it_on_its_indicators():
    unit = unit_for_name("Tỷ đồng")
    indicator = IndicatorFactory(unit="Tỷ đồng", unit_ref=unit)
    unit.name = "tỷ đồng"
    unit_save(unit)
    indicator.refresh_from_db()
    assert indicator.unit == "tỷ đồng"


@pytest.mark.django_db
def test_renaming_a_unit_rewrites_only_its_indicators_rolled_up_figures(monkeypatch):
    from indicators import rollups

    unit = unit_for_name("Tỷ đồng")
    on_it = IndicatorFactory(unit="Tỷ đồng", unit_ref=unit)
    IndicatorFactory(unit="ha", unit_ref=unit_for_name("ha"))
    asked: list[object] = []
    monkeypatch.setattr(rollups, "figures_changed", lambda ids: asked.append(set(ids)))
    monkeypatch.setattr(rollups, "everything_changed", lambda: asked.append("everything"))
    unit.name = "tỷ đồng"
    unit_save(unit)
    assert asked == [{on_it.pk}]


@pytest.mark.django_db
def test_the_rules_of_a_figure_come_from_the_unit_of_the_list():
    unit = unit_for_name("điểm")
    indicator = IndicatorFactory(unit="điểm", unit_ref=unit, decimals=2)
    assert not figure_rules(indicator).whole_numbers
    unit.allows_decimals = False
    unit_save(unit)
    indicator.refresh_from_db()
    assert figure_rules(indicator).whole_numbers
    # An indicator no unit of the list stands behind yet goes by its unit's name.
    assert figure_rules(IndicatorFactory(unit="hộ")).whole_numbers


@pytest.mark.django_db
def test_the_lai_chau_data_set_loads_with_every_indicator_on_a_unit_of_the_list():
    load_dataset()
    assert not Indicator.objects.filter(unit_ref=None).exists()
    assert Indicator.objects.exclude(unit_ref__name=F("unit")).count() == 0
    assert Unit.objects.get(name="lượt").kind == UnitKind.COUNT
    assert Unit.objects.get(name="tỷ đồng").kind == UnitKind.AMOUNT
    assert not Unit.objects.get(name="hạng").allows_decimals
    load_dataset()  # twice: nothing new
    assert Unit.objects.filter(key="tỷ đồng").count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_one_unit_per_spelling_and_points_the_indicators_at_it():
    latest = migrations_latest()
    before = migrate([("indicators", "0009_unit_list")])
    Sector = before.get_model("indicators", "Sector")
    Indicator = before.get_model("indicators", "Indicator")
    sector = Sector.objects.create(code="KT", name="Kinh tế")
    for code, unit in [
        ("A", "tỷ đồng"),
        ("B", "Tỷ đồng"),
        ("C", "tỷ  đồng "),
        ("D", "lượt"),
        ("E", "Đơn"),
        ("F", "đơn"),
        ("G", "ha"),
    ]:
        Indicator.objects.create(code=code, name=code, sector=sector, unit=unit)

    after = migrate(latest)

    Unit = after.get_model("indicators", "Unit")
    Indicator = after.get_model("indicators", "Indicator")
    units = {u.name: (u.kind, u.allows_decimals) for u in Unit.objects.all()}
    assert units == {
        "tỷ đồng": ("amount", True),
        "lượt": ("count", False),
        "đơn": ("count", False),  # a tie: the spelling in lower case
        "ha": ("other", True),
    }
    texts = dict(Indicator.objects.values_list("code", "unit"))
    assert texts == {
        "A": "tỷ đồng",
        "B": "tỷ đồng",
        "C": "tỷ đồng",
        "D": "lượt",
        "E": "đơn",
        "F": "đơn",
        "G": "ha",
    }
    assert not Indicator.objects.filter(unit_ref=None).exists()
    assert all(i.unit == i.unit_ref.name for i in Indicator.objects.select_related("unit_ref"))

    back = migrate([("indicators", "0009_unit_list")])
    assert back.get_model("indicators", "Unit").objects.count() == 0
    migrate(latest)
