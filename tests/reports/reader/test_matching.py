"""Labels against the catalogue: accents, word order, units, abbreviations, the threshold."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from reports.reader.matching import THRESHOLD, Catalogue, CatalogueEntry
from reports.reader.selectors import catalogue_entries
from reports.reader.units import compatible, converted, family
from tests.factories import IndicatorFactory

CATALOGUE = Catalogue(
    [
        CatalogueEntry("KT-NS-THU", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng"),
        CatalogueEntry("KT-NS-THU-PCT", "Thu ngân sách nhà nước trên địa bàn", "%"),
        CatalogueEntry("KT-NS-NSDP", "Tổng thu ngân sách địa phương", "triệu đồng"),
        CatalogueEntry("KT-NN-CAQ-SL", "Sản lượng cây ăn quả", "tấn"),
        CatalogueEntry("KT-NN-MACCA-SL", "Sản lượng mắc ca", "tấn"),
        CatalogueEntry("VX-LD-DAOTAO", "Số lao động được đào tạo nghề", "người"),
    ]
)


def test_without_accents_and_in_another_order_the_label_names_the_indicator():
    match = CATALOGUE.match("ngan sach nha nuoc thu tren dia ban", "tỷ đồng")
    assert (match.code, match.score) == ("KT-NS-THU", D("1.00"))


def test_a_rate_never_matches_an_amount_and_an_amount_matches_in_any_scale():
    assert CATALOGUE.match("Thu ngân sách nhà nước trên địa bàn", "%").code == "KT-NS-THU-PCT"
    # The same words in triệu đồng: the amount in tỷ đồng, never the rate.
    match = CATALOGUE.match("Thu ngân sách nhà nước trên địa bàn", "triệu đồng")
    assert match.code == "KT-NS-THU"
    assert "KT-NS-THU-PCT" not in [c.code for c in match.candidates]


def test_abbreviations_are_spelt_out():
    assert CATALOGUE.match("Tổng thu NSDP", "triệu đồng").code == "KT-NS-NSDP"


def test_the_sentence_tells_which_output_a_bare_label_means():
    sentence = "Cây mắc ca diện tích 280,4ha, sản lượng 683 tấn."
    match = CATALOGUE.match("sản lượng", "tấn", sentence)
    assert match.code == "KT-NN-MACCA-SL"
    assert [c.code for c in match.candidates] == ["KT-NN-MACCA-SL", "KT-NN-CAQ-SL"]


def test_people_in_any_noun_match_an_indicator_in_người():
    assert CATALOGUE.match("lao động được đào tạo nghề", "lao động").code == "VX-LD-DAOTAO"


def test_below_the_threshold_no_indicator_is_named_but_the_candidates_stay():
    match = CATALOGUE.match("Thu tiền sử dụng đất", "tỷ đồng")
    assert match.code is None and match.score < THRESHOLD
    assert {c.code for c in match.candidates} == {"KT-NS-NSDP", "KT-NS-THU"}  # "thu" alone
    assert CATALOGUE.match("Số vụ tai nạn giao thông", "vụ").candidates == ()


@pytest.mark.parametrize(
    ("value", "unit", "to_unit", "expected"),
    [
        (D("100300"), "triệu đồng", "tỷ đồng", D("100.3")),
        (D("122.195"), "tỷ đồng", "triệu đồng", D("122195")),
        (D("62"), "triệu đồng/người/năm", "tỷ đồng", None),
        (D("5"), "%", "tỷ đồng", None),
        (D("43"), "công dân", "người", D("43")),
    ],
)
def test_conversion_between_units(value, unit, to_unit, expected):
    assert converted(value, unit, to_unit) == expected


def test_unit_families():
    assert family("lượt khách") == family("lượt")
    assert compatible("‰", "%")
    assert not compatible("hộ", "người")


@pytest.mark.django_db
def test_the_catalogue_is_read_in_one_query(django_assert_num_queries):
    IndicatorFactory(code="B", name="Tổng mức bán lẻ", unit="tỷ đồng")
    IndicatorFactory(code="A", name="Tỷ lệ hộ nghèo", unit="%")
    with django_assert_num_queries(1):  # the codes, names and units of every indicator
        entries = catalogue_entries()
    assert [(e.code, e.unit) for e in entries] == [("A", "%"), ("B", "tỷ đồng")]
