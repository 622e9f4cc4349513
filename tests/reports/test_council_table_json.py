"""`export_council_table --format json|csv`: the contract of domain.md, and the report's own
summary ("Có 01 chỉ tiêu chủ yếu và 02 chỉ tiêu thành phần ... không đạt") coming out of data."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from indicators.computations import round_half_up
from indicators.models import Indicator
from reports.council_table import JSON_FIELDS, council_table


def export(capsysbinary, *args: str) -> bytes:
    call_command("export_council_table", *args)
    return capsysbinary.readouterr().out


@pytest.fixture
def table_2024(lai_chau, capsysbinary):
    return json.loads(export(capsysbinary, "--year", "2024", "--format", "json"))


def test_json_lists_the_main_indicators_with_exactly_the_contract_fields(table_2024):
    assert table_2024
    assert all(list(row) == JSON_FIELDS for row in table_2024)
    codes = {row["code"] for row in table_2024}
    main = set(Indicator.objects.main().values_list("code", flat=True))
    assert codes == main
    assert all(
        row["status"] in {"exceeded", "achieved", "not_achieved", "no_plan"} for row in table_2024
    )
    assert all(row["actual_kind"] in {"actual", "estimate", None} for row in table_2024)


def test_json_numbers_follow_the_rules_of_domain_md(table_2024):
    by_code = {i.code: i for i in Indicator.objects.all()}
    for row in table_2024:
        indicator = by_code[row["code"]]
        plan, actual = row["plan"], row["actual"]
        if plan and actual:
            expected = (
                plan / actual * 100 if indicator.direction == "lower" else actual / plan * 100
            )
            assert row["completion_pct"] == pytest.approx(expected, rel=1e-9), row
        else:
            assert row["completion_pct"] is None and row["status"] == "no_plan", row
        if row["next_plan"] is not None and actual:
            assert row["next_plan_vs_actual_pct"] == pytest.approx(row["next_plan"] / actual * 100)
        if not indicator.unit.startswith(("%", "‰")):
            assert row["yoy_points"] is None, row


def test_the_reports_summary_of_what_was_not_achieved_comes_out_of_the_data(table_2024):
    indicators = {i.code: i for i in Indicator.objects.all()}
    group_sizes = Counter(i.council_group for i in indicators.values() if i.is_main)
    not_achieved = [
        indicators[row["code"]]
        for row in table_2024
        if row["status"] == "not_achieved" and indicators[row["code"]].is_main
    ]
    main = [i for i in not_achieved if group_sizes[i.council_group] == 1]
    components = [i for i in not_achieved if group_sizes[i.council_group] > 1]
    # "Có 01 chỉ tiêu chủ yếu và 02 chỉ tiêu thành phần ... không đạt kế hoạch đề ra"
    assert (len(main), len(components)) == (1, 2)
    budget = next(row for row in table_2024 if row["code"] == main[0].code)
    assert main[0].council_group == 2
    assert round_half_up(D(str(budget["completion_pct"])), 0) == 67
    assert budget["actual_kind"] == "estimate"
    assert budget["actual"] == pytest.approx(122.195)  # the November report, not October's


def test_the_baseline_can_be_the_province_plan(lai_chau, capsysbinary):
    rows = json.loads(
        export(capsysbinary, "--year", "2024", "--format", "json", "--baseline", "province")
    )
    budget = next(r for r in rows if r["code"] == Indicator.objects.get(council_group=2).code)
    assert round_half_up(D(str(budget["completion_pct"])), 0) == 68


def test_all_lists_every_indicator_and_a_file_gets_the_same_bytes(lai_chau, capsysbinary, tmp_path):
    everything = json.loads(export(capsysbinary, "--year", "2024", "--format", "json", "--all"))
    assert len(everything) == Indicator.objects.count()
    out = tmp_path / "table.json"
    export(capsysbinary, "--year", "2024", "--format", "json", "--all", "-o", str(out))
    assert json.loads(out.read_bytes()) == everything


def test_csv_is_utf8_with_a_byte_order_mark_and_the_same_columns(lai_chau, capsysbinary):
    data = export(capsysbinary, "--year", "2024", "--format", "csv")
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(JSON_FIELDS)
    assert len(lines) == 1 + Indicator.objects.main().count()
    assert "Thu nhập bình quân đầu người" in data.decode("utf-8-sig")


def test_the_council_table_takes_a_fixed_number_of_queries(lai_chau, django_assert_num_queries):
    # 1 indicators (with sector, its parent, department, parent indicator),
    # 2 values of this year and last, 3 targets of this year, next year and the term.
    with django_assert_num_queries(3):
        rows = council_table(year=2024, all_indicators=True)
    assert len(rows) == Indicator.objects.count()


def test_components_follow_their_total(lai_chau):
    rows = council_table(year=2024)
    for index, row in enumerate(rows):
        if row.depth == 1:
            previous = rows[index - 1].indicator
            assert row.indicator.parent_id in (previous.pk, previous.parent_id)
