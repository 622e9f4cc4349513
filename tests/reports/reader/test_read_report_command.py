"""`read_report`: the contract's JSON on stdout, nothing written, clear errors."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.models import Indicator, Statement, Target, Value
from tests.factories import IndicatorFactory

FIGURE_KEYS = {
    "quote",
    "label",
    "indicator_code",
    "match_score",
    "candidates",
    "value",
    "unit",
    "qualifier",
    "period",
    "kind",
    "completion",
    "yoy_pct",
    "yoy_points",
    "yoy_abs",
}
REPORT = """Số: 5268 /BC-UBND

Thành phố Lai Châu, ngày 28 tháng 11 năm 2024

**BÁO CÁO**

**Tình hình thực hiện Kế hoạch phát triển kinh tế - xã hội năm 2024, Kế hoạch năm 2025**

{retail}

{budget}
""".format(
    retail="Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng đạt 4.475 tỷ đồng, đạt 100% kế "
    "hoạch giao, tăng 8% so với cùng kỳ năm 2023.",
    budget="Tổng thu NSDP là 543.753 triệu đồng, đạt 114% so với kế hoạch tỉnh và 113% Nghị quyết "
    "HĐND thành phố giao.",
)


def read(capsys, *args):
    call_command("read_report", *args)
    out = capsys.readouterr().out
    assert "\\u" not in out  # Vietnamese as it is written (ensure_ascii=False)
    return json.loads(out)


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "5268.md"
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_the_json_holds_the_report_and_its_figures_matched_to_the_catalogue(capsys, report):
    IndicatorFactory(
        code="KT-TM-BANLE",
        name="Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
        unit="tỷ đồng",
    )
    IndicatorFactory(code="KT-NS-THU-NSDP", name="Tổng thu ngân sách địa phương", unit="tỷ đồng")
    IndicatorFactory(code="XH-BANLE-PCT", name="Tổng mức bán lẻ hàng hóa", unit="%")
    result = read(capsys, str(report))
    assert result["report"] == {"number": "5268/BC-UBND", "date": "2024-11-28", "period": "2024"}
    retail, budget = result["figures"]
    assert set(retail) == FIGURE_KEYS
    assert retail == {
        "quote": "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng đạt 4.475 tỷ đồng, đạt "
        "100% kế hoạch giao, tăng 8% so với cùng kỳ năm 2023.",
        "label": "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
        "indicator_code": "KT-TM-BANLE",
        "match_score": 1.0,
        # The % indicator of the same words is no candidate for an amount; one sharing "thu" is.
        "candidates": [{"indicator_code": "KT-NS-THU-NSDP", "match_score": 0.14}],
        "value": "4475",
        "unit": "tỷ đồng",
        "qualifier": "",
        "period": "2024",
        "kind": "estimate",
        "completion": [{"pct": "100", "baseline": "plan"}],
        "yoy_pct": "8",
        "yoy_points": None,
        "yoy_abs": None,
    }
    assert (budget["value"], budget["unit"]) == ("543753", "triệu đồng")
    assert budget["completion"] == [
        {"pct": "114", "baseline": "province"},
        {"pct": "113", "baseline": "council"},
    ]
    # "NSDP" is read as "ngân sách địa phương".
    assert budget["indicator_code"] == "KT-NS-THU-NSDP"
    assert budget["match_score"] >= 0.5


@pytest.mark.django_db
def test_given_number_date_and_period_override_the_header_and_nothing_is_written(capsys, report):
    result = read(
        capsys, str(report), "--number", "1/BC", "--date", "2024-10-01", "--period", "2024-M9"
    )
    assert result["report"] == {"number": "1/BC", "date": "2024-10-01", "period": "2024-M9"}
    assert {f["period"] for f in result["figures"]} == {"2024-M9"}
    assert not (Indicator.objects.exists() or Target.objects.exists() or Value.objects.exists())
    assert not Statement.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nonexistent/bao-cao.txt"], "Không tìm thấy tệp"),
        (["{report}", "--date", "28/11/2024"], "YYYY-MM-DD"),
        (["{report}", "--period", "2024-M13"], "Kỳ báo cáo"),
    ],
)
def test_a_bad_file_or_option_is_a_vietnamese_error(report, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("read_report", *[a.format(report=report) for a in args], stdout=StringIO())


@pytest.mark.django_db
def test_a_database_without_the_catalogue_is_a_clear_error(report, monkeypatch):
    from django.db import OperationalError

    def no_table():
        raise OperationalError("no such table: indicators_indicator")

    monkeypatch.setattr("reports.management.commands.read_report.catalogue_entries", no_table)
    with pytest.raises(CommandError, match="migrate"):
        call_command("read_report", str(report), stdout=StringIO())


def test_the_command_fails_without_a_traceback(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    done = subprocess.run(
        [sys.executable, "manage.py", "read_report", str(tmp_path / "none.docx")],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[3],
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode != 0
    assert "Không tìm thấy tệp" in done.stderr
    assert "Traceback" not in done.stderr
