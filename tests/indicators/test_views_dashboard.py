"""The published pages: dashboard, sector, indicator, search."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Indicator
from tests.factories import IndicatorFactory, SectorFactory, TargetFactory, ValueFactory


def test_dashboard_headline_and_not_achieved_come_from_the_data(client, lai_chau):
    response = client.get("/")
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.n_main_done < summary.n_main_with_plan
    html = response.content.decode()
    assert f"{summary.n_main_done}/{summary.n_main_with_plan}" in html
    assert "chỉ tiêu chủ yếu đạt và vượt kế hoạch" in html
    behind = [r.indicator.code for r in summary.not_achieved]
    budget = Indicator.objects.get(council_group=2)
    assert budget.code in behind
    # Worst first, with its completion in Vietnamese format.
    completions = [r.completion_pct for r in summary.not_achieved]
    assert completions == sorted(completions)
    assert "67,1%" in html
    assert "ước" in html  # estimates are marked


def test_dashboard_baseline_switch_changes_the_completion(client, lai_chau):
    council = client.get("/", {"baseline": "council"}).context["summary"]
    province = client.get("/", {"baseline": "province"}).context["summary"]
    budget = Indicator.objects.get(council_group=2)
    by_council = next(r for r in council.main if r.indicator == budget)
    by_province = next(r for r in province.main if r.indicator == budget)
    assert by_council.plan != by_province.plan
    assert by_province.completion_pct > by_council.completion_pct


def test_a_bad_year_falls_back_to_the_default_instead_of_failing(client, lai_chau):
    response = client.get("/", {"year": "abc", "baseline": "nonsense"})
    assert response.status_code == 200
    assert response.context["year"] == 2024 and response.context["baseline"] == "council"


def test_indicator_page_shows_each_value_with_its_report_and_sentence(client, lai_chau):
    budget = Indicator.objects.get(council_group=2)
    response = client.get(f"/indicators/{budget.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    for value in budget.values.select_related("report"):
        assert value.report.number in html
        assert value.quote[:40] in html
    assert 'id="disagreements"' in html  # October and November differ
    assert "Kế hoạch suy ra từ tỷ lệ hoàn thành" in html  # derived plan with arithmetic


def test_search_finds_indicators_with_or_without_diacritics(client, lai_chau):
    with_marks = client.get("/search/", {"q": "thu ngân sách"}).context["results"]
    without = client.get("/search/", {"q": "THU NGAN SACH"}).context["results"]
    assert with_marks and [i.code for i in with_marks] == [i.code for i in without]
    assert any(i.code == Indicator.objects.get(council_group=2).code for i in without)
    assert client.get("/search/", {"q": "đào tạo nghề"}).context["results"]
    assert client.get("/search/", {"q": "dao tao nghe"}).context["results"]
    assert client.get("/search/", {"q": "zzzz"}).context["results"] == []


def test_sector_table_filters_by_status_and_exports_what_is_shown(client, lai_chau):
    response = client.get("/sectors/KT/", {"status": "not_achieved"})
    rows = response.context["rows"]
    assert rows and all(r.status == "not_achieved" for r in rows)
    export = client.get("/sectors/KT/", {"status": "not_achieved", "_export": "csv"})
    assert export.status_code == 200
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert len(lines) == 1 + len(rows)
    name = lines[0].index("Chỉ tiêu")
    assert {line[name] for line in lines[1:]} == {r.indicator.display_name for r in rows}
    xlsx = client.get("/sectors/KT/", {"status": "not_achieved", "_export": "xlsx"})
    assert xlsx.content[:2] == b"PK"


def test_sector_table_sorts_by_completion_with_undefined_first(client, lai_chau):
    response = client.get("/sectors/VX/", {"sort": "completion"})
    completions = [row.record["completion"] for row in response.context["table"].rows]
    defined = [c for c in completions if c is not None]
    assert defined == sorted(defined)
    assert completions.index(defined[0]) >= completions.count(None) - 0


def test_a_large_sector_is_paged_sorted_across_pages_and_exported_whole(client, db):
    from indicators.views.dashboard import CHART_BARS, SECTOR_PAGE_SIZE

    build(SECTOR_PAGE_SIZE + 10)
    first = client.get("/sectors/S/", {"sort": "-completion"})
    second = client.get("/sectors/S/", {"sort": "-completion", "page": 2})
    shown = [row.record["completion"] for row in first.context["table"].page.object_list]
    rest = [row.record["completion"] for row in second.context["table"].page.object_list]
    assert (len(shown), len(rest)) == (SECTOR_PAGE_SIZE, 10)
    assert shown + rest == sorted(shown + rest, reverse=True)
    assert 'class="pagination' in first.content.decode()
    assert "trang sau" in first.content.decode()  # django-tables2's "next", in Vietnamese
    # The chart follows the table's sorting across pages, at most CHART_BARS bars.
    bars = first.context["completion_chart"]()["data"][0]["x"]  # built when drawn
    assert len(bars) == min(CHART_BARS, SECTOR_PAGE_SIZE + 10)
    assert bars[::-1] == [float(c) for c in (shown + rest)[: len(bars)]]
    export = client.get("/sectors/S/", {"_export": "csv"})
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert len(lines) == 1 + SECTOR_PAGE_SIZE + 10


def test_unknown_sector_or_indicator_is_404(client, db):
    assert client.get("/sectors/NOPE/").status_code == 404
    assert client.get("/indicators/NOPE/").status_code == 404


def build(n: int) -> None:
    sector = SectorFactory(code="S", name="Lĩnh vực")
    child = SectorFactory(code="S-1", name="Con", parent=sector)
    for i in range(n):
        indicator = IndicatorFactory(
            sector=child, is_main=i % 3 == 0, council_group=1 if i % 3 == 0 else None
        )
        TargetFactory(indicator=indicator, year=2024, value=D("100"))
        TargetFactory(indicator=indicator, year=2025, value=D("110"))
        ValueFactory(indicator=indicator, year=2024, value=D(90 + i % 20))
        ValueFactory(indicator=indicator, year=2023, value=D("80"), kind="actual")


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # the data version (the page cache's key); from the rolled-up figures: the main
        # indicators with theirs, the derived plans among them, indicators per top sector, the
        # top sectors, statuses per top sector, the largest changes; years for the switch;
        # some are behind: the reports' stated causes and the departments' notes beside them
        ("/", 10),
        # sector, the data version, the count of its rows, the page of rows, years, the
        # chart's rows, top sectors, its sub-sectors (the links to them), and the department
        # dropdown (its count and its rows)
        ("/sectors/S/", 10),
        # indicator, its values, targets, statements, components; the year row: values,
        # targets
        ("/indicators/IND-{first}/", 7),
    ],
)
def test_page_queries_do_not_grow_with_the_number_of_indicators(
    client, transactional_db, url, expected
):
    # Committed, as on a site: a transaction with uncommitted figures reads them without the
    # data version's query.
    build(10)
    first = Indicator.objects.order_by("pk").first().code.split("-")[1]
    url = url.format(first=first)
    small = count_queries(client, url)
    cache.clear()
    build_more = 490
    sector = Indicator.objects.first().sector
    for i in range(build_more):
        indicator = IndicatorFactory(sector=sector)
        ValueFactory(indicator=indicator, year=2024, value=D(i))
    assert Indicator.objects.count() == 500
    cache.clear()  # measured drawn, not served from the page cache
    assert count_queries(client, url) == small == expected


def test_a_committed_write_reaches_the_pages_and_rewrites_only_its_indicator(
    client, transactional_db
):
    # Committed for real: the rolled-up figures are rewritten when a write commits.
    from indicators.models import IndicatorFigure, Value

    build(5)

    def shown(indicator_id):
        summary = client.get("/").context["summary"]
        return next(r.actual for r in summary.main if r.indicator.pk == indicator_id)

    value = Value.objects.filter(indicator__is_main=True, year=2024).first()
    others = set(IndicatorFigure.objects.exclude(indicator=value.indicator).values_list("pk"))
    assert shown(value.indicator_id) == value.value
    value.value = D("123.5")
    value.save()
    assert shown(value.indicator_id) == D("123.5")
    value.delete()
    assert shown(value.indicator_id) is None
    # The other indicators' rows were left alone.
    assert set(IndicatorFigure.objects.exclude(indicator=value.indicator).values_list("pk")) == (
        others
    )


def test_the_english_dashboard_is_translated_with_english_numbers(client, lai_chau):
    html = client.get("/en/").content.decode()
    assert "Indicator results for 2024" in html
    assert "main indicators achieved or exceeded the plan" in html
    assert "122.195" in html and "67.1%" in html  # English separators
    assert "Kết quả thực hiện" not in html
    vi = client.get("/").content.decode()
    assert "122,195" in vi and "67,1%" in vi


@pytest.mark.parametrize(
    ("url", "drawn", "served"),
    [
        ("/", 10, 1),  # served: the data version only; drawn: as in the test above
        # served: the sector and the version; drawn: as in the test above
        ("/sectors/S/?sort=-completion&page=2", 10, 2),
    ],
)
def test_a_page_body_is_drawn_once_per_data_version_and_query_string(
    client, transactional_db, url, drawn, served
):
    build(60)
    first = client.get(url)
    assert count_queries(client, url) == served
    again = client.get(url)
    assert without_csrf(again.content) == without_csrf(first.content)
    # Another query string or language is another body, drawn anew.
    assert count_queries(client, url + ("&" if "?" in url else "?") + "year=2025") > served
    assert count_queries(client, "/en" + url) == drawn


def without_csrf(html: bytes) -> bytes:
    """A page less the header's CSRF token, which is masked anew in every response."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


def test_a_committed_write_draws_the_page_body_again(client, transactional_db):
    from indicators.models import Value

    build(5)
    value = Value.objects.filter(indicator__is_main=True, year=2024).first()
    before = client.get("/").content.decode()
    value.value = D("4321")
    value.save()  # commits: a new data version
    after = client.get("/").content.decode()
    assert "4.321" not in before and "4.321" in after


def test_a_page_is_drawn_when_the_cache_is_down(client, transactional_db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    build(5)
    response = client.get("/")
    assert response.status_code == 200
    assert 'id="sector-cards"' in response.content.decode()


def test_the_indicator_page_shows_each_source_figure_as_the_report_stated_it(client, db):
    indicator = IndicatorFactory(code="AMOUNT", unit="tỷ đồng", decimals=0)
    TargetFactory(indicator=indicator, year=2024, value=D("12.5"))
    ValueFactory(indicator=indicator, year=2024, value=D("228.643"))
    html = client.get("/indicators/AMOUNT/", {"year": 2024}).content.decode()
    # The summary follows the indicator's decimals; the sources show what each report wrote.
    assert "<strong>12,5 tỷ đồng</strong>" in html
    assert "<strong>228,643 tỷ đồng</strong>" in html
