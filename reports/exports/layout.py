"""What the council table looks like in every file: the heading block, the title, the columns
and the text of each cell. xlsx, docx and pdf draw the same thing from here, so the three
files read the same.

Cells that docx and pdf show as text are written by `indicators.display` (4.475; 128,5;
102,7%), the only place numbers are rounded. The files are Vietnamese administrative
documents: they are written in Vietnamese whatever the page's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from indicators import display, table_files
from indicators.models import PlanSource
from indicators.periods import YEAR
from indicators.quarters import rollup_period_label
from reports.snapshot import PLACE, Snapshot, SnapshotRow

ISSUER = ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ LAI CHÂU")
NATION = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

# Font names in order of preference: Times New Roman is what Vietnamese administrative documents
# are set in (Nghị định 30/2020/NĐ-CP); Liberation Serif has the same metrics and every
# Vietnamese diacritic, and is what a Debian machine renders with.
FONT = "Times New Roman"
# "Chitieu Serif" is Liberation Serif 2 (Times New Roman's metric twin, with every Vietnamese
# letter) vendored under static/fonts/, so the PDF looks the same on every machine: Debian's
# fonts-liberation 1.07 lacks ư, ơ, ạ, ỹ.
PDF_FONT_DIR = "fonts/liberation-serif"
PDF_FONTS = '"Chitieu Serif", "Times New Roman", serif'


@dataclass(frozen=True)
class Column:
    key: str
    width: float  # in characters of the body font, as Excel counts them
    numeric: bool = True


COLUMNS = [
    Column("stt", 7, numeric=False),
    Column("name", 46, numeric=False),
    Column("unit", 19, numeric=False),
    Column("plan", 12),
    Column("actual", 12),
    Column("completion", 10),
    Column("yoy", 13),
    Column("next_plan", 12),
    Column("next_vs_actual", 11),
    Column("note", 16, numeric=False),
]
N_COLUMNS = len(COLUMNS)
YEAR_COLUMNS = (3, 6)  # first and last index of the columns under "Năm Y"
NEXT_COLUMNS = (7, 8)


def baseline_label(baseline: str) -> str:
    labels: dict[str, str] = {
        PlanSource.COUNCIL: _("NQ HĐND"),
        PlanSource.PROVINCE: _("KH tỉnh giao"),
        PlanSource.TERM: _("Mục tiêu NQ Đại hội"),
    }
    return str(labels.get(baseline, baseline))


def actual_label(snapshot: Snapshot) -> str:
    kinds = snapshot.actual_kinds
    if kinds == {"actual"}:
        return _("TH")
    if kinds == {"estimate"} or not kinds:
        return _("Ước TH")
    return _("Ước TH/TH")


def header(snapshot: Snapshot) -> tuple[list[str | None], list[str | None]]:
    """The two header rows; None where a cell is covered by a merge. Merges: STT, Chỉ tiêu, ĐVT
    and Đánh giá span both rows; "Năm Y" and "Kế hoạch năm Y+1" span their sub-columns."""
    y, n = snapshot.year, snapshot.year + 1
    top: list[str | None] = [
        _("STT"),
        _("Chỉ tiêu"),
        _("ĐVT"),
        rollup_period_label(y, snapshot.period),
        None,
        None,
        None,
        _("Năm %(year)s") % {"year": n},
        None,
        _("Đánh giá, ghi chú"),
    ]
    bottom: list[str | None] = [
        None,
        None,
        None,
        _("Kế hoạch (%(baseline)s)") % {"baseline": baseline_label(snapshot.baseline)},
        actual_label(snapshot),
        # xgettext:no-python-format
        _("% so KH"),
        _("So cùng kỳ"),
        _("Kế hoạch"),
        _("KH so %(actual)s năm %(year)s") % {"actual": actual_label(snapshot), "year": y},
        None,
    ]
    return top, bottom


def title(snapshot: Snapshot) -> tuple[str, str]:
    """('PHỤ BIỂU', the table's title)."""
    y = snapshot.year
    if snapshot.period != YEAR:
        # A period's table is its results against the annual plan: no next year's plan.
        label = rollup_period_label(y, snapshot.period).upper()
        if snapshot.all_indicators:
            text = _("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI %(period)s")
        else:
            text = _("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU %(period)s")
        return _("PHỤ BIỂU"), text % {"period": label}
    if snapshot.all_indicators:
        text = _(
            "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM %(year)s VÀ KẾ HOẠCH NĂM %(next)s"
        )
    else:
        text = _("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM %(year)s VÀ KẾ HOẠCH NĂM %(next)s")
    return _("PHỤ BIỂU"), text % {"year": y, "next": y + 1}


def local(moment: datetime) -> datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def subtitle(snapshot: Snapshot) -> str:
    """ "(Kèm theo Báo cáo số 5268/BC-UBND ngày 28/11/2024 của UBND thành phố Lai Châu)". What
    the export form left empty stays blank for the office to write by hand when it signs; the
    year is then the table's, not the year the file was made (a 2024 table is reported in
    2024)."""
    block = snapshot.title_block
    number = block.report_number.strip() or "        /BC-UBND"
    if block.report_date:
        day = block.report_date.strftime("%d/%m/%Y")
    else:
        day = _("     tháng      năm %(year)s") % {"year": snapshot.year}
    return _("(Kèm theo Báo cáo số %(number)s ngày %(day)s của UBND thành phố Lai Châu)") % {
        "number": number,
        "day": day,
    }


def place_and_date(snapshot: Snapshot) -> str:
    """ "Lai Châu, ngày 28 tháng 11 năm 2024": the report's date, not the day the file was made;
    blank day and month in the table's year when the form gave none."""
    block = snapshot.title_block
    place = block.place.strip() or PLACE
    if block.report_date is None:
        return _("%(place)s, ngày      tháng      năm %(year)s") % {
            "place": place,
            "year": snapshot.year,
        }
    day = block.report_date
    return _("%(place)s, ngày %(day)02d tháng %(month)02d năm %(year)s") % {
        "place": place,
        "day": day.day,
        "month": day.month,
        "year": day.year,
    }


# Beside a plan derived by arithmetic, and the footnote that says so.
DERIVED_MARK = "*"


def footnote(snapshot: Snapshot) -> str:
    """How the columns are computed, and which plans were derived: for the council. When the
    figures were read is a checking note (`checking_notes`), not the council's business."""
    text = _(
        # xgettext:no-python-format
        "Ghi chú: % so KH = thực hiện / kế hoạch × 100; với chỉ tiêu càng thấp càng tốt "
        "= kế hoạch / thực hiện × 100. So cùng kỳ của chỉ tiêu tính bằng % hoặc ‰ là chênh "
        "lệch điểm."
    )
    if any(row.plan_derived for row in snapshot.indicators):
        text += " " + _(
            "(*) Kế hoạch suy ra từ số thực hiện và tỷ lệ hoàn thành mà báo cáo nêu, không phải "
            "số báo cáo ghi."
        )
    return text


def plan_text(row: SnapshotRow) -> str:
    shown = display.figure(row.plan, row.decimals)
    return shown + DERIVED_MARK if row.plan_derived and row.plan is not None else shown


def note_text(row: SnapshotRow, snapshot: Snapshot) -> str:
    """The council's note column: the status, and which figures are official when estimates
    and official figures are mixed. Disagreeing reports are a checking note, not this."""
    parts = [display.status_short(row.status)]
    if len(snapshot.actual_kinds) > 1 and row.actual_kind == "actual":
        parts.append(_("số chính thức"))
    if parts[0] == display.UNDEFINED and len(parts) > 1:
        parts = parts[1:]
    return "; ".join(parts)


@dataclass(frozen=True)
class CheckingNote:
    stt: str
    name: str
    note: str


def extracted_at(snapshot: Snapshot) -> str:
    made = local(snapshot.made_at)
    return _("Số liệu trích từ cơ sở dữ liệu lúc %(time)s ngày %(date)s.") % {
        "time": made.strftime("%H:%M"),
        "date": made.strftime("%d/%m/%Y"),
    }


def checking_notes(snapshot: Snapshot) -> list[CheckingNote]:
    """What the planning office checks before the table goes out, kept off the council's copy
    (the web page flags them too): the rows whose reports disagree."""
    return [
        CheckingNote(row.stt, row.name, _("các báo cáo nêu số khác nhau"))
        for row in snapshot.indicators
        if row.reports_disagree
    ]


def cell_texts(row: SnapshotRow, snapshot: Snapshot) -> list[str]:
    """The ten cells of a row as docx and pdf print them."""
    if row.is_heading:
        return [row.stt, row.name, *([""] * (N_COLUMNS - 2))]
    return [
        row.stt,
        row.name,
        row.unit,
        plan_text(row),
        display.figure(row.actual, row.decimals),
        display.percent(row.completion_pct),
        display.signed_change(row.change, row.unit),
        display.figure(row.next_plan, row.decimals),
        display.percent(row.next_plan_vs_actual_pct),
        note_text(row, snapshot),
    ]


def figure_cells(row: SnapshotRow) -> list[table_files.Cell]:
    """Columns 4–9 of a row: each figure unrounded, with the format of its display decimals."""
    plan = table_files.figure(row.plan, row.decimals)
    if row.plan_derived and plan.is_figure:
        # Still a number: the mark is in the format ('#,##0"*"'), as in the text.
        plan = replace(
            plan,
            text=plan.text + DERIVED_MARK,
            number_format=f'{plan.number_format}"{DERIVED_MARK}"',
        )
    return [
        plan,
        table_files.figure(row.actual, row.decimals),
        table_files.percent(row.completion_pct),
        table_files.change(row.change, row.unit),
        table_files.figure(row.next_plan, row.decimals),
        table_files.percent(row.next_plan_vs_actual_pct),
    ]


def filename(snapshot: Snapshot, extension: str, *, kind: str = "table") -> str:
    """phu-bieu-chi-tieu-chu-yeu-2024.xlsx, phu-bieu-tat-ca-chi-tieu-2024-kh-tinh.pdf, …"""
    if kind == "sentences":
        stem = f"ket-qua-chi-tieu-chu-yeu-{snapshot.year}"
    elif snapshot.all_indicators:
        stem = f"phu-bieu-tat-ca-chi-tieu-{snapshot.year}"
    else:
        stem = f"phu-bieu-chi-tieu-chu-yeu-{snapshot.year}"
    if snapshot.period != YEAR:
        stem += f"-{snapshot.period.lower()}"  # phu-bieu-chi-tieu-chu-yeu-2024-m6.xlsx
    suffix: dict[str, str] = {PlanSource.PROVINCE: "-kh-tinh", PlanSource.TERM: "-muc-tieu-dai-hoi"}
    return f"{stem}{suffix.get(snapshot.baseline, '')}.{extension}"


Renderer = Callable[[Snapshot], bytes]
