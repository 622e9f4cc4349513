"""The council table as an Excel workbook, ready to print on A4 landscape.

Figures are real numbers, unrounded, so that the office can compute with them; each cell's
format shows the decimals of the display rule (indicators.display.figure: 182; 17,5; 122,195),
percentages one. Text cells never become formulas (indicators.table_files). The checking notes
(disagreeing reports, when the figures were read) go on a second sheet, off the council's copy.

Number formats are written in Excel's invariant notation ('#,##0.0': comma for
thousands, dot for decimals in the *code*), which Excel and LibreOffice render with the
reader's regional separators: on a Vietnamese-locale machine 4475 shows as 4.475 and 128.5 as
128,5. A format with literal Vietnamese separators ('#.##0,0') is not a valid format code, and
hard-coding text would lose the numbers, so the standard codes it is.
"""

from __future__ import annotations

import io
import math

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from indicators import table_files
from reports.exports import layout
from reports.snapshot import Snapshot, SnapshotRow

BODY_SIZE = 11
HEAD_SIZE = 12
LINE_HEIGHT = 15.0  # points per line of 11-point text, with leading

thin = Side(style="thin", color="000000")
BORDER = Border(left=thin, right=thin, top=thin, bottom=thin)
FONT = Font(name=layout.FONT, size=BODY_SIZE)
BOLD = Font(name=layout.FONT, size=BODY_SIZE, bold=True)
ITALIC = Font(name=layout.FONT, size=BODY_SIZE, italic=True)
HEAD_BOLD = Font(name=layout.FONT, size=HEAD_SIZE, bold=True)
HEAD_MOTTO = Font(name=layout.FONT, size=HEAD_SIZE, bold=True, underline="single")
HEAD_ITALIC = Font(name=layout.FONT, size=HEAD_SIZE, italic=True)
TITLE = Font(name=layout.FONT, size=14, bold=True)
SECTOR_FILL = PatternFill("solid", fgColor="E7EEF7")
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
INDENTS = [
    Alignment(horizontal="left", vertical="center", wrap_text=True, indent=n) for n in (range(6))
]

PCT_FORMAT = table_files.PCT_FORMAT
YOY_PCT_FORMAT = table_files.YOY_PCT_FORMAT
CHECK_SHEET = "Kiểm tra số liệu"


def number_format(decimals: int) -> str:
    return table_files.number_format(decimals)


def points_format(unit: str) -> str:
    return table_files.points_format(unit)


def _lines(text: str, width: float) -> int:
    # Times New Roman is narrower than the "0" Excel measures widths with: ~1.2 characters a unit.
    return max(1, math.ceil(len(text) / max(1.0, width * 1.2 - 2)))


def _merge(
    ws: Worksheet, row: int, first: int, last: int, value: str, font: Font, align: Alignment
) -> None:
    cell = ws.cell(row=row, column=first)
    table_files.write_text(cell, value)
    cell.font, cell.alignment = font, align
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


HEADER_ROW = 9  # the first of the two header rows, below the heading block and the title


