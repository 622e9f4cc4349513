"""Pages leadership browses: dashboard, sectors, indicators, search. Published: no login."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django_tables2 import RequestConfig

from indicators import charts, page_cache, table_files
from indicators.extensions import indicator_panels
from indicators.filters import IndicatorFilter, YearBaselineForm
from indicators.models import PlanSource, Sector
from indicators.selectors import (
    IndicatorYear,
    SectorRows,
    dashboard_summary,
    indicator_detail,
    indicator_queryset,
    indicator_search,
    indicator_years,
    sector_rows,
    years_with_figures,
)
from indicators.tables import (
    IndicatorYearTable,
    SectorTableData,
    indicator_year_file,
    indicator_year_records,
)

SECTOR_PAGE_SIZE = 50
# Bars a chart can show legibly; a province's sector has hundreds of indicators with a plan.
CHART_BARS = 60


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    year, baseline = YearBaselineForm(request.GET).values()
    # Lazy objects, and callables the template calls when it draws them: when the body is in
    # the page cache (indicators.page_cache), none of them runs.
    summary = SimpleLazyObject(lambda: dashboard_summary(year=year, baseline=baseline))
    return render(
        request,
        "indicators/dashboard.html",
        {
            "body_key": page_cache.fragment_key(request, "dashboard"),
            "summary": summary,
            "year": year,
            "years": SimpleLazyObject(lambda: years_with_figures(including=year)),
            "baseline": baseline,
            "baselines": PlanSource.choices,
            "completion_chart": once(lambda: charts.completion_chart(summary.main)),
            "yoy_chart": once(lambda: charts.yoy_chart(summary.changes)),
            "yoy_points_chart": once(lambda: charts.yoy_points_chart(summary.changes)),
            "next_plan_chart": once(lambda: charts.next_plan_chart(summary.main)),
        },
    )


@login_not_required
def sector(request: HttpRequest, code: str) -> HttpResponse:
    sector = get_object_or_404(Sector.objects.select_related("parent"), code=code)
    year, baseline = YearBaselineForm(request.GET).values()
    filters = IndicatorFilter(request.GET, queryset=indicator_queryset().in_sector(sector.pk))
    export_format = request.GET.get("_export")
    if table_files.is_format(export_format):
        return sector_export(request, sector, filters, year=year, baseline=baseline)

    @once
    def rows() -> SectorRows:
        # Read from the rolled-up figures a page at a time, sorted in SQL; the filter says
        # which indicators, the status which of their figures.
        return sector_rows(filters.qs, year=year, baseline=baseline, status=filters.wanted_status())

    @once
    def table() -> IndicatorYearTable:
        table = IndicatorYearTable(SectorTableData(rows().as_records(indicator_year_records)))
        # A province's sector holds thousands of indicators: a page of them reads (and
        # renders) quickly; sorting and the exports still cover every row.
        RequestConfig(request, paginate={"per_page": SECTOR_PAGE_SIZE}).configure(table)
        return table

    # Lazy, as on the dashboard: nothing of it is read when the body is in the page cache.
    return render(
        request,
        "indicators/sector.html",
        {
            "body_key": page_cache.fragment_key(request, f"sector-{sector.pk}"),
            "sector": sector,
            "sectors": Sector.objects.filter(parent__isnull=True).order_by("order"),
            # The sub-sectors of its top sector: a sector's own, or a sub-sector's siblings.
            "sub_sectors": Sector.objects.filter(parent=sector.parent_id or sector.pk).order_by(
                "order"
            ),
            "filters": filters,
            "table": SimpleLazyObject(table),
            "rows": SimpleLazyObject(rows),
            "year": year,
            "years": SimpleLazyObject(lambda: years_with_figures(including=year)),
            "baseline": baseline,
            "baselines": PlanSource.choices,
            "completion_chart": once(lambda: charts.completion_chart(charted(table()))),
        },
    )


def once[T](build: Callable[[], T]) -> Callable[[], T]:
    """`build`, run on the first call only (a template calls a callable each time it names it)."""
    return functools.cache(build)


def sector_export(
    request: HttpRequest, sector: Sector, filters: IndicatorFilter, *, year: int, baseline: str
) -> HttpResponse:
    """Every row the filter keeps, as CSV or Excel, sorted as the table is. An export is as
    large as what it exports: its figures are computed from the values (three queries), shown
    at display precision (xlsx: numbers, each with its format)."""
    wanted = filters.qs.order_by("sector__order", "order", "pk")
    rows = indicator_years(year=year, baseline=baseline, indicators=wanted)
    if status := filters.wanted_status():
        rows = [r for r in rows if r.status == status]
    table = IndicatorYearTable(indicator_year_records(rows))
    RequestConfig(request, paginate=False).configure(table)
    export_format = request.GET.get("_export", "")
    sheet = f"{sector.name} {year}"
    return table_files.response(
        indicator_year_file(table, sheet=sheet),
        export_format,
        f"chi-tieu-{sector.code}-{year}.{export_format}",
    )


@login_not_required
def indicator_detail_page(request: HttpRequest, code: str) -> HttpResponse:
    year, baseline = YearBaselineForm(request.GET).values()
    detail = indicator_detail(code=code)
    (current,) = indicator_years(year=year, baseline=baseline, indicators=[detail.indicator])
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "detail": detail,
            "indicator": detail.indicator,
            "current": current,
            "year": year,
            "baseline": baseline,
            "series_chart": charts.series_chart(detail.indicator, detail.values, detail.targets),
            "panels": indicator_panels(request, detail.indicator),
        },
    )


@login_not_required
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "indicators/search.html",
        {"query": query, "results": indicator_search(query) if query else []},
    )


def charted(table: IndicatorYearTable) -> list[IndicatorYear]:
    """The indicators with a completion, in the table's order (its sorting), the first
    CHART_BARS of them (one query)."""
    data: SectorTableData = table.data
    return data.rows().with_completion(CHART_BARS)
