"""What the council table looks like in every file: the heading block, the title, the columns
and the text of each cell. xlsx, docx and pdf draw the same thing from here, so the three
files read the same.

Cells that docx and pdf show as text are written by `indicators.display` (4.475; 128,5;
102,7%), the only place numbers are rounded. The files are Vietnamese administrative
documents: they are written in Vietnamese whatever the page's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from indicators import display
from indicators.models import PlanSource
from indicators.periods import YEAR
from indicators.quarters import rollup_period_label
from reports.snapshot import Snapshot, SnapshotRow

ISSUER = ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ LAI CHÂU")
NATION = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PLACE = "Lai Châu"

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
    # Left blank on purpose: the office writes the report's number and date by hand when it
    # signs, as drafts are circulated.
    return _(
        "(Kèm theo Báo cáo số        /BC-UBND ngày      tháng      năm %(year)s "
        "của UBND thành phố Lai Châu)"
    ) % {"year": local(snapshot.made_at).year}


def place_and_date(snapshot: Snapshot) -> str:
    day = local(snapshot.made_at)
    return _("%(place)s, ngày %(day)02d tháng %(month)02d năm %(year)s") % {
        "place": PLACE,
        "day": day.day,
        "month": day.month,
        "year": day.year,
    }


def footnote(snapshot: Snapshot) -> str:
    made = local(snapshot.made_at)
    return _(
        "Ghi chú: %% so KH = thực hiện / kế hoạch × 100; với chỉ tiêu càng thấp càng tốt "
        "= kế hoạch / thực hiện × 100. So cùng kỳ của chỉ tiêu tính bằng %% hoặc ‰ là chênh "
        "lệch điểm. Số liệu trích từ cơ sở dữ liệu lúc %(time)s ngày %(date)s."
    ) % {"time": made.strftime("%H:%M"), "date": made.strftime("%d/%m/%Y")}


def note_text(row: SnapshotRow, snapshot: Snapshot) -> str:
    parts = [display.status_short(row.status)]
    if len(snapshot.actual_kinds) > 1 and row.actual_kind == "actual":
        parts.append(_("số chính thức"))
    if row.reports_disagree:
        parts.append(_("các báo cáo nêu số khác nhau"))
    if parts[0] == display.UNDEFINED and len(parts) > 1:
        parts = parts[1:]
    return "; ".join(parts)


def cell_texts(row: SnapshotRow, snapshot: Snapshot) -> list[str]:
    """The ten cells of a row as docx and pdf print them."""
    if row.is_heading:
        return [row.stt, row.name, *([""] * (N_COLUMNS - 2))]
    return [
        row.stt,
        row.name,
        row.unit,
        display.number(row.plan, row.decimals),
        display.number(row.actual, row.decimals),
        display.percent(row.completion_pct),
        display.signed_change(row.change, row.unit),
        display.number(row.next_plan, row.decimals),
        display.percent(row.next_plan_vs_actual_pct),
        note_text(row, snapshot),
    ]


def numeric_values(row: SnapshotRow) -> list[Decimal | None]:
    """The figures of columns 4–9, unrounded: what xlsx stores as numbers."""
    return [
        row.plan,
        row.actual,
        row.completion_pct,
        row.change,
        row.next_plan,
        row.next_plan_vs_actual_pct,
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
