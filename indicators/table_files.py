"""One exporter for every table the app hands out as a file (the sector pages, the list of
exports, the council table): CSV that Windows Excel opens as UTF-8, and xlsx whose figures are
numbers with a number format per cell, on a named sheet.

- CSV starts with a byte-order mark: without it Windows Excel reads the Vietnamese names as
  ANSI. Figures are written as people read them (4.475; 17,5; 102,7%), by `indicators.display`.
- xlsx keeps figures as numbers so that the office can compute with them; each cell's format
  shows exactly the decimals the display rule gives it ('#,##0.0' for 17,5). Format codes are
  Excel's invariant notation: Excel renders them with the reader's regional separators.
- Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is neutralised in
  text cells: an indicator named "=HYPERLINK(…)" stays text. Figures are never touched: a
  negative number is a number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from indicators import display
from indicators.computations import is_rate_unit, rate_symbol

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}

# What a spreadsheet reads as the start of a formula (OWASP's list, with tab and CR).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PCT_FORMAT = '#,##0.0"%"'
YOY_PCT_FORMAT = '+#,##0.0"%";-#,##0.0"%";0.0"%"'
# Excel's sheet names: at most 31 characters, none of these.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralised(text: str) -> str:
    """Text a spreadsheet will not run: a leading apostrophe before a formula's first
    character, as OWASP recommends for CSV ("=1+2" → "'=1+2")."""
    return "'" + text if _runs(text) else text


def _runs(text: str) -> bool:
    # A lone "-" or "+" (the STT mark of a component) is no formula, and reads as itself.
    return len(text) > 1 and text.startswith(FORMULA_STARTS)


def number_format(decimals: int) -> str:
    """'#,##0' for whole figures, '#,##0.0' for one decimal, …"""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def points_format(unit: str) -> str:
    """A change of a rate in points, with its sign: '+0.13 điểm %'."""
    label = f' điểm {rate_symbol(unit) or "%"}"'
    return f'+#,##0.00"{label};-#,##0.00"{label};0.00"{label}'


@dataclass(frozen=True)
class Cell:
    """One cell: its text as people read it, and for a figure the number and the format that
    shows it with the same decimals."""

    text: str
    number: Decimal | None = None
    number_format: str = "General"

    @property
    def is_figure(self) -> bool:
        return self.number is not None


def text(value: Any) -> Cell:
    return Cell("" if value is None else str(value))


def figure(value: Decimal | None, decimals: int) -> Cell:
    """A figure of an indicator: 182; 17,5; 122,195 (the display rule), "–" when undefined."""
    if value is None:
        return Cell(display.UNDEFINED)
    shown = display.figure_decimals(value, decimals)
    return Cell(display.figure(value, decimals), value, number_format(shown))


def percent(value: Decimal | None) -> Cell:
    """A percentage, one decimal: 102,7%."""
    if value is None:
        return Cell(display.UNDEFINED)
    return Cell(display.percent(value), value, PCT_FORMAT)


def change(value: Decimal | None, unit: str) -> Cell:
    """The change on last year: in points for a rate (+0,13 điểm %), in % otherwise (+8,0%)."""
    if value is None:
        return Cell(display.UNDEFINED)
    fmt = points_format(unit) if is_rate_unit(unit) else YOY_PCT_FORMAT
    return Cell(display.signed_change(value, unit), value, fmt)


def as_cell(value: Any) -> Cell:
    """A table's value as a cell: cells as they are, "–" for nothing, integers as ungrouped
    numbers (a year is 2024, not 2.024), the rest as text."""
    if isinstance(value, Cell):
        return value
    if value is None or value == "":
        # django-tables2 hands None for an empty cell without calling value_<column>: undefined
        # is "–", never 0 and never a blank someone fills in.
        return Cell(display.UNDEFINED)
    if isinstance(value, int) and not isinstance(value, bool):
        return Cell(str(value), Decimal(value), "0")
    return text(value)


@dataclass
class TableFile:
    """A table to hand out: its sheet's name, its header row, its rows of cells, and the
    widths of its columns (in characters) for xlsx."""

    sheet: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)


def from_table(
    table: Any, *, sheet: str, exclude: Iterable[str] = (), sequence: Sequence[str] = ()
) -> TableFile:
    """A django-tables2 table as a TableFile: every column (hidden ones too, unless excluded;
    in `sequence`'s order when given), its header, each row's `value_<column>` (a Cell, or a
    value made one by `as_cell`)."""
    excluded = set(exclude)
    columns = [
        c
        for c in table.columns.iterall()
        if not c.column.exclude_from_export and c.name not in excluded
    ]
    if sequence:
        by_name = {c.name: c for c in columns}
        columns = [by_name[name] for name in sequence if name in by_name]
    rows = [[as_cell(row.get_cell_value(c.name)) for c in columns] for row in table.rows]
    return TableFile(sheet=sheet, headers=[str(c.header) for c in columns], rows=rows)


def csv_bytes(table: TableFile) -> bytes:
    """UTF-8 with a byte-order mark, CRLF line ends (what Windows Excel expects)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralised(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([c.text if c.is_figure else neutralised(c.text) for c in row])
    return ("\ufeff" + buffer.getvalue()).encode()


def write_cell(ws: Worksheet, row: int, column: int, cell: Cell) -> XlsxCell:
    """Write one cell: a figure as a number with its format, text as text (never a formula)."""
    target: XlsxCell = ws.cell(row=row, column=column)
    if cell.is_figure:
        assert cell.number is not None
        target.value = float(cell.number)
        target.number_format = cell.number_format
        target.alignment = Alignment(horizontal="right", vertical="center")
    else:
        write_text(target, cell.text)
    return target


def write_text(target: XlsxCell, value: str) -> None:
    """Text that stays text: openpyxl would store "=…" as a live formula; the cell is typed as
    a string, and its quote prefix keeps Excel from reading it as one when it is edited."""
    target.value = value
    if value.startswith(FORMULA_STARTS):
        target.data_type = "s"
        target.quotePrefix = True


def sheet_name(name: str) -> str:
    return _SHEET_FORBIDDEN.sub("-", name)[:31] or "Bảng"


def xlsx_bytes(table: TableFile) -> bytes:
    """A workbook of one named sheet: a bold header row that stays in view and filters, then
    the rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name(table.sheet)
    bold = Font(bold=True)
    for c, header in enumerate(table.headers, start=1):
        target = ws.cell(row=1, column=c)
        write_text(target, header)
        target.font = bold
        target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, row in enumerate(table.rows, start=2):
        for c, cell in enumerate(row, start=1):
            write_cell(ws, r, c, cell)
    for c, width in enumerate(_widths(table), start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"
    if table.headers:
        last = get_column_letter(len(table.headers))
        ws.auto_filter.ref = f"A1:{last}{max(1, len(table.rows) + 1)}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _widths(table: TableFile) -> Sequence[float]:
    if table.widths:
        return table.widths
    # As wide as the longest text of the column, within reason.
    widths = []
    for c, header in enumerate(table.headers):
        longest = max([len(header), *(len(row[c].text) for row in table.rows if c < len(row))])
        widths.append(float(min(60, max(8, longest + 2))))
    return widths


def render(table: TableFile, format: str) -> bytes:
    if format == "csv":
        return csv_bytes(table)
    if format == "xlsx":
        return xlsx_bytes(table)
    raise ValueError(f"unknown table format {format!r}")


def is_format(format: str | None) -> bool:
    return format in CONTENT_TYPES


def response(table: TableFile, format: str, filename: str) -> HttpResponse:
    """The table as a download."""
    answer = HttpResponse(render(table, format), content_type=CONTENT_TYPES[format])
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer
