"""The pages a leader reads: the main-indicator table, the reasons beside a shortfall, the way
from a sector to its sub-sectors, search ranking."""

from __future__ import annotations

import re

import pytest

from indicators.models import Indicator


def table_html(html: str, table_id: str) -> str:
    match = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S)
    assert match, table_id
    return match.group(0)


def test_main_indicator_groups_carry_their_names(client, lai_chau):
    html = table_html(client.get("/", {"year": 2024}).content.decode(), "main-indicators")
    groups = re.findall(r'<tr class="table-group-divider main-group"><th[^>]*>(.*?)</th>', html)
    assert len(groups) == 8
    assert " ".join(groups[1].split()) == "(2) Thu ngân sách nhà nước trên địa bàn"
    assert all(len(g.split()) > 1 for g in groups)  # a number and a name, never "(n)" alone


def test_the_change_column_is_dropped_when_no_main_indicator_has_one(client, lai_chau):
    response = client.get("/", {"year": 2024})
    assert not response.context["summary"].main_has_change
    assert "So cùng kỳ" not in table_html(response.content.decode(), "main-indicators")


@pytest.mark.django_db
def test_the_change_column_is_shown_when_a_main_indicator_has_one(client):
    from decimal import Decimal as D

    from tests.factories import IndicatorFactory, TargetFactory, ValueFactory

    indicator = IndicatorFactory(is_main=True, council_group=1)
    TargetFactory(indicator=indicator, year=2024, value=D("100"))
    ValueFactory(indicator=indicator, year=2024, value=D("110"))
    ValueFactory(indicator=indicator, year=2023, value=D("100"), kind="actual")
    html = table_html(client.get("/", {"year": 2024}).content.decode(), "main-indicators")
    assert "So cùng kỳ" in html and "+10,0%" in html


def test_next_plan_of_a_rate_is_a_difference_in_points(client, lai_chau):
    html = table_html(client.get("/", {"year": 2024}).content.decode(), "main-indicators")
    ehr = Indicator.objects.get(name__startswith="Tỷ lệ dân số được quản lý bằng hồ sơ")
    row = re.search(rf"<tr>\s*<td><a href=\"/indicators/{ehr.code}/.*?</tr>", html, re.S)
    assert row
    assert "158,3%" not in row.group(0)
    assert "+35 điểm %" in row.group(0)


def test_a_shortfall_shows_the_cause_the_report_states(client, lai_chau):
    html = table_html(client.get("/", {"year": 2024}).content.decode(), "not-achieved")
    budget = Indicator.objects.get(council_group=2)
    row = re.search(rf"<tr>\s*<td><a href=\"/indicators/{budget.code}/.*?</tr>", html, re.S)
    assert row
    cause = "Nguồn thu NSNN trên địa bàn không đạt kế hoạch giao là do nguồn thu sử dụng đất"
    assert 'class="stated-cause"' in row.group(0)
    assert cause in row.group(0)  # the whole sentence, behind its first words
    training = Indicator.objects.get(name__startswith="Số lao động được đào tạo nghề sơ cấp")
    assert "do nhu cầu đăng ký đào tạo nghề trong năm giảm" in html
    assert training.code in html
    # The report lists the rural clean-water rate among the shortfalls and gives no cause.
    water = Indicator.objects.get(name__startswith="Tỷ lệ dân số nông thôn được sử dụng nước")
    row = re.search(rf"<tr>\s*<td><a href=\"/indicators/{water.code}/.*?</tr>", html, re.S)
    assert row and "stated-cause" not in row.group(0) and "chưa có giải trình" in row.group(0)


@pytest.mark.django_db
def test_a_shortfall_shows_the_departments_explanation_truncated_with_the_full_text(client):
    from decimal import Decimal as D

    from tests.factories import IndicatorFactory, SourceReportFactory, TargetFactory, ValueFactory

    explanation = (
        "Mưa lũ kéo dài tháng 7 và tháng 8 làm hư hỏng tuyến đường vào vùng sản xuất, nhiều hộ "
        "không kịp gieo trồng vụ mùa; phòng đã đề nghị bổ sung kinh phí khắc phục trong quý IV."
    )
    indicator = IndicatorFactory(is_main=True, council_group=1)
    TargetFactory(indicator=indicator, year=2024, value=D("100"))
    ValueFactory(indicator=indicator, year=2024, value=D("80"), note=explanation)
    # A note on a figure read from a stored report is the catalogue's, not an explanation.
    read = IndicatorFactory(is_main=True, council_group=1)
    TargetFactory(indicator=read, year=2024, value=D("100"))
    stored = SourceReportFactory(text_file="5268-BC-UBND_2024-11-28.txt")
    ValueFactory(
        indicator=read, year=2024, value=D("70"), note="100.300 triệu = 100,3 tỷ", report=stored
    )

    html = table_html(client.get("/", {"year": 2024}).content.decode(), "not-achieved")
    assert 'class="explanation"' in html
    assert "<summary>" in html and explanation in html  # the whole text, one click away
    summary = re.search(r"<summary>(.*?)</summary>", html, re.S).group(1)
    assert explanation not in summary and "Mưa lũ kéo dài" in summary
    assert "100.300 triệu = 100,3 tỷ" not in html


