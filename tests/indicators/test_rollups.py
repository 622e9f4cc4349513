"""The rolled-up figures (IndicatorFigure): every way figures are written keeps them equal to a
recomputation from the values and targets, and what the pages read from them is what computing
the year would show."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from accounts.models import Role
from entry import services
from indicators import data_version, rollups
from indicators.models import Indicator, IndicatorFigure, PlanSource, Target, Value
from indicators.selectors import _year_of as year_of
from indicators.selectors import indicator_queryset, indicator_years, with_figures
from tests.builders import YEAR, build_department, make_user, review, save
from tests.factories import IndicatorFactory, SourceReportFactory, TargetFactory, ValueFactory


def stored() -> set[tuple[object, ...]]:
    return {rollups.row_key(r) for r in IndicatorFigure.objects.all()}


def recomputed() -> set[tuple[object, ...]]:
    return {rollups.row_key(r) for r in rollups.computed_rows()}


def assert_current() -> None:
    assert stored() == recomputed()


@pytest.mark.django_db(transaction=True)
def test_every_write_path_keeps_the_rollups_equal_to_a_recomputation(client, tmp_path):
    # Committed for real: rows are rewritten when each write commits.
    call_command("load_lai_chau", verbosity=0)
    assert IndicatorFigure.objects.exists()
    assert_current()

    # A department's quarter: saved, submitted, approved (published), reopened, returned.
    department, indicators = build_department(4)
    staff, reviewer = make_user(Role.STAFF, department), make_user(Role.REVIEWER)
    assert_current()
    save(staff, department, {i.pk: "61" for i in indicators}, submit=True)
    assert_current()
    review(services.submission_approve, reviewer, department)
    assert_current()
    published = IndicatorFigure.objects.get(
        indicator=indicators[0], year=YEAR, period="Y", baseline=PlanSource.COUNCIL
    )
    assert published.actual == D("151")  # 40 + 50 + 61, summed once approved
    review(services.submission_send_back, reviewer, department, comment="Sai", how=services.REOPEN)
    assert_current()
    save(staff, department, {indicators[0].pk: "70"}, submit=True)
    review(services.submission_send_back, reviewer, department, comment="Lại", how=services.RETURN)
    assert_current()

    # The admin: a value changed, a target added and deleted; an old version restored.
    admin = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw")
    client.force_login(admin)
    value = Value.objects.filter(quarter=None, is_published=True).first()
    assert value is not None
    response = client.post(
        reverse("admin:indicators_value_change", args=[value.pk]),
        {
            "indicator": value.indicator_id,
            "year": value.year,
            "quarter": "",
            "kind": value.kind,
            "value": "999",
            "report": value.report_id,
            "quote": value.quote,
            "derivation": value.derivation,
            "note": "",
            "flag": "",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert_current()
    target = TargetFactory(indicator=value.indicator, year=value.year, value=D("1000"))
    assert_current()
    target.delete()
    assert_current()
    value.refresh_from_db()
    value.history.earliest().instance.save()  # what the history's "revert" does
    assert_current()

    # A CSV import.
    csv = tmp_path / "values.csv"
    csv.write_text(
        "indicator_code,indicator_name,sector,unit,direction,aggregation,period,kind,"
        "plan_source,value,source,quote\n"
        "NEW-1,Chỉ tiêu mới,KT,tỷ đồng,higher,sum,2024,plan,council,100,IMP/1,\n"
        "NEW-1,Chỉ tiêu mới,KT,tỷ đồng,higher,sum,2024-Q1,actual,,30,IMP/1,\n"
        "NEW-1,Chỉ tiêu mới,KT,tỷ đồng,higher,sum,2024-Q2,actual,,45,IMP/1,\n"
        "NEW-1,Chỉ tiêu mới,KT,tỷ đồng,higher,sum,2024-M6,actual,,80,IMP/1,\n",
        encoding="utf-8",
    )
    call_command("import_values", str(csv), verbosity=0)
    assert_current()
    figures = {
        f.period: f
        for f in IndicatorFigure.objects.filter(
            indicator__code="NEW-1", year=2024, baseline="council"
        )
    }
    new = figures["Y"]
    assert (new.actual, new.completion_pct, new.status) == (D(75), D(75), "not_achieved")
    # Six months: the stated 80 wins over the quarters' 30 + 45, which contradict it; 80% of
    # the annual plan, against a calendar pace of 50% (no last year to go by).
    six = figures["M6"]
    assert (six.actual, six.completion_pct, six.pace_pct) == (D(80), D(80), D(50))
    assert six.reports_disagree
    assert (figures["Q2"].actual, figures["M3"].actual, figures["M9"].actual) == (
        D(45),
        D(30),
        None,
    )

    # An indicator's catalogue change (a stock instead of a flow) and a report's new date.
    indicator = Indicator.objects.get(code="NEW-1")
    indicator.aggregation = "last"
    indicator.save()
    assert_current()
    report = value.report
    report.date = datetime.date(2030, 1, 1)
    report.save()
    assert_current()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_keeps_what_the_transaction_still_commits():
    kept, dropped = ValueFactory(year=2024, value=D(1)), ValueFactory(year=2024, value=D(2))
    with transaction.atomic():
        kept.value = D(10)
        kept.save()
        try:
            with transaction.atomic():
                dropped.value = D(20)
                dropped.save()
                raise RuntimeError
        except RuntimeError:
            pass
    assert IndicatorFigure.objects.get(
        indicator=kept.indicator, year=2024, period="Y", baseline="council"
    ).actual == D(10)
    assert IndicatorFigure.objects.get(
        indicator=dropped.indicator, year=2024, period="Y", baseline="council"
    ).actual == D(2)
    assert_current()


@pytest.mark.django_db(transaction=True)
def test_a_bulk_write_reaches_the_rollups_through_bump():
    indicator = IndicatorFactory()
    report = SourceReportFactory()
    with transaction.atomic():
        Value.objects.bulk_create(
            [Value(indicator=indicator, year=2024, kind="actual", value=D(5), report=report)]
        )
        data_version.bump(indicator_ids=[indicator.pk])
        assert not IndicatorFigure.objects.filter(indicator=indicator).exists()  # not yet
    assert IndicatorFigure.objects.get(
        indicator=indicator, year=2024, period="Y", baseline="council"
    ).actual
    # Without ids every row is rebuilt, after the commit.
    with transaction.atomic():
        Value.objects.filter(indicator=indicator).update(value=D(7))
        data_version.bump()
    assert IndicatorFigure.objects.get(
        indicator=indicator, year=2024, period="Y", baseline="council"
    ).actual == D(7)


def test_a_transaction_reads_its_own_writes(db):
    value = ValueFactory(year=2024, value=D(3))
    assert not IndicatorFigure.objects.exists()  # rewritten on commit, or when read
    (row,) = with_figures(
        Indicator.objects.filter(pk=value.indicator_id), year=2024, baseline="council"
    )
    assert row.fig_actual == D(3)
    assert_current()


def test_rebuild_rollups_repairs_what_check_finds(db):
    ValueFactory(year=2024, value=D(3))
    rollups.ensure_fresh()
    IndicatorFigure.objects.all().delete()
    with pytest.raises(CommandError, match="differ"):
        call_command("rebuild_rollups", "--check")
    call_command("rebuild_rollups", verbosity=0)
    call_command("rebuild_rollups", "--check")
    assert IndicatorFigure.objects.exists()


def test_term_targets_are_measured_over_their_term(db):
    indicator = IndicatorFactory()
    TargetFactory(indicator=indicator, year=2025, source=PlanSource.TERM, value=D(50))
    ValueFactory(indicator=indicator, year=2022, value=D(40))
    rollups.ensure_fresh()
    years = set(
        IndicatorFigure.objects.filter(indicator=indicator, baseline="term").values_list(
            "year", flat=True
        )
    )
    assert years == set(range(2020, 2026))
    row = IndicatorFigure.objects.get(indicator=indicator, year=2022, period="Y", baseline="term")
    assert (row.plan, row.completion_pct) == (D(50), D(80))


def test_the_pages_read_what_computing_the_year_shows(lai_chau):
    """Every indicator, year and baseline of the Lai Châu data: the rolled-up row as the pages
    read it is the IndicatorYear computed from the values and targets."""
    compared = 0
    for year in range(2021, 2027):
        for baseline in PlanSource.values:
            computed = {r.indicator.pk: r for r in indicator_years(year=year, baseline=baseline)}
            for indicator in with_figures(indicator_queryset(), year=year, baseline=baseline):
                read = year_of(indicator, year=year, baseline=baseline)
                expected = computed[indicator.pk]
                for name in (
                    "plan",
                    "actual",
                    "actual_kind",
                    "actual_value_id",
                    "previous",
                    "status",
                    "next_plan",
                    "reports_disagree",
                ):
                    assert getattr(read, name) == getattr(expected, name), (indicator, name)
                for name in ("completion_pct", "next_plan_vs_actual_pct", "yoy_pct", "change"):
                    got, want = getattr(read, name), getattr(expected, name)
                    assert (got is None) == (want is None), (indicator, name)
                    if want is not None:
                        assert abs(got - want) < D("1e-9"), (indicator, name)
                compared += 1
    assert compared > 1000


def test_the_year_switch_lists_the_years_of_published_values(db):
    from indicators.selectors import years_with_figures

    ValueFactory(year=2019)
    ValueFactory(year=2023)
    ValueFactory(year=2023)
    hidden = ValueFactory(year=2017)
    Value.objects.filter(pk=hidden.pk).update(is_published=False)
    assert years_with_figures() == [2019, 2023]
    assert years_with_figures(including=2030) == [2019, 2023, 2030]
    assert Target.objects.count() == 0
