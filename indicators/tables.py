"""Tables fed by selectors. Rows are computed (IndicatorYear), so sorting keys are explicit:
an undefined figure sorts first, never compared with a number."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django_tables2.data import TableQuerysetData

from indicators import display, table_files
from indicators.selectors import IndicatorYear, SectorRows

LOW = Decimal("-1e30")


def indicator_year_records(rows: list[IndicatorYear]) -> list[dict[str, Any]]:
    """Rows as records with display objects and sort keys, for IndicatorYearTable."""
    records = []
    for r in rows:
        change = r.change
        records.append(
            {
                "row": r,
                "code": r.indicator.code,
                "name": r.indicator.display_name,
                "unit": r.indicator.unit,
                "department": r.indicator.department.display_name if r.indicator.department else "",
                "plan": r.plan,
                "actual": r.actual,
                "actual_kind": r.actual_kind or "",
                "completion": r.completion_pct,
                "change": change,
                "next_plan": r.next_plan,
                "status": r.status.value,
                "plan_sort": r.plan if r.plan is not None else LOW,
                "actual_sort": r.actual if r.actual is not None else LOW,
                "completion_sort": r.completion_pct if r.completion_pct is not None else LOW,
                "change_sort": change if change is not None else LOW,
                "status_sort": display.status_sort_key(r.status),
            }
        )
    return records


WIDE_ONLY = {"td": {"class": "wide-only"}, "th": {"class": "wide-only"}}


class IndicatorYearTable(tables.Table):
    name = tables.Column(verbose_name=_("Chỉ tiêu"), attrs={"td": {"class": "name"}})
    # On a phone the table keeps the name and the figures (actual, plan, completion) in the
    # width of the screen; department, change and status are the wide screen's and paper's.
    department = tables.Column(verbose_name=_("Phòng ban"), attrs=WIDE_ONLY)
    actual = tables.Column(
        verbose_name=_("Thực hiện"), order_by="actual_sort", attrs={"td": {"class": "num"}}
    )
    plan = tables.Column(
        verbose_name=_("Kế hoạch"), order_by="plan_sort", attrs={"td": {"class": "num"}}
    )
    completion = tables.Column(
        # xgettext:no-python-format
        verbose_name=_("% so KH"),
        order_by="completion_sort",
        attrs={"td": {"class": "num"}},
    )
    change = tables.Column(
        verbose_name=_("So cùng kỳ"),
        order_by="change_sort",
        attrs={"td": {"class": "num wide-only"}, "th": {"class": "wide-only"}},
    )
    status = tables.Column(verbose_name=_("Đánh giá"), order_by="status_sort", attrs=WIDE_ONLY)
    unit = tables.Column(verbose_name=_("ĐVT"), visible=False)
    code = tables.Column(verbose_name=_("Mã"), visible=False)
    actual_kind = tables.Column(verbose_name=_("Loại số thực hiện"), visible=False)

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        orderable = True
        default = "–"
        empty_text = _("Không có chỉ tiêu nào khớp bộ lọc.")
        sequence = ("name", "department", "actual", "plan", "completion", "change", "status", "...")

    def render_name(self, value: str, record: dict[str, Any]) -> SafeString:
        url = reverse("indicators:indicator_detail", args=[record["code"]])
        return format_html('<a href="{}">{}</a>', url, value)

    def render_actual(self, value: Decimal, record: dict[str, Any]) -> str:
        row: IndicatorYear = record["row"]
        shown = display.measure(value, row.indicator.decimals, row.indicator.unit)
        if record["actual_kind"] == "estimate":
            return format_html('{} <span class="estimate-mark">{}</span>', shown, _("ước"))
        return shown

    def render_plan(self, value: Decimal, record: dict[str, Any]) -> str:
        indicator = record["row"].indicator
        return display.measure(value, indicator.decimals, indicator.unit)

    def render_completion(self, value: Decimal) -> str:
        return display.percent(value)

    def render_change(self, value: Decimal, record: dict[str, Any]) -> str:
        return display.signed_change(value, record["row"].indicator.unit)

    def render_status(self, value: str) -> SafeString:
        return format_html(
            '<span class="badge text-bg-{} status-badge">{}</span>',
            display.status_words(value).css,
            display.status_label(value),
        )

    # Exports (indicators.table_files) carry figures as cells: the number and the format
    # that shows it at display precision.
    def value_name(self, value: str) -> table_files.Cell:
        return table_files.text(value)

    def value_actual(self, value: Decimal | None, record: dict[str, Any]) -> table_files.Cell:
        return table_files.figure(value, record["row"].indicator.decimals)

    def value_plan(self, value: Decimal | None, record: dict[str, Any]) -> table_files.Cell:
        return table_files.figure(value, record["row"].indicator.decimals)

    def value_completion(self, value: Decimal | None) -> table_files.Cell:
        return table_files.percent(value)

    def value_change(self, value: Decimal | None, record: dict[str, Any]) -> table_files.Cell:
        return table_files.change(value, record["unit"])

    def value_status(self, value: str) -> str:
        return display.status_label(value)

    def value_actual_kind(self, value: str) -> str:
        return str(ACTUAL_KINDS.get(value, ""))


# Columns of the sector page's file, in reading order: what it is, then its figures.
EXPORT_SEQUENCE = (
    "code",
    "name",
    "unit",
    "department",
    "plan",
    "actual",
    "actual_kind",
    "completion",
    "change",
    "status",
)
ACTUAL_KINDS = {"estimate": _("Ước thực hiện"), "actual": _("Chính thức")}


def indicator_year_file(table: IndicatorYearTable, *, sheet: str) -> table_files.TableFile:
    """The sector table as a file: Vietnamese headers, figures at display precision."""
    return table_files.from_table(table, sheet=sheet, sequence=EXPORT_SEQUENCE)


class SectorTableData(TableQuerysetData):
    """A sector's rows (`selectors.SectorRows`) as django-tables2's data: counted, sorted and
    sliced in SQL like a queryset, without one."""

    def __init__(self, rows: SectorRows) -> None:
        super().__init__(rows)

    def rows(self) -> SectorRows:
        """The rows in the table's current order."""
        rows: SectorRows = self.data
        return rows

    @property
    def ordering(self) -> None:
        return None  # the rows carry no ordering of their own for the table to show

    @property
    def verbose_name(self) -> str:
        return "item"

    @property
    def verbose_name_plural(self) -> str:
        return "items"
