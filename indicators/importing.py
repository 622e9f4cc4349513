"""`import_values`: one value a row from a UTF-8 CSV file (the contract is in README.md).

The whole file is read and checked first, in one pass and without a query per row: every bad
row is reported with its line number, and a file with any bad row saves nothing. Each figure
gets the entry form's checks (indicators.figure_checks): it fits the database, a rate lies
between 0 and 100 % (1 000 ‰), a count is not negative; text holds no control characters.
Then the file is written through indicators.services in a few bulk statements per thousand
rows, with history naming the person who ran it; a figure in a locked quarter rejects the file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from indicators import services
from indicators.figure_checks import figure_problems, text_problem
from indicators.models import (
    Aggregation,
    Direction,
    Indicator,
    PlanSource,
    Sector,
    SourceReport,
    ValueKind,
)
from indicators.periods import FIRST_YEAR, LAST_YEAR, Period, PeriodError, parse_period

if TYPE_CHECKING:
    from django.contrib.auth.models import User

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
# Where each column goes: its length is that field's (a longer text would fail in the database).
MAX_LENGTHS = {
    "indicator_code": Indicator._meta.get_field("code").max_length,
    "indicator_name": Indicator._meta.get_field("name").max_length,
    "sector": Sector._meta.get_field("name").max_length,
    "unit": Indicator._meta.get_field("unit").max_length,
    "source": SourceReport._meta.get_field("number").max_length,
}
_KINDS = frozenset(["plan", *ValueKind.values])
_PLAN_SOURCES = frozenset(PlanSource.values)
_DIRECTIONS = frozenset(Direction.values)
_AGGREGATIONS = frozenset(Aggregation.values)
# ASCII digits only: `Decimal` would also read "NaN", "1e400" and other scripts' digits.
_MACHINE_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")
_MULTILINE = re.compile("[\t\n\r]")  # text only in the quote
_SHOWN = 40  # characters of a bad value repeated in a message
_LINES_SHOWN = 10  # line numbers listed for a file that is not UTF-8


class ImportRejected(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(slots=True)
class ParsedRow:
    line: int
    code: str
    catalogue: dict[str, str]
    year: int
    quarter: int | None
    months: int | None
    as_of: date | None
    kind: str
    plan_source: str
    value: Decimal
    source: str
    quote: str


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    created_indicators: list[str] = field(default_factory=list)
    created_reports: list[str] = field(default_factory=list)
    created_sectors: list[str] = field(default_factory=list)


def values_import(
    content: str | bytes, *, user: User | None = None, file_name: str = ""
) -> ImportResult:
    """Check the whole file, then save all of it in one transaction, or nothing. The history
    of every figure written names `user`, and the file."""
    text = decode(content) if isinstance(content, bytes) else content
    parsed = _Parser().parse(text)
    reason = _("Nhập tệp %(file)s") % {"file": file_name or "CSV"}
    with transaction.atomic():
        return _save(parsed, user=user, reason=reason)


def decode(data: bytes) -> str:
    """The text of a UTF-8 file (a byte order mark allowed); any other encoding is refused
    with the lines that are not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="surrogateescape")
    bad = [n for n, line in enumerate(text.split("\n"), start=1) if _undecoded(line)]
    shown = ", ".join(str(n) for n in bad[:_LINES_SHOWN])
    if len(bad) > _LINES_SHOWN:
        shown += " " + _("và %(n)d dòng khác") % {"n": len(bad) - _LINES_SHOWN}
    raise ImportRejected(
        [
            _(
                "Dòng %(lines)s: không phải văn bản UTF-8. Hãy lưu tệp dưới dạng “CSV UTF-8” "
                "(Excel: Lưu thành → CSV UTF-8)."
            )
            % {"lines": shown}
        ]
    )


def _undecoded(line: str) -> bool:
    # surrogateescape turns each byte that is not UTF-8 into U+DC80..U+DCFF.
    return any("\udc80" <= char <= "\udcff" for char in line)


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


@dataclass
class Parsed:
    """A file that passed every check: its rows, and the indicators it introduces."""

    rows: list[ParsedRow]
    known: dict[str, Indicator]
    sectors: dict[str, Sector]  # by code and by name
    new_catalogue: dict[str, tuple[int, dict[str, str]]]  # code -> (first line, columns)
    new_decimals: dict[str, int]  # code -> the most decimals among its figures