@pytest.mark.parametrize(
    ("sentence", "gives_cause"),
    [
        ("Nguồn thu NSNN trên địa bàn không đạt kế hoạch giao là do nguồn thu sử dụng đất", True),
        ("không đạt kế hoạch chủ yếu do nhu cầu đăng ký đào tạo nghề trong năm giảm", True),
        ("Nguyên nhân: giá vật liệu tăng", True),
        ("Tỷ lệ dân số nông thôn được sử dụng nước sạch (đạt 72,5%).", False),
        ("Đồng bộ dữ liệu dân cư", False),  # "do" inside a word is no cause
    ],
)
def test_a_sentence_states_a_cause_only_with_a_word_of_cause(sentence, gives_cause):
    from indicators.selectors import states_a_cause

    assert states_a_cause(sentence) is gives_cause


def test_search_ranks_phrase_matches_first(client, lai_chau):
    results = client.get("/search/", {"q": "nuoc sach"}).context["results"]
    names = [i.name for i in results]
    budget = next(n for n in names if n.startswith("Thu ngân sách nhà nước"))
    water = next(n for n in names if "nước sạch" in n)
    assert names.index(water) < names.index(budget)
    phrase_first = ["nước sạch" in n.casefold() for n in names]
    assert phrase_first == sorted(phrase_first, reverse=True)  # every phrase match first


def test_a_sector_page_leads_to_its_sub_sectors_and_a_sub_sector_to_its_siblings(client, lai_chau):
    html = client.get("/sectors/KT/", {"year": 2024}).content.decode()
    nav = re.search(r'<nav[^>]*id="sub-sectors".*?</nav>', html, re.S)
    assert nav
    for code in ("KT-TM", "KT-CN", "KT-NN", "KT-NS", "KT-DT", "KT-DN"):
        assert f'href="/sectors/{code}/?year=2024&amp;baseline=council"' in nav.group(0)
    assert client.get("/sectors/KT-NS/").status_code == 200
    sibling = client.get("/sectors/KT-NS/").content.decode()
    nav = re.search(r'<nav[^>]*id="sub-sectors".*?</nav>', sibling, re.S)
    assert nav and 'href="/sectors/KT-TM/' in nav.group(0)
    assert re.search(
        r'class="nav-link active" aria-current="page" href="/sectors/KT-NS/', nav.group(0)
    )


def test_the_catalogue_marks_detections_and_prosecutions_neutral(lai_chau):
    neutral = set(Indicator.objects.filter(change_is_neutral=True).values_list("code", flat=True))
    assert {"QA-AN-VP-MOITRUONG", "QA-AN-TP-MATUY", "QA-AN-TP-KINHTE"} <= neutral
    # Crimes that happen and traffic deaths are not: fewer is better.
    assert not Indicator.objects.filter(
        change_is_neutral=True, name__startswith="Số người chết"
    ).exists()


def test_the_dashboard_colours_a_neutral_change_grey(client, lai_chau):
    import json

    html = client.get("/", {"year": 2024}).content.decode()
    data = re.search(
        r'<script id="chart-yoy-data" type="application/json">(.*?)</script>', html, re.S
    )
    bars = json.loads(data.group(1))["data"][0]
    colours = dict(zip(bars["y"], bars["marker"]["color"], strict=True))
    assert colours["QA-AN-VP-MOITRUONG"] == "#6c757d"


def test_a_neutral_indicator_says_so_on_its_page(client, lai_chau):
    html = client.get("/indicators/QA-AN-VP-MOITRUONG/").content.decode()
    assert 'id="neutral-change"' in html
    assert "Càng thấp càng tốt" not in html  # not both "lower is better" and "neither"
    budget = Indicator.objects.get(council_group=2)
    assert 'id="neutral-change"' not in client.get(f"/indicators/{budget.code}/").content.decode()
