"""`import_values`: one value a row from a UTF-8 CSV file (the contract is in README.md).

The whole file is checked first and every bad row reported with its line number; a file with
any bad row saves nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from indicators.computations import decimals_of
from indicators.models import (
    Aggregation,
    Direction,
    Indicator,
    PlanSource,
    Sector,
    SourceReport,
    ValueKind,
)
from indicators.services import report_upsert, target_set, value_record

COLUMNS = [
    "indicator_code",
    "indicator_name",
    "sector",
    "unit",
    "direction",
    "aggregation",
    "period",
    "kind",
    "plan_source",
    "value",
    "source",
    "quote",
]
CATALOGUE_COLUMNS = ["indicator_name", "sector", "unit", "direction", "aggregation"]
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-Q(?P<quarter>[1-4]))?$")
_MACHINE_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


class ImportRejected(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ParsedRow:
    line: int
    code: str
    catalogue: dict[str, str]
    year: int
    quarter: int | None
    kind: str
    plan_source: str
    value: Decimal
    source: str
    quote: str


@dataclass
class ImportResult:
    rows: int = 0
    created_indicators: list[str] = field(default_factory=list)
    created_reports: list[str] = field(default_factory=list)


def values_import(content: str) -> ImportResult:
    """Check the whole file, then save all of it in one transaction, or nothing."""
    rows = _parse(content)
    with transaction.atomic():
        return _save(rows)


def _parse(content: str) -> list[ParsedRow]:
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportRejected([_("Dòng 1: thiếu cột %(cols)s.") % {"cols": ", ".join(missing)}])
    reader.fieldnames = header
    known = {i.code: i for i in Indicator.objects.select_related("sector").all()}
    sectors_by_name = {s.name: s for s in Sector.objects.all()}
    sectors_by_code = {s.code: s for s in Sector.objects.all()}
    errors: list[str] = []
    rows: list[ParsedRow] = []
    new_catalogue: dict[str, tuple[int, dict[str, str]]] = {}
    # (code, year, quarter, kind, plan source, report) -> the line that had it first
    seen: dict[tuple[str, int, int | None, str, str, str], int] = {}
    for line, raw in enumerate(reader, start=2):
        if None in raw:
            errors.append(_("Dòng %(line)d: có nhiều cột hơn tiêu đề.") % {"line": line})
            continue
        row = {k: (v or "").strip() for k, v in raw.items()}
        if not any(row.values()):
            continue
        problems: list[str] = []
        parsed = _parse_row(line, row, problems)
        if parsed is not None:
            _check_catalogue(
                parsed, known, sectors_by_name, sectors_by_code, new_catalogue, problems
            )
            key = (
                parsed.code,
                parsed.year,
                parsed.quarter,
                parsed.kind,
                parsed.plan_source,
                parsed.source,
            )
            if key in seen:
                problems.append(
                    _("trùng với dòng %(other)d (cùng chỉ tiêu, kỳ, loại và nguồn)")
                    % {"other": seen[key]}
                )
            else:
                seen[key] = line
        if problems:
            errors.append(
                _("Dòng %(line)d: %(problems)s.") % {"line": line, "problems": "; ".join(problems)}
            )
        elif parsed is not None:
            rows.append(parsed)
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise ImportRejected([_("Tệp không có dòng số liệu nào.")])
    return rows


def _parse_row(line: int, row: dict[str, str], problems: list[str]) -> ParsedRow | None:
    code = row["indicator_code"]
    if not code:
        problems.append(_("thiếu mã chỉ tiêu (indicator_code)"))
    period = _PERIOD.match(row["period"])
    if period is None:
        problems.append(
            _("kỳ “%(value)s” không hợp lệ: dùng 2024 (cả năm) hoặc 2024-Q1 … 2024-Q4")
            % {"value": row["period"]}
        )
    kind = row["kind"]
    if kind not in ("plan", *ValueKind.values):
        problems.append(
            _("loại “%(value)s” không hợp lệ: plan, estimate hoặc actual") % {"value": kind}
        )
    plan_source = row["plan_source"] or PlanSource.COUNCIL
    if kind == "plan" and plan_source not in PlanSource.values:
        problems.append(
            _("nguồn kế hoạch “%(value)s” không hợp lệ: council, province hoặc term")
            % {"value": plan_source}
        )
    value = None
    if not _MACHINE_NUMBER.match(row["value"]):
        problems.append(
            _(
                "giá trị “%(value)s” không hợp lệ: dùng dấu chấm cho phần thập phân, không phân "
                "cách hàng nghìn (ví dụ 4475 hoặc 128.5)"
            )
            % {"value": row["value"]}
        )
    else:
        value = Decimal(row["value"])
    if not row["source"]:
        problems.append(_("thiếu số hiệu báo cáo nguồn (source)"))
    if problems or period is None or value is None:
        return None
    return ParsedRow(
        line=line,
        code=code,
        catalogue={c: row[c] for c in CATALOGUE_COLUMNS},
        year=int(period["year"]),
        quarter=int(period["quarter"]) if period["quarter"] else None,
        kind=kind,
        plan_source=plan_source if kind == "plan" else "",
        value=value,
        source=row["source"],
        quote=row["quote"],
    )


def _check_catalogue(
    row: ParsedRow,
    known: dict[str, Indicator],
    sectors_by_name: dict[str, Sector],
    sectors_by_code: dict[str, Sector],
    new_catalogue: dict[str, tuple[int, dict[str, str]]],
    problems: list[str],
) -> None:
    cat = row.catalogue
    if cat["direction"] and cat["direction"] not in Direction.values:
        problems.append(
            _("chiều “%(value)s” không hợp lệ: higher hoặc lower") % {"value": cat["direction"]}
        )
    if cat["aggregation"] and cat["aggregation"] not in Aggregation.values:
        problems.append(
            _("cách tổng hợp “%(value)s” không hợp lệ: sum hoặc last")
            % {"value": cat["aggregation"]}
        )
    indicator = known.get(row.code)
    if indicator is not None:
        stored = {
            "indicator_name": indicator.name,
            "unit": indicator.unit,
            "direction": indicator.direction,
            "aggregation": indicator.aggregation,
        }
        for column, stored_value in stored.items():
            if cat[column] and cat[column] != stored_value:
                problems.append(
                    _("chỉ tiêu %(code)s đã có %(column)s là “%(stored)s”, tệp ghi “%(given)s”")
                    % {
                        "code": row.code,
                        "column": column,
                        "stored": stored_value,
                        "given": cat[column],
                    }
                )
        if cat["sector"] and cat["sector"] not in (indicator.sector.name, indicator.sector.code):
            problems.append(
                _("chỉ tiêu %(code)s thuộc lĩnh vực “%(stored)s”, tệp ghi “%(given)s”")
                % {"code": row.code, "stored": indicator.sector.name, "given": cat["sector"]}
            )
        return
    first = new_catalogue.get(row.code)
    if first is not None:
        # Later rows of a code the file introduces may leave the catalogue columns empty.
        if any(cat[c] and cat[c] != first[1][c] for c in CATALOGUE_COLUMNS):
            problems.append(
                _("thông tin chỉ tiêu %(code)s khác với dòng %(other)d")
                % {"code": row.code, "other": first[0]}
            )
        return
    missing = [c for c in CATALOGUE_COLUMNS if not cat[c]]
    if missing:
        problems.append(
            _("chỉ tiêu mới %(code)s cần đủ các cột %(cols)s")
            % {"code": row.code, "cols": ", ".join(missing)}
        )
        return
    new_catalogue[row.code] = (row.line, cat)


def _save(rows: list[ParsedRow]) -> ImportResult:
    result = ImportResult()
    reports = {
        r.number: r for r in SourceReport.objects.filter(number__in={r.source for r in rows})
    }
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={r.code for r in rows})}
    for row in rows:
        report = reports.get(row.source)
        if report is None:
            report = report_upsert(number=row.source, note=_("Tạo khi nhập tệp CSV."))
            reports[row.source] = report
            result.created_reports.append(row.source)
        indicator = indicators.get(row.code)
        if indicator is None:
            decimals = max(decimals_of(r.value) for r in rows if r.code == row.code)
            indicator = _indicator_create(row, decimals=min(decimals, 6))
            indicators[row.code] = indicator
            result.created_indicators.append(row.code)
        common: dict[str, Any] = {
            "indicator": indicator,
            "year": row.year,
            "quarter": row.quarter,
            "value": row.value,
            "report": report,
            "quote": row.quote,
        }
        if row.kind == "plan":
            target_set(source=row.plan_source, **common)
        else:
            value_record(kind=row.kind, **common)
        result.rows += 1
    return result


def _indicator_create(row: ParsedRow, *, decimals: int) -> Indicator:
    cat = row.catalogue
    sector = (
        Sector.objects.filter(code=cat["sector"]).first()
        or Sector.objects.filter(name=cat["sector"]).first()
    )
    if sector is None:
        code = slugify(cat["sector"]).upper()[:20] or "IMPORTED"
        sector = Sector.objects.create(code=code, name=cat["sector"])
    indicator = Indicator(
        code=row.code,
        name=cat["indicator_name"],
        sector=sector,
        unit=cat["unit"],
        direction=cat["direction"],
        aggregation=cat["aggregation"],
        decimals=decimals,
    )
    indicator.full_clean()
    indicator.save()
    return indicator