def render(snapshot: Snapshot) -> bytes:
    """The workbook's bytes."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"Phụ biểu {snapshot.year}"
    _set_properties(wb, snapshot)
    for index, column in enumerate(layout.COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    _write_heading(ws, snapshot)
    _write_header(ws, snapshot)
    r = data_first = HEADER_ROW + 2
    for row in snapshot.rows:
        _write_row(ws, r, row, snapshot)
        r += 1
    _write_footnote(ws, r + 1, snapshot)
    _set_printing(ws, data_first=data_first, last_row=r + 1)
    _write_checking_sheet(wb.create_sheet(CHECK_SHEET), snapshot)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _set_properties(wb: Workbook, snapshot: Snapshot) -> None:
    made = layout.local(snapshot.made_at).replace(tzinfo=None)
    wb.properties.creator = " ".join(layout.ISSUER).title()
    wb.properties.title = layout.title(snapshot)[1]
    wb.properties.created = wb.properties.modified = made


def _write_heading(ws: Worksheet, snapshot: Snapshot) -> None:
    """Issuing body on the left, the national motto on the right, then the title (rows 1–7)."""
    n = layout.N_COLUMNS
    _merge(ws, 1, 1, 3, layout.ISSUER[0], HEAD_BOLD, CENTER)
    _merge(ws, 2, 1, 3, layout.ISSUER[1], HEAD_BOLD, CENTER)
    _merge(ws, 1, 4, n, layout.NATION[0], HEAD_BOLD, CENTER)
    _merge(ws, 2, 4, n, layout.NATION[1], HEAD_MOTTO, CENTER)
    _merge(ws, 3, 4, n, layout.place_and_date(snapshot), HEAD_ITALIC, CENTER)
    annex, title = layout.title(snapshot)
    _merge(ws, 5, 1, n, annex, TITLE, CENTER)
    _merge(ws, 6, 1, n, title, TITLE, CENTER)
    ws.row_dimensions[6].height = 2 * 18.0 if len(title) > 110 else 18.0
    _merge(ws, 7, 1, n, layout.subtitle(snapshot), HEAD_ITALIC, CENTER)


def _write_header(ws: Worksheet, snapshot: Snapshot) -> None:
    """The two header rows, merged as layout.header says."""
    first = HEADER_ROW
    top, bottom = layout.header(snapshot)
    for offset, labels in enumerate((top, bottom)):
        r = first + offset
        ws.row_dimensions[r].height = 2 * LINE_HEIGHT + 4
        for c, label in enumerate(labels, start=1):
            cell = ws.cell(row=r, column=c, value=label)
            cell.font, cell.alignment, cell.border, cell.fill = BOLD, CENTER, BORDER, HEADER_FILL
    for c, label in enumerate(bottom, start=1):
        if label is None and top[c - 1] is not None:
            ws.merge_cells(start_row=first, start_column=c, end_row=first + 1, end_column=c)
    for first_column, last_column in (layout.YEAR_COLUMNS, layout.NEXT_COLUMNS):
        ws.merge_cells(
            start_row=first,
            start_column=first_column + 1,
            end_row=first,
            end_column=last_column + 1,
        )


def _write_footnote(ws: Worksheet, r: int, snapshot: Snapshot) -> None:
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=layout.N_COLUMNS)
    note = ws.cell(row=r, column=1, value=layout.footnote(snapshot))
    note.font, note.alignment = ITALIC, LEFT
    total_width = sum(c.width for c in layout.COLUMNS)
    ws.row_dimensions[r].height = LINE_HEIGHT * _lines(note.value, total_width) + 2


def _set_printing(ws: Worksheet, *, data_first: int, last_row: int) -> None:
    """Scrolling keeps the header and the names in view; printing repeats the header rows."""
    ws.freeze_panes = ws.cell(row=data_first, column=3)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"
    ws.print_area = f"A1:{get_column_letter(layout.N_COLUMNS)}{last_row}"
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = 0.6
    # Room for the page-number footer below the table (footer 0.3 in from the edge).
    ws.page_margins.bottom = 0.8
    ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = layout.FONT


def _write_row(ws: Worksheet, r: int, row: SnapshotRow, snapshot: Snapshot) -> None:
    widths = [c.width for c in layout.COLUMNS]
    stt = ws.cell(row=r, column=1)
    table_files.write_text(stt, row.stt)  # "-", "+": marks, not formulas
    stt.alignment, stt.border = CENTER, BORDER
    name = ws.cell(row=r, column=2)
    table_files.write_text(name, row.name)
    name.border = BORDER
    if row.is_heading:
        font = BOLD
        name.alignment = LEFT
        for c in range(3, layout.N_COLUMNS + 1):
            cell = ws.cell(row=r, column=c)
            cell.border = BORDER
            if row.level == 0:
                cell.fill = SECTOR_FILL
        if row.level == 0:
            stt.fill = name.fill = SECTOR_FILL
        stt.font = name.font = font
        ws.row_dimensions[r].height = LINE_HEIGHT * _lines(row.name, widths[1]) + 3
        return

    font = ITALIC if row.depth > 0 else FONT
    stt.font = name.font = font
    name.alignment = INDENTS[min(row.indent, len(INDENTS) - 1)]
    unit = ws.cell(row=r, column=3)
    table_files.write_text(unit, row.unit)
    unit.font, unit.alignment, unit.border = font, CENTER, BORDER
    for offset, figure in enumerate(layout.figure_cells(row)):
        cell = table_files.write_cell(ws, r, 4 + offset, figure)
        if not figure.is_figure:
            cell.alignment = CENTER  # "–": undefined, never 0
        cell.font, cell.border = font, BORDER
    note_value = layout.note_text(row, snapshot)
    note = ws.cell(row=r, column=layout.N_COLUMNS)
    table_files.write_text(note, note_value)
    note.font, note.alignment, note.border = font, CENTER, BORDER
    lines = max(
        _lines(row.name, widths[1] - 2 * row.indent),
        _lines(row.unit, widths[2]),
        _lines(note_value, widths[-1]),
    )
    ws.row_dimensions[r].height = LINE_HEIGHT * lines + 3


def _write_checking_sheet(ws: Worksheet, snapshot: Snapshot) -> None:
    """For the office, not the council: when the figures were read, and each row to check."""
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 40
    title = ws.cell(row=1, column=1, value=_("Ghi chú kiểm tra (không gửi kèm phụ biểu)"))
    title.font = BOLD
    ws.cell(row=2, column=1, value=layout.extracted_at(snapshot)).font = ITALIC
    for c, label in enumerate((_("STT"), _("Chỉ tiêu"), _("Cần kiểm tra")), start=1):
        cell = ws.cell(row=4, column=c, value=label)
        cell.font, cell.alignment, cell.border, cell.fill = BOLD, CENTER, BORDER, HEADER_FILL
    notes = layout.checking_notes(snapshot)
    for r, note in enumerate(notes, start=5):
        for c, value in enumerate((note.stt, note.name, note.note), start=1):
            cell = ws.cell(row=r, column=c)
            table_files.write_text(cell, value)
            cell.font, cell.border = FONT, BORDER
            cell.alignment = CENTER if c == 1 else LEFT
    if not notes:
        ws.cell(row=5, column=2, value=_("Không có chỉ tiêu nào cần kiểm tra.")).font = ITALIC
