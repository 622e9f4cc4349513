"""`import_values`: a good file loads whole; a file with any bad row saves nothing and says
which rows are wrong and why."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from indicators.importing import ImportRejected, values_import
from indicators.models import Indicator, SourceReport, Target, Value
from tests.factories import IndicatorFactory, SectorFactory, SourceReportFactory

HEADER = (
    "indicator_code,indicator_name,sector,unit,direction,aggregation,period,kind,plan_source,"
    "value,source,quote\n"
)


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def write(tmp_path, body: str, name: str = "values.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_good_file_creates_indicators_targets_values_and_reports(db, tmp_path):
    SectorFactory(code="KT-TM", name="Thương mại - dịch vụ, du lịch")
    path = write(
        tmp_path,
        "TM-KHACH,Lượt khách du lịch,KT-TM,lượt,higher,sum,2025,plan,council,240000,12/NQ-HĐND,\n"
        "TM-KHACH,Lượt khách du lịch,KT-TM,lượt,higher,sum,2025-Q1,estimate,,61000.5,"
        '15/BC-PKT,"Quý I đón 61.000 lượt, tăng 5%"\n'
        "TM-KHACH,,,,,,2025-Q2,actual,,59000,15/BC-PKT,\n"
        "TM-KHACH,,,,,,2025,plan,province,250000,45/QĐ-UBND,\n",
    )
    call_command("import_values", str(path))

    indicator = Indicator.objects.get(code="TM-KHACH")
    assert indicator.sector.code == "KT-TM" and indicator.unit == "lượt" and indicator.decimals == 1
    assert Target.objects.get(indicator=indicator, source="council").value == D("240000")
    assert Target.objects.get(indicator=indicator, source="province").value == D("250000")
    q1 = Value.objects.get(indicator=indicator, quarter=1)
    assert (q1.kind, q1.value, q1.quote) == (
        "estimate",
        D("61000.5"),
        "Quý I đón 61.000 lượt, tăng 5%",
    )
    assert q1.report.number == "15/BC-PKT"
    assert Value.objects.get(indicator=indicator, quarter=2).kind == "actual"
    assert SourceReport.objects.filter(number="45/QĐ-UBND").exists()


def test_importing_the_same_file_twice_changes_nothing(db, tmp_path):
    indicator = IndicatorFactory(code="A-1")
    path = write(tmp_path, "A-1,,,,,,2024,actual,,10,1/BC,\n")
    call_command("import_values", str(path))
    call_command("import_values", str(path))
    assert Value.objects.filter(indicator=indicator).count() == 1


def test_a_file_with_bad_rows_is_rejected_whole_with_every_bad_row_by_line(db, tmp_path):
    known = IndicatorFactory(code="KNOWN", name="Thu ngân sách", unit="tỷ đồng")
    path = write(
        tmp_path,
        "KNOWN,,,,,,2024,actual,,122.195,5268/BC-UBND,\n"  # line 2: good
        "KNOWN,,,,,,2024-Q5,actual,,1,5268/BC-UBND,\n"  # line 3: bad quarter
        'KNOWN,,,,,,2024,actual,,"4,475",5268/BC-UBND,\n'  # line 4: Vietnamese grouping
        "KNOWN,Tên khác,,,,,2024,estimate,,1,5268/BC-UBND,\n"  # line 5: catalogue disagrees
        "NEW-1,Chỉ tiêu mới,KT,%,sideways,sum,2024,actual,,1,X,\n"  # line 6: bad direction
        "NEW-2,,,,,,2024,actual,,1,X,\n"  # line 7: unknown code without catalogue
        "KNOWN,,,,,,2024,guess,,1,,\n",  # line 8: bad kind, no source
    )
    with pytest.raises(CommandError) as excinfo:
        call_command("import_values", str(path))
    message = str(excinfo.value)
    assert "không lưu dòng nào" in message
    assert "Dòng 2" not in message
    assert "Dòng 3: kỳ “2024-Q5” không hợp lệ" in message
    assert "Dòng 4: giá trị “4,475” không hợp lệ" in message
    assert "Dòng 5: chỉ tiêu KNOWN đã có indicator_name là “Thu ngân sách”" in message
    assert "Dòng 6: chiều “sideways” không hợp lệ" in message
    assert "Dòng 7: chỉ tiêu mới NEW-2 cần đủ các cột" in message
    assert "Dòng 8: loại “guess” không hợp lệ" in message
    assert "thiếu số hiệu báo cáo nguồn" in message
    assert not Value.objects.filter(indicator=known).exists()
    assert not Indicator.objects.filter(code__startswith="NEW").exists()
    assert not SourceReport.objects.exists()


def test_a_failure_while_saving_rolls_back_everything(db, monkeypatch):
    IndicatorFactory(code="A-1")
    from indicators import services

    def fail(**kwargs):
        raise RuntimeError("disk full")

    # The values are written first, then the plans: the failure comes after some writes.
    monkeypatch.setattr(services, "targets_bulk_set", fail)
    with pytest.raises(RuntimeError):
        values_import(HEADER + "A-1,,,,,,2024-Q1,actual,,1,R1,\nA-1,,,,,,2024,plan,council,2,R1,\n")
    assert not Value.objects.exists()
    assert not SourceReport.objects.filter(number="R1").exists()


def test_duplicate_rows_in_one_file_are_refused(db):
    IndicatorFactory(code="A-1")
    with pytest.raises(ImportRejected) as excinfo:
        values_import(HEADER + "A-1,,,,,,2024,actual,,1,R1,\nA-1,,,,,,2024,actual,,2,R1,\n")
    assert excinfo.value.errors == ["Dòng 3: trùng với dòng 2 (cùng chỉ tiêu, kỳ, loại và nguồn)."]


def test_new_codes_must_agree_with_themselves_across_rows(db):
    SectorFactory(code="KT")
    body = (
        "N-1,Tên,KT,người,higher,sum,2024,actual,,1,R1,\n"
        "N-1,Tên,KT,người,lower,sum,2023,actual,,1,R1,\n"
    )
    with pytest.raises(ImportRejected) as excinfo:
        values_import(HEADER + body)
    assert "Dòng 3: thông tin chỉ tiêu N-1 khác với dòng 2" in excinfo.value.errors[0]


def test_missing_columns_are_reported_on_the_header_line(db):
    with pytest.raises(ImportRejected) as excinfo:
        values_import("indicator_code,value\nA,1\n")
    assert excinfo.value.errors[0].startswith("Dòng 1: thiếu cột indicator_name, sector")


def test_an_empty_file_is_refused(db):
    with pytest.raises(ImportRejected):
        values_import(HEADER)


def test_a_byte_order_mark_is_accepted(db, tmp_path):
    IndicatorFactory(code="A-1")
    SourceReportFactory(number="R1")
    path = tmp_path / "bom.csv"
    path.write_text("\ufeff" + HEADER + "A-1,,,,,,2024,actual,,7,R1,\n", encoding="utf-8")
    call_command("import_values", str(path))
    assert Value.objects.get().value == D("7")
