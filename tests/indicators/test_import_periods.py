"""Cumulative periods (lũy kế n tháng, đến ngày): `import_values` reads them beside the year
and the quarters, and the database keeps one figure per indicator, period, kind and report.
Run on SQLite (the ORM path) and on PostgreSQL (the COPY path) alike."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import translation

from indicators.models import Target, Value
from indicators.services import value_record
from tests.factories import IndicatorFactory, SourceReportFactory

HEADER = (
    "indicator_code,indicator_name,sector,unit,direction,aggregation,period,kind,plan_source,"
    "value,source,quote\n"
)
NEW = "GN-VON,Giải ngân vốn đầu tư công,Kinh tế,triệu đồng,higher,sum"


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def write(tmp_path, body: str):
    path = tmp_path / "values.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def periods_of(code: str) -> dict[tuple[object, ...], D]:
    return {
        (v.year, v.quarter, v.months, v.as_of, v.kind): v.value
        for v in Value.objects.filter(indicator__code=code)
    }


def test_cumulative_periods_are_imported_beside_the_year_and_quarters(db, tmp_path):
    path = write(
        tmp_path,
        f"{NEW},2024,plan,council,116633,5268/BC-UBND,\n"
        f"{NEW},2024-Q2,actual,,9000,5268/BC-UBND,\n"
        f"{NEW},2024-M6,actual,,20000,5268/BC-UBND,\n"
        f"{NEW},2024-M9,estimate,,28000,5268/BC-UBND,\n"
        f"{NEW},2024-M12,estimate,,80000,5268/BC-UBND,\n"  # twelve months: the year
        f"{NEW},2024-11-28,actual,,31548,5268/BC-UBND,\n"
        f'{NEW},2024@2025-01-31,estimate,,74947,5268/BC-UBND,"đến 31/01/2025 là 74.947"\n'
        f"{NEW},2025-01-31,actual,,1200,5268/BC-UBND,\n",
    )
    call_command("import_values", str(path), verbosity=0)
    assert periods_of("GN-VON") == {
        (2024, 2, None, None, "actual"): D(9000),
        (2024, None, 6, None, "actual"): D(20000),
        (2024, None, 9, None, "estimate"): D(28000),
        (2024, None, None, None, "estimate"): D(80000),
        (2024, None, None, date(2024, 11, 28), "actual"): D(31548),
        (2024, None, None, date(2025, 1, 31), "estimate"): D(74947),
        (2025, None, None, date(2025, 1, 31), "actual"): D(1200),
    }
    assert Target.objects.get(indicator__code="GN-VON").is_whole_year
    as_of = Value.objects.get(indicator__code="GN-VON", year=2024, as_of=date(2025, 1, 31))
    assert (str(as_of.period), as_of.quote) == ("2024@2025-01-31", "đến 31/01/2025 là 74.947")

    # The same file again changes nothing; a changed six-month figure is an update, not a row.
    call_command("import_values", str(path), verbosity=0)
    assert Value.objects.filter(indicator__code="GN-VON").count() == 7
    path.write_text(path.read_text().replace(",20000,", ",21000,"), encoding="utf-8")
    call_command("import_values", str(path), verbosity=0)
    assert periods_of("GN-VON")[(2024, None, 6, None, "actual")] == D(21000)
    assert Value.objects.filter(indicator__code="GN-VON").count() == 7


def test_a_bad_period_rejects_the_file_with_its_line(db, tmp_path):
    path = write(
        tmp_path,
        f"{NEW},2024-M6,actual,,20000,5268/BC-UBND,\n"
        f"{NEW},2024-M13,actual,,1,5268/BC-UBND,\n"
        f"{NEW},2024-02-30,actual,,1,5268/BC-UBND,\n"
        f"{NEW},2024@2026-01-31,actual,,1,5268/BC-UBND,\n"
        f"{NEW},2024-M6,actual,,3,5268/BC-UBND,\n",
    )
    with pytest.raises(CommandError) as caught:
        call_command("import_values", str(path), verbosity=0)
    message = str(caught.value)
    for line in (3, 4, 5):
        assert f"Dòng {line}: kỳ" in message
    assert "Dòng 6: trùng với dòng 2" in message
    assert "Dòng 2:" not in message
    assert not Value.objects.exists()


def value(**period: object) -> Value:
    indicator = IndicatorFactory(code="X")
    report = SourceReportFactory(number="R/1")
    return Value(indicator=indicator, year=2024, kind="actual", value=D(1), report=report, **period)


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ({"months": 12}, "Số tháng lũy kế từ 1 đến 11"),
        ({"months": 0}, "Số tháng lũy kế từ 1 đến 11"),
        ({"quarter": 2, "months": 6}, "Chỉ ghi một kỳ"),
        ({"months": 6, "as_of": date(2024, 6, 30)}, "Chỉ ghi một kỳ"),
        ({"as_of": date(2026, 1, 31)}, "Ngày lũy kế phải thuộc năm của số liệu hoặc năm sau"),
        ({"as_of": date(2023, 12, 31)}, "Ngày lũy kế phải thuộc năm của số liệu hoặc năm sau"),
    ],
)
def test_the_database_refuses_a_period_that_is_not_one(db, period, message):
    bad = value(**period)
    with translation.override("vi"), pytest.raises(ValidationError, match=message):
        bad.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        bad.save()


def test_one_value_per_indicator_cumulative_period_kind_and_report(db):
    first = value(months=6)
    first.save()
    Value.objects.create(
        indicator=first.indicator,
        year=2024,
        kind="actual",
        value=D(2),
        report=first.report,
        quarter=2,
    )  # the quarter's own figure is another period
    Value.objects.create(
        indicator=first.indicator,
        year=2024,
        kind="actual",
        value=D(2),
        report=first.report,
    )  # and so is the year
    twin = Value(
        indicator=first.indicator,
        year=2024,
        kind="actual",
        value=D(3),
        report=first.report,
        months=6,
    )
    with pytest.raises(ValidationError, match="đã có số liệu lũy kế của số tháng này"):
        twin.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
    dated = dict(indicator=first.indicator, year=2024, kind="actual", report=first.report)
    Value.objects.create(**dated, value=D(4), as_of=date(2025, 1, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        Value.objects.create(**dated, value=D(5), as_of=date(2025, 1, 31))


def test_recording_the_years_value_leaves_the_six_months_alone(db):
    six = value(months=6)
    six.save()
    common = {"indicator": six.indicator, "kind": "actual", "report": six.report}
    year = value_record(**common, year=2024, quarter=None, value=D(40))
    assert year.pk != six.pk and year.is_whole_year
    again = value_record(**common, year=2024, quarter=None, months=6, value=D(7))
    assert again.pk == six.pk
    six.refresh_from_db()
    assert six.value == D(7)
    assert Value.objects.whole_year().get(indicator=six.indicator).value == D(40)


def test_check_reports_lists_cumulative_figures_that_disagree(db, tmp_path, capsys):
    path = write(
        tmp_path,
        f"{NEW},2024-Q1,actual,,10,1/BC,\n"
        f"{NEW},2024-Q2,actual,,20,1/BC,\n"
        f"{NEW},2024-Q3,actual,,30,1/BC,\n"
        f"{NEW},2024-M9,estimate,,61,2/BC,\n"  # the quarters make 60
        f"{NEW},2024-11-28,estimate,,70,2/BC,\n"
        f"{NEW},2024-11-28,estimate,,72,3/BC,\n",  # two reports, one date, two figures
    )
    call_command("import_values", str(path), verbosity=0)
    capsys.readouterr()
    call_command("check_reports")
    out = capsys.readouterr().out
    assert "GN-VON 2024-11-28 (estimate):" in out
    assert "GN-VON 2024-M9: 61 triệu đồng used" in out
    assert "GN-VON 2024-M6" not in out  # no stated six months: nothing to contradict