class _Parser:
    """One pass over the file; every problem of every row collected before any is reported."""

    def __init__(self) -> None:
        self.known = {i.code: i for i in Indicator.objects.select_related("sector")}
        self.sectors: dict[str, Sector] = {}
        for sector in Sector.objects.all():
            self.sectors.setdefault(sector.code, sector)
            self.sectors.setdefault(sector.name, sector)
        self.errors: list[str] = []
        self.rows: list[ParsedRow] = []
        self.new_catalogue: dict[str, tuple[int, dict[str, str]]] = {}
        self.new_decimals: dict[str, int] = {}
        # (code, period, kind, plan source, report) -> the line that had it first
        self.seen: dict[tuple[str, Period, str, str, str], int] = {}

    def parse(self, text: str) -> Parsed:
        if text.startswith("\ufeff"):
            text = text[1:]
        records = _records(text, self.errors)
        header = self._header(next(records, None))
        for line, fields in records:
            stripped = [f.strip() for f in fields]
            if not any(stripped):
                continue  # an empty line
            if len(fields) != len(header):
                self.errors.append(
                    _("Dòng %(line)d: có %(n)d cột, dòng tiêu đề có %(expected)d cột.")
                    % {"line": line, "n": len(fields), "expected": len(header)}
                )
                continue
            self._row(line, dict(zip(header, stripped, strict=True)), "".join(stripped))
        if self.errors:
            raise ImportRejected(self.errors)
        if not self.rows:
            raise ImportRejected([_("Dòng 2: tệp không có dòng số liệu nào.")])
        return Parsed(
            rows=self.rows,
            known=self.known,
            sectors=self.sectors,
            new_catalogue=self.new_catalogue,
            new_decimals=self.new_decimals,
        )

    def _header(self, first: tuple[int, list[str]] | None) -> list[str]:
        if first is None:
            raise ImportRejected(
                self.errors
                or [
                    _("Dòng 1: tệp trống; dòng đầu phải là tiêu đề: %(cols)s.")
                    % {"cols": ",".join(COLUMNS)}
                ]
            )
        line, fields = first
        header = [h.strip() for h in fields]
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise ImportRejected(
                [
                    _("Dòng %(line)d: thiếu cột %(cols)s.")
                    % {"line": line, "cols": ", ".join(missing)}
                ]
            )
        twice = sorted({c for c in COLUMNS if header.count(c) > 1})
        if twice:
            raise ImportRejected(
                [
                    _("Dòng %(line)d: cột %(cols)s có hai lần.")
                    % {"line": line, "cols": ", ".join(twice)}
                ]
            )
        return header

    def _row(self, line: int, row: dict[str, str], joined: str) -> None:
        problems = _text_problems(row, joined)
        parsed = _parse_row(line, row, problems)
        if parsed is not None:
            unit = self._catalogue(parsed, problems)
            if unit is not None:
                problems += figure_problems(parsed.value, unit)
            self._unique(parsed, problems)
        if problems:
            self.errors.append(
                _("Dòng %(line)d: %(problems)s.")
                % {"line": line, "problems": "; ".join(p.rstrip(".") for p in problems)}
            )
        elif parsed is not None:
            self.rows.append(parsed)
            if parsed.code in self.new_catalogue:
                # As written ("61000.50" has 2), like `decimals_of`, from the text: cheaper.
                point = row["value"].find(".")
                decimals = 0 if point < 0 else len(row["value"]) - point - 1
                if decimals > self.new_decimals.get(parsed.code, 0):
                    self.new_decimals[parsed.code] = decimals

    def _unique(self, row: ParsedRow, problems: list[str]) -> None:
        period = Period(row.year, quarter=row.quarter, months=row.months, as_of=row.as_of)
        key = (row.code, period, row.kind, row.plan_source, row.source)
        if key in self.seen:
            problems.append(
                _("trùng với dòng %(other)d (cùng chỉ tiêu, kỳ, loại và nguồn)")
                % {"other": self.seen[key]}
            )
        else:
            self.seen[key] = row.line

    def _catalogue(self, row: ParsedRow, problems: list[str]) -> str | None:
        """Check the catalogue columns; the indicator's unit, or None if it is not known."""
        cat = row.catalogue
        if cat["direction"] and cat["direction"] not in _DIRECTIONS:
            problems.append(
                _("chiều “%(value)s” không hợp lệ: higher hoặc lower")
                % {"value": _shown(cat["direction"])}
            )
        if cat["aggregation"] and cat["aggregation"] not in _AGGREGATIONS:
            problems.append(
                _("cách tổng hợp “%(value)s” không hợp lệ: sum hoặc last")
                % {"value": _shown(cat["aggregation"])}
            )
        indicator = self.known.get(row.code)
        if indicator is not None:
            if any(cat.values()):
                _check_known(row, indicator, problems)
            return indicator.unit
        first = self.new_catalogue.get(row.code)
        if first is not None:
            # Later rows of a code the file introduces may leave the catalogue columns empty.
            if any(cat.values()) and any(
                cat[c] and cat[c] != first[1][c] for c in CATALOGUE_COLUMNS
            ):
                problems.append(
                    _("thông tin chỉ tiêu %(code)s khác với dòng %(other)d")
                    % {"code": row.code, "other": first[0]}
                )
            return first[1]["unit"]
        missing = [c for c in CATALOGUE_COLUMNS if not cat[c]]
        if missing:
            problems.append(
                _("chỉ tiêu mới %(code)s cần đủ các cột %(cols)s")
                % {"code": row.code, "cols": ", ".join(missing)}
            )
            return None
        self.new_catalogue[row.code] = (row.line, cat)
        return cat["unit"]


