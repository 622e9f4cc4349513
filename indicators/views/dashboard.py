"""Pages leadership browses: dashboard, sectors, indicators, search. Published: no login."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django_tables2 import RequestConfig
from django_tables2.export import TableExport

from indicators import charts
from indicators.extensions import indicator_panels
from indicators.filters import IndicatorFilter, YearBaselineForm
from indicators.models import PlanSource, Sector
from indicators.selectors import (
    IndicatorYear,
    dashboard_summary,
    indicator_detail,
    indicator_queryset,
    indicator_search,
    indicator_years,
    year_rows,
    years_with_figures,
)
from indicators.tables import IndicatorYearTable, indicator_year_records

SECTOR_PAGE_SIZE = 50
# Bars a chart can show legibly; a province's sector has hundreds of indicators with a plan.
CHART_BARS = 60


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    year, baseline = YearBaselineForm(request.GET).values()
    summary = dashboard_summary(year=year, baseline=baseline)
    return render(
        request,
        "indicators/dashboard.html",
        {
            "summary": summary,
            "year": year,
            "years": years_with_figures(including=year),
            "baseline": baseline,
            "baselines": PlanSource.choices,
            "completion_chart": charts.completion_chart(summary.main),
            "yoy_chart": charts.yoy_chart(summary.changes),
            "next_plan_chart": charts.next_plan_chart(summary.main),
        },
    )


@login_not_required
def sector(request: HttpRequest, code: str) -> HttpResponse:
    sector = get_object_or_404(Sector.objects.select_related("parent"), code=code)
    year, baseline = YearBaselineForm(request.GET).values()
    filters = IndicatorFilter(request.GET, queryset=indicator_queryset().in_sector(sector.pk))
    # The year of every indicator is shared with the dashboard (computed once per data
    # version); the filter only says which indicators, in which order.
    by_indicator = {r.indicator.pk: r for r in year_rows(year=year, baseline=baseline)}
    wanted = filters.qs.order_by("sector__order", "order").values_list("pk", flat=True)
    rows = [by_indicator[pk] for pk in wanted if pk in by_indicator]
    if status := filters.wanted_status():
        rows = [r for r in rows if r.status == status]
    table = IndicatorYearTable(indicator_year_records(rows))
    # A province's sector holds hundreds of indicators: a page of them reads (and renders)
    # quickly; sorting and the exports still cover every row.
    RequestConfig(request, paginate={"per_page": SECTOR_PAGE_SIZE}).configure(table)
    export_format = request.GET.get("_export")
    if TableExport.is_valid_format(export_format):
        response: HttpResponse = TableExport(export_format, table).response(
            f"chi-tieu-{sector.code}-{year}.{export_format}"
        )
        return response
    return render(
        request,
        "indicators/sector.html",
        {
            "sector": sector,
            "sectors": Sector.objects.filter(parent__isnull=True).order_by("order"),
            "filters": filters,
            "table": table,
            "rows": rows,
            "year": year,
            "years": years_with_figures(including=year),
            "baseline": baseline,
            "baselines": PlanSource.choices,
            "completion_chart": charts.completion_chart(charted(table)),
        },
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
    CHART_BARS of them."""
    rows: list[IndicatorYear] = []
    for bound in table.rows:
        row = bound.record["row"]
        if row.completion_pct is not None:
            rows.append(row)
            if len(rows) == CHART_BARS:
                break
    return rows
