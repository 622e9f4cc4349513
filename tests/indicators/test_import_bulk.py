"""`import_values` writes in bulk: a fixed number of queries whatever the number of rows, history
kept and naming who ran it, new sectors with codes of their own."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from indicators.importing import values_import
from indicators.models import Indicator, Sector, Target, Value
from indicators.services import SYSTEM_USERNAME
from tests.factories import IndicatorFactory, SectorFactory

HEADER = (
    "indicator_code,indicator_name,sector,unit,direction,aggregation,period,kind,plan_source,"
    "value,source,quote\n"
)


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def province_file(n_indicators: int, *, years: int = 3, bump: int = 0) -> str:
    """New indicators in two sectors, each with a plan, an estimate and four quarters a year."""
    lines = [HEADER]
    for i in range(n_indicators):
        catalogue = f"P-{i:04d},Chỉ tiêu {i},Lĩnh vực {i % 2},tỷ đồng,higher,sum"
        for year in range(2020, 2020 + years):
            for period, kind, source in (
                (f"{year}", "plan", "council"),
                (f"{year}", "estimate", ""),
                *((f"{year}-Q{q}", "actual", "") for q in range(1, 5)),
            ):
                lines.append(
                    f"{catalogue},{period},{kind},{source},{i + year + bump}.5,R-{year},\n"
                )
                catalogue = f"P-{i:04d},,,,,"
    return "".join(lines)


def queries_of(content: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        values_import(content)
    return len(captured)


def test_an_import_takes_the_same_number_of_queries_for_ten_or_a_thousand_rows(db):
    # Read indicators and sectors; read and create reports, create sectors and indicators; read
    # the stored values and the locked quarters, write the values and their history; read the
    # stored plans, write the plans and their history; savepoints. On PostgreSQL rows go in by
    # COPY whatever their number; elsewhere in batches of 1 000 rows (bulk_writes.BATCH).
    small = queries_of(province_file(1, years=2))  # 12 rows
    Value.objects.all().delete()
    Target.objects.all().delete()
    Indicator.objects.all().delete()
    large = queries_of(province_file(40, years=4))  # 960 rows
    assert Value.objects.count() == 40 * 4 * 5
    assert small == large


def test_an_unchanged_file_writes_nothing_and_a_changed_one_updates_with_history(db):
    values_import(province_file(3))
    history = Value.history.count()
    with CaptureQueriesContext(connection) as captured:
        result = values_import(province_file(3))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 54)
    assert not [q for q in captured if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert Value.history.count() == history

    result = values_import(province_file(3, bump=1))
    assert (result.created, result.updated) == (0, 54)
    assert Value.history.filter(history_type="~").count() == 45
    assert Target.history.filter(history_type="~").count() == 9
    value = Value.objects.get(indicator__code="P-0000", year=2020, quarter=1)
    assert value.value == D("2021.5")


def test_the_history_names_the_user_given_or_the_system_account(db, tmp_path):
    path = tmp_path / "values.csv"
    path.write_text(province_file(1, years=1))
    call_command("import_values", str(path))
    system = get_user_model().objects.get(username=SYSTEM_USERNAME)
    assert not system.is_active and not system.has_usable_password()
    assert {h.history_user for h in Value.history.all()} == {system}
    assert Value.history.first().history_change_reason == "Nhập tệp values.csv"

    clerk = get_user_model().objects.create_user("thamdinh", password="x")
    path.write_text(province_file(1, years=1, bump=1))
    call_command("import_values", str(path), "--user", "thamdinh")
    changed = Value.history.filter(history_type="~")
    assert changed.count() == 5 and {h.history_user for h in changed} == {clerk}


def test_an_unknown_user_is_refused_before_anything_is_read(db, tmp_path):
    path = tmp_path / "values.csv"
    path.write_text(province_file(1, years=1))
    with pytest.raises(CommandError, match="Không có tài khoản “ai-do”"):
        call_command("import_values", str(path), "--user", "ai-do")
    assert not Value.objects.exists()


def test_new_sectors_whose_names_share_their_first_20_letters_get_codes_of_their_own(db):
    SectorFactory(code="LINH-VUC-TONG-HOP-1", name="Đã có")
    body = (
        "A-10,Chỉ tiêu 10,Lĩnh vực tổng hợp 10,ha,higher,sum,2024,actual,,1,R1,\n"
        "A-100,Chỉ tiêu 100,Lĩnh vực tổng hợp 100,ha,higher,sum,2024,actual,,1,R1,\n"
        "A-101,Chỉ tiêu 101,Lĩnh vực tổng hợp 101,ha,higher,sum,2024,actual,,1,R1,\n"
        "A-1,Chỉ tiêu 1,Lĩnh vực tổng hợp 1,ha,higher,sum,2024,actual,,1,R1,\n"
    )
    result = values_import(HEADER + body)
    codes = {s.name: s.code for s in Sector.objects.exclude(name="Đã có")}
    assert codes == {
        "Lĩnh vực tổng hợp 1": "LINH-VUC-TONG-HOP-2",
        "Lĩnh vực tổng hợp 10": "LINH-VUC-TONG-HOP-10",
        "Lĩnh vực tổng hợp 100": "LINH-VUC-TONG-HOP-3",
        "Lĩnh vực tổng hợp 101": "LINH-VUC-TONG-HOP-4",
    }
    assert sorted(result.created_sectors) == sorted(codes.values())
    assert Indicator.objects.get(code="A-100").sector.name == "Lĩnh vực tổng hợp 100"


def test_a_known_sector_is_found_by_code_or_by_name(db):
    SectorFactory(code="KT", name="Kinh tế")
    body = (
        "A-1,Chỉ tiêu 1,KT,ha,higher,sum,2024,actual,,1,R1,\n"
        "A-2,Chỉ tiêu 2,Kinh tế,ha,higher,sum,2024,actual,,1,R1,\n"
    )
    values_import(HEADER + body)
    assert Sector.objects.count() == 1
    assert set(Indicator.objects.values_list("sector__code", flat=True)) == {"KT"}


def test_a_new_indicator_keeps_the_most_decimals_its_figures_have(db):
    body = (
        "A-1,Chỉ tiêu 1,KT,tỷ đồng,higher,sum,2024,actual,,1.5,R1,\n"
        "A-1,,,,,,2024-Q1,actual,,0.125,R1,\n"
        "A-1,,,,,,2025,plan,council,2,R1,\n"
    )
    values_import(HEADER + body)
    assert Indicator.objects.get(code="A-1").decimals == 3


def test_an_import_of_a_known_indicator_keeps_its_catalogue(db):
    indicator = IndicatorFactory(code="A-1", unit="%")
    values_import(HEADER + "A-1,,,,,,2024,actual,,99.5,R1,\n")
    assert Value.objects.get(indicator=indicator).value == D("99.5")
    with pytest.raises(Exception, match="Tỷ lệ phải nằm trong khoảng"):
        values_import(HEADER + "A-1,,,,,,2024,actual,,100.5,R1,\n")