def _records(text: str, errors: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on; a malformed one ends the file with an
    error (after it the reader cannot tell where records start)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            errors.append(
                _("Dòng %(line)d: không đọc được dòng CSV (%(error)s).")
                % {"line": start, "error": exc}
            )
            return
        yield start, fields
        start = reader.line_num + 1


def _text_problems(row: dict[str, str], joined: str) -> list[str]:
    """Control characters and overlong text, column by column (`joined`: the row's columns
    run together, for one search on the good rows that nearly all are)."""
    problems = []
    if text_problem(joined, multiline=True) is not None or _MULTILINE.search(joined):
        for column, value in row.items():
            problem = text_problem(value, multiline=column == "quote")
            if problem is not None:
                problems.append(
                    _("cột %(column)s %(problem)s") % {"column": column, "problem": problem}
                )
    for column, limit in MAX_LENGTHS.items():
        if limit is not None and len(row[column]) > limit:
            problems.append(
                _("cột %(column)s dài %(n)d ký tự, nhiều nhất %(limit)d")
                % {"column": column, "n": len(row[column]), "limit": limit}
            )
    return problems


def _parse_row(line: int, row: dict[str, str], problems: list[str]) -> ParsedRow | None:
    code = row["indicator_code"]
    if not code:
        problems.append(_("thiếu mã chỉ tiêu (indicator_code)"))
    period = _parse_period(row["period"], problems)
    kind = row["kind"]
    if kind not in _KINDS:
        problems.append(
            _("loại “%(value)s” không hợp lệ: plan, estimate hoặc actual") % {"value": _shown(kind)}
        )
    plan_source = row["plan_source"] or PlanSource.COUNCIL
    if kind == "plan" and plan_source not in _PLAN_SOURCES:
        problems.append(
            _("nguồn kế hoạch “%(value)s” không hợp lệ: council, province hoặc term")
            % {"value": _shown(plan_source)}
        )
    value = None
    if _MACHINE_NUMBER.match(row["value"]):
        value = Decimal(row["value"])
    else:
        problems.append(
            _(
                "giá trị “%(value)s” không hợp lệ: dùng dấu chấm cho phần thập phân, không phân "
                "cách hàng nghìn (ví dụ 4475 hoặc 128.5)"
            )
            % {"value": _shown(row["value"])}
        )
    if not row["source"]:
        problems.append(_("thiếu số hiệu báo cáo nguồn (source)"))
    if problems or period is None or value is None:
        return None
    return ParsedRow(
        line=line,
        code=code,
        catalogue={c: row[c] for c in CATALOGUE_COLUMNS},
        year=period.year,
        quarter=period.quarter,
        months=period.months,
        as_of=period.as_of,
        kind=kind,
        plan_source=plan_source if kind == "plan" else "",
        value=value,
        source=row["source"],
        quote=row["quote"],
    )


def _parse_period(text: str, problems: list[str]) -> Period | None:
    known = _PERIODS.get(text)
    if known is not None:
        return known
    try:
        period = parse_period(text)
    except PeriodError:
        year = text[:4]
        if year.isascii() and year.isdigit() and not FIRST_YEAR <= int(year) <= LAST_YEAR:
            problems.append(
                _("năm %(year)d nằm ngoài khoảng %(first)d–%(last)d")
                % {"year": int(year), "first": FIRST_YEAR, "last": LAST_YEAR}
            )
        else:
            problems.append(
                _(
                    "kỳ “%(value)s” không hợp lệ: dùng 2024 (cả năm), 2024-Q1 … 2024-Q4 (quý), "
                    "2024-M1 … 2024-M12 (lũy kế n tháng đầu năm) hoặc 2024-12-31 (lũy kế đến "
                    "ngày; 2024@2025-01-31 cho số của năm 2024 đến một ngày năm sau)"
                )
                % {"value": _shown(text)}
            )
        return None
    _PERIODS[text] = period
    return period


# Periods read so far: a file has a few dozen, on every row.
_PERIODS: dict[str, Period] = {}


def _check_known(row: ParsedRow, indicator: Indicator, problems: list[str]) -> None:
    """A known code's catalogue columns, where given, must say what is stored."""
    cat = row.catalogue
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
                    "given": _shown(cat[column]),
                }
            )
    if cat["sector"] and cat["sector"] not in (indicator.sector.name, indicator.sector.code):
        problems.append(
            _("chỉ tiêu %(code)s thuộc lĩnh vực “%(stored)s”, tệp ghi “%(given)s”")
            % {"code": row.code, "stored": indicator.sector.name, "given": _shown(cat["sector"])}
        )


