"""`load_lai_chau`: every indicator of both reports, with provenance, loaded idempotently."""

from __future__ import annotations

import datetime
import shutil
from decimal import Decimal as D

import pytest
import yaml
from django.core.management import CommandError, call_command

from indicators.loading import (
    LAI_CHAU_DIR,
    DatasetError,
    load_dataset,
    normalise_text,
    report_text,
    validate_dataset,
)
from indicators.models import Indicator, SourceReport, Statement, Target, Value


def test_the_data_set_is_valid():
    assert validate_dataset() == []


def test_both_reports_load_with_well_over_a_hundred_values(lai_chau):
    assert SourceReport.objects.count() == 2
    assert Indicator.objects.count() >= 100
    assert Value.objects.filter(is_derived=False).count() >= 150
    assert lai_chau.indicators == Indicator.objects.count()
    # Every sector group of the reports is represented.
    top_codes = set(Indicator.objects.values_list("sector__parent__code", flat=True))
    assert {"KT", "VX", "TN", "CQ", "QA"} <= top_codes


def test_loading_twice_changes_nothing(lai_chau):
    before = {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Indicator, Target, Value, Statement)
    }
    history_before = Value.history.count() + Target.history.count()
    second = load_dataset()
    after = {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Indicator, Target, Value, Statement)
    }
    assert after == before
    assert second.removed == 0
    assert Value.history.count() + Target.history.count() == history_before


def test_every_figure_carries_its_report_and_the_sentence_it_was_read_from(lai_chau):
    for model in (Target, Value, Statement):
        for obj in model.objects.select_related("report"):
            assert obj.quote, f"{model.__name__} {obj.pk} has no quote"
            text = report_text(obj.report.text_file)
            assert normalise_text(obj.quote) in text, f"{obj} quote not in {obj.report}"


def test_derived_figures_say_so_and_show_their_arithmetic(lai_chau):
    derived = list(Target.objects.filter(is_derived=True)) + list(
        Value.objects.filter(is_derived=True)
    )
    assert len(derived) >= 20
    for obj in derived:
        assert "=" in obj.derivation, obj
    stated_only_as_pct = Target.objects.get(indicator__council_group=3, year=2024, source="council")
    assert stated_only_as_pct.is_derived
    assert "102,7%" in stated_only_as_pct.derivation


def test_both_budget_revenue_estimates_are_kept_with_their_sources(lai_chau):
    budget = Indicator.objects.get(council_group=2)
    estimates = Value.objects.filter(indicator=budget, year=2024, quarter=None, kind="estimate")
    by_report = {v.report.number: v.value for v in estimates.select_related("report")}
    assert by_report["5268/BC-UBND"] == D("122.195")
    assert D("130.436") in by_report.values()
    assert all(v.flag for v in estimates if v.value == D("130.436"))


def test_the_report_slips_are_recorded_as_written_and_flagged(lai_chau):
    growth_2025 = Target.objects.get(
        indicator__unit="‰", indicator__council_group=4, year=2025, source="council"
    )
    assert growth_2025.value == D("9.58")
    assert "%" in growth_2025.flag
    assert Value.objects.filter(quote__contains="3.235,8ha").exclude(flag="").exists()


def test_components_hang_under_their_totals(lai_chau):
    budget = Indicator.objects.get(council_group=2)
    assert budget.components.count() >= 2
    assert all(not c.is_main for c in budget.components.all())


@pytest.fixture
def dataset_copy(tmp_path):
    target = tmp_path / "lai_chau"
    shutil.copytree(LAI_CHAU_DIR, target)
    return target


def test_figures_removed_from_the_files_are_removed_from_the_database(db, dataset_copy):
    load_dataset(dataset_copy)
    path = dataset_copy / "economy.yaml"
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    victim = next(i for i in items if i.get("values") and not i.get("statements"))
    dropped = victim["values"].pop()
    path.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")

    summary = load_dataset(dataset_copy)

    assert summary.removed == 1
    assert not Value.objects.filter(
        indicator__code=victim["code"], year=dropped["year"], value=D(dropped["value"])
    ).exists()


def test_a_bad_data_file_loads_nothing_and_says_why(db, dataset_copy):
    path = dataset_copy / "economy.yaml"
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    items[0]["values"][0]["value"] = 4.475  # a YAML float: the classic thousands trap
    items[1]["values"][0]["quote"] = "a sentence no report contains"
    path.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")

    with pytest.raises(DatasetError) as excinfo:
        load_dataset(dataset_copy)

    problems = "\n".join(excinfo.value.problems)
    assert "must be a quoted string" in problems
    assert "quote not found" in problems
    assert not Indicator.objects.exists()
    assert not SourceReport.objects.exists()


def test_load_lai_chau_command_reports_what_it_loaded(db, capsys):
    call_command("load_lai_chau")
    out = capsys.readouterr().out
    assert f"{Indicator.objects.count()} indicators" in out
    assert f"{Value.objects.filter(is_derived=False).count()} values" in out


