"""Numbering the council table (STT) and freezing it as plain data."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal as D

import pytest

from reports.selectors import council_snapshot
from reports.snapshot import Snapshot, letter, roman
from tests.factories import IndicatorFactory, SectorFactory, TargetFactory, ValueFactory


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (2024, "MMXXIV")]
)
def test_roman_numerals(n, expected):
    assert roman(n) == expected


@pytest.mark.parametrize(("n", "expected"), [(1, "a"), (2, "b"), (26, "z"), (27, "aa"), (53, "ba")])
def test_letters_go_on_past_z(n, expected):
    assert letter(n) == expected


@pytest.fixture
def catalogue(db):
    economy = SectorFactory(code="KT", name="Kinh tế", order=1)
    trade = SectorFactory(code="KT-TM", name="Thương mại", parent=economy, order=2)
    farming = SectorFactory(code="KT-NN", name="Nông nghiệp", parent=economy, order=3)
    society = SectorFactory(code="VX", name="Văn hóa - xã hội", order=4)
    health = SectorFactory(code="VX-YT", name="Y tế", parent=society, order=5)
    income = IndicatorFactory(
        code="INCOME", name="Thu nhập", sector=trade, is_main=True, council_group=1, order=1
    )
    IndicatorFactory(
        code="INCOME-A", name="Thu nhập thành thị", sector=trade, parent=income, order=2
    )
    area = IndicatorFactory(code="AREA", name="Diện tích", sector=farming, order=3)
    tea = IndicatorFactory(code="TEA", name="Chè", sector=farming, parent=area, order=4)
    IndicatorFactory(code="TEA-NEW", name="Chè trồng mới", sector=farming, parent=tea, order=5)
    for order, code in enumerate(("HSSK", "BHYT"), start=6):
        IndicatorFactory(
            code=code,
            name=f"Tỷ lệ {code}",
            sector=health,
            unit="%",
            is_main=True,
            council_group=4,
            order=order,
        )
    value = ValueFactory(indicator=income, value=D("62"))
    TargetFactory(indicator=income, value=D("60"))
    return value


def test_main_indicators_keep_the_councils_group_numbers(catalogue):
    snapshot = council_snapshot(year=2024)
    assert [(r.stt, r.name) for r in snapshot.rows] == [
        ("I", "KINH TẾ"),
        ("1", "Thu nhập"),
        ("a", "Thu nhập thành thị"),
        ("II", "VĂN HÓA - XÃ HỘI"),
        ("4", "Y tế"),
        ("a", "Tỷ lệ HSSK"),
        ("b", "Tỷ lệ BHYT"),
    ]


def test_every_indicator_uses_the_full_administrative_hierarchy(catalogue):
    snapshot = council_snapshot(year=2024, all_indicators=True)
    assert [(r.stt, r.name) for r in snapshot.rows] == [
        ("A", "KINH TẾ"),
        ("I", "Thương mại"),
        ("1", "Thu nhập"),
        ("a", "Thu nhập thành thị"),
        ("II", "Nông nghiệp"),
        ("1", "Diện tích"),
        ("a", "Chè"),
        ("-", "Chè trồng mới"),
        ("B", "VĂN HÓA - XÃ HỘI"),
        ("I", "Y tế"),
        ("1", "Tỷ lệ HSSK"),
        ("2", "Tỷ lệ BHYT"),
    ]


def test_a_snapshot_records_the_stored_values_it_used_and_reads_back_exactly(catalogue):
    snapshot = council_snapshot(year=2024, made_at=datetime(2024, 11, 28, tzinfo=UTC))
    income = next(r for r in snapshot.rows if r.code == "INCOME")
    assert income.value_id == catalogue.pk
    assert income.plan_target_id is not None
    assert income.completion_pct == D("62") / D("60") * 100
    again = Snapshot.from_json(snapshot.to_json())
    assert again == snapshot
    assert again.data_digest() == snapshot.data_digest()


def test_the_digest_changes_with_a_figure_and_not_with_the_moment(catalogue):
    first = council_snapshot(year=2024)
    assert council_snapshot(year=2024).data_digest() == first.data_digest()
    catalogue.value = D("63")
    catalogue.save()
    assert council_snapshot(year=2024).data_digest() != first.data_digest()


def test_a_title_block_reads_back_and_an_old_snapshot_without_one_gets_blanks(catalogue):
    import datetime as dt
    from dataclasses import replace

    from reports.snapshot import TitleBlock

    snapshot = council_snapshot(year=2024)
    block = TitleBlock("5268/BC-UBND", dt.date(2024, 11, 28), "Lai Châu")
    signed = replace(snapshot, title_block=block)
    assert Snapshot.from_json(signed.to_json()).title_block == block
    old = snapshot.to_json()
    old.pop("title_block")  # stored before the export form took one
    assert Snapshot.from_json(old).title_block == TitleBlock()