def _save(parsed: Parsed, *, user: User | None, reason: str) -> ImportResult:
    """Write a checked file: its new reports, sectors and indicators, then its plans and
    values in bulk (a fixed number of queries per thousand rows)."""
    rows = parsed.rows
    result = ImportResult(rows=len(rows))
    reports, result.created_reports = services.reports_bulk_ensure(
        numbers={r.source for r in rows}, note=_("Tạo khi nhập tệp CSV.")
    )
    indicators = _indicators_ensure(parsed, result)
    plans = [r for r in rows if r.kind == "plan"]
    values = [r for r in rows if r.kind != "plan"]

    def figures(chosen: list[ParsedRow], key: str) -> list[services.FigureRow]:
        return [
            services.FigureRow(
                indicator=indicators[r.code],
                year=r.year,
                quarter=r.quarter,
                months=r.months,
                as_of=r.as_of,
                kind=getattr(r, key),
                value=r.value,
                report=reports[r.source],
                quote=r.quote,
            )
            for r in chosen
        ]

    try:
        written = [
            services.values_bulk_record(rows=figures(values, "kind"), user=user, reason=reason),
            services.targets_bulk_set(rows=figures(plans, "plan_source"), user=user, reason=reason),
        ]
    except services.FiguresLocked as exc:
        raise ImportRejected(
            [
                _("Dòng %(line)d: %(problems)s.") % {"line": values[i].line, "problems": why}
                for i, why in sorted(exc.refused.items())
            ]
        ) from exc
    result.created = sum(w.created for w in written)
    result.updated = sum(w.updated for w in written)
    result.unchanged = sum(w.unchanged for w in written)
    return result


def _indicators_ensure(parsed: Parsed, result: ImportResult) -> dict[str, Indicator]:
    """The file's indicators by code, the new ones (and their new sectors) created."""
    indicators = {code: i for code, i in parsed.known.items()}
    if not parsed.new_catalogue:
        return indicators
    sector_names = {cat["sector"] for _line, cat in parsed.new_catalogue.values()}
    new_sectors = services.sectors_bulk_create(
        names=sorted(n for n in sector_names if n not in parsed.sectors)
    )
    result.created_sectors = [s.code for s in new_sectors]
    sectors = {**parsed.sectors, **{s.name: s for s in new_sectors}}
    created = services.indicators_bulk_create(
        indicators=[
            Indicator(
                code=code,
                name=cat["indicator_name"],
                sector=sectors[cat["sector"]],
                unit=cat["unit"],
                direction=cat["direction"],
                aggregation=cat["aggregation"],
                decimals=parsed.new_decimals.get(code, 0),
            )
            for code, (_line, cat) in parsed.new_catalogue.items()
        ]
    )
    for indicator in created:
        indicators[indicator.code] = indicator
        result.created_indicators.append(indicator.code)
    return indicators