def test_load_lai_chau_command_fails_loudly_on_a_bad_data_set(db, monkeypatch):
    from indicators.management.commands import load_lai_chau

    def broken(**kwargs):
        raise DatasetError(["economy.yaml X: unknown sector 'ZZ'"])

    monkeypatch.setattr(load_lai_chau, "load_dataset", broken)
    with pytest.raises(CommandError, match="unknown sector 'ZZ'"):
        call_command("load_lai_chau")


def test_year_to_date_disbursement_is_loaded_as_cumulative_to_its_date(lai_chau):
    """Report 5268/BC-UBND's disbursement to its own date (28/11/2024) and to 31/01/2025
    (footnote 35, section 9), beside the year's estimates, each with its sentence."""
    as_of = {
        (v.indicator.code, v.as_of, v.kind): v
        for v in Value.objects.filter(
            as_of__isnull=False, indicator__code__startswith="KT-DT"
        ).select_related("indicator")
    }
    report_day, january = datetime.date(2024, 11, 28), datetime.date(2025, 1, 31)
    expected = {
        ("KT-DT-GIAINGAN", report_day, "actual"): "31548",
        ("KT-DT-GIAINGAN", january, "estimate"): "74947",
        ("KT-DT-GIAINGAN-TINH", report_day, "actual"): "7761",
        ("KT-DT-GIAINGAN-TINH", january, "estimate"): "20117",
        ("KT-DT-GIAINGAN-TP", report_day, "actual"): "23453",
        ("KT-DT-GIAINGAN-TP", january, "estimate"): "54085",
        ("KT-DT-GIAINGAN-TP-MTQG", report_day, "actual"): "6648",
        ("KT-DT-GIAINGAN-TP-MTQG", january, "estimate"): "10994",
        ("KT-DT-GIAINGAN-KEODAI", report_day, "actual"): "334",
        ("KT-DT-GIAINGAN-KEODAI", january, "estimate"): "745",
        ("KT-DT-MTQG", report_day, "actual"): "8515",
        ("KT-DT-MTQG-DTTS", report_day, "actual"): "6095",
        ("KT-DT-MTQG-GNBV", report_day, "actual"): "39",
        ("KT-DT-MTQG-NTM", report_day, "actual"): "2381",
    }
    assert {key: str(v.value.normalize()) for key, v in as_of.items()} == expected
    assert all(v.year == 2024 and v.report.number == "5268/BC-UBND" for v in as_of.values())
    total = as_of[("KT-DT-GIAINGAN", report_day, "actual")]
    assert "31.548 triệu đồng, đạt 27% kế hoạch vốn" in total.quote
    assert str(total.period) == "2024-11-28"
    assert str(as_of[("KT-DT-GIAINGAN", january, "estimate")].period) == "2024@2025-01-31"
    # The year's estimate stays what the year's table reads.
    (year,) = Value.objects.whole_year().filter(indicator__code="KT-DT-GIAINGAN")
    assert year.value == D("74947")


def test_year_to_date_accident_counts_are_cumulative_and_so_is_last_years_same_period(lai_chau):
    """ "Lũy kế từ đầu năm đến nay ... 11 vụ TNGT ... tăng 03 vụ so với cùng kỳ năm 2023": to
    the report's date, against the same date of 2023 (derived), never a whole year."""
    report_day = datetime.date(2024, 11, 28)
    codes = ("QA-AN-TNGT-VU", "QA-AN-TNGT-CHET", "QA-AN-TNGT-THUONG")
    values = Value.objects.filter(indicator__code__in=codes).select_related("indicator")
    assert not [v for v in values if v.is_whole_year]
    stated = {v.indicator.code: v for v in values if not v.is_derived}
    derived = {v.indicator.code: v for v in values if v.is_derived}
    assert {c: (v.as_of, v.value) for c, v in stated.items()} == {
        "QA-AN-TNGT-VU": (report_day, D(11)),
        "QA-AN-TNGT-CHET": (report_day, D(2)),
        "QA-AN-TNGT-THUONG": (report_day, D(10)),
    }
    assert all(v.quote.startswith("Lũy kế từ đầu năm đến nay") for v in stated.values())
    assert {c: (v.year, v.as_of, v.value) for c, v in derived.items()} == {
        "QA-AN-TNGT-VU": (2023, datetime.date(2023, 11, 28), D(8)),  # 11 − 3
        "QA-AN-TNGT-CHET": (2023, datetime.date(2023, 11, 28), D(3)),
        "QA-AN-TNGT-THUONG": (2023, datetime.date(2023, 11, 28), D(7)),
    }
    assert "lũy kế đến 28/11/2023" in derived["QA-AN-TNGT-VU"].derivation
    assert Statement.objects.filter(indicator__code__in=codes, as_of=report_day).count() == 3
