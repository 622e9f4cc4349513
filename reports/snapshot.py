"""The council table as plain data: what every export format, the page and the generated
sentences are drawn from, and what an export stores as the record of the values it used.

Rows come in reading order with their STT ("số thứ tự") already set, headings included:

- main indicators (the default), numbered as the council resolution and the report number them:
  sectors I, II, III; the council's groups (1)…(8) keep their own numbers, so "chỉ tiêu số 6"
  means the same thing in the table, the report and the resolution; when a group holds several
  indicators it becomes a heading row and its indicators are a, b, c; components below are
  "-", then "+".
- every indicator: the standard hierarchy of Vietnamese administrative tables, one level more
  because sectors have sub-sectors: A, B (sectors), I, II (sub-sectors), 1, 2 (indicators,
  restarting in each sub-sector), a, b (components), then "-" and "+".

Nothing here touches the database; `reports.selectors.council_snapshot` feeds it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _

from indicators.computations import is_rate_unit
from indicators.selectors import top_sector
from reports.council_table import JSON_FIELDS, PERIOD_JSON_FIELDS, CouncilRow, period_code

HEADING = "heading"
INDICATOR = "indicator"

DECIMAL_FIELDS = (
    "plan",
    "actual",
    "previous",
    "completion_pct",
    "yoy_pct",
    "yoy_points",
    "next_plan",
    "next_plan_vs_actual_pct",
    "pace_pct",
)


@dataclass(frozen=True)
class SnapshotRow:
    """One line of the council table: a heading, or an indicator with its figures and the ids
    of the stored values and targets they came from."""

    kind: str
    stt: str
    name: str
    level: int = 0  # headings: 0 for a sector, 1 for a sub-sector or a council group
    indent: int = 0  # how far the name is indented in print
    code: str = ""
    parent_code: str = ""
    depth: int = 0  # 0 for an indicator, 1 for its components, ...
    unit: str = ""
    direction: str = "higher"
    decimals: int = 0
    is_main: bool = False
    council_group: int | None = None
    plan: Decimal | None = None
    actual: Decimal | None = None
    actual_kind: str | None = None
    previous: Decimal | None = None
    completion_pct: Decimal | None = None
    yoy_pct: Decimal | None = None
    yoy_points: Decimal | None = None
    next_plan: Decimal | None = None
    next_plan_vs_actual_pct: Decimal | None = None
    status: str = "no_plan"
    reports_disagree: bool = False
    value_id: int | None = None
    previous_value_id: int | None = None
    plan_target_id: int | None = None
    next_plan_target_id: int | None = None
    # The plan was derived by arithmetic (from "actual, đạt X% kế hoạch"), not stated: every
    # file marks it, with a footnote.
    plan_derived: bool = False
    # A period's table only: its code ("2024-M6"; empty for the year) and the pace.
    period: str = ""
    pace_pct: Decimal | None = None

    @property
    def is_heading(self) -> bool:
        return self.kind == HEADING

    @property
    def is_rate(self) -> bool:
        return is_rate_unit(self.unit)

    @property
    def change(self) -> Decimal | None:
        """The change on last year in points for rates, in % otherwise."""
        return self.yoy_points if self.is_rate else self.yoy_pct

    def as_record(self) -> dict[str, Any]:
        """The fields of the `export_council_table` JSON/CSV contract (domain.md)."""
        names = PERIOD_JSON_FIELDS if self.period else JSON_FIELDS
        return {name: getattr(self, name) for name in names}

    def to_json(self) -> dict[str, Any]:
        # Decimals as strings: exact, and read back to the same Decimal.
        data = asdict(self)
        for name in DECIMAL_FIELDS:
            if data[name] is not None:
                data[name] = str(data[name])
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SnapshotRow:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for name in DECIMAL_FIELDS:
            if values.get(name) is not None:
                values[name] = Decimal(values[name])
        return cls(**values)


PLACE = "Lai Châu"


@dataclass(frozen=True)
class TitleBlock:
    """What the annex says of the report it goes with: "Kèm theo Báo cáo số 5268/BC-UBND ngày
    28/11/2024", and the place and date line. Empty number and date are left blank for the
    office to write in by hand; the year is then the table's own."""

    report_number: str = ""
    report_date: date | None = None
    place: str = PLACE

    def to_json(self) -> dict[str, Any]:
        return {
            "report_number": self.report_number,
            "report_date": self.report_date.isoformat() if self.report_date else None,
            "place": self.place,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> TitleBlock:
        if not data:
            return cls()
        day = data.get("report_date")
        return cls(
            report_number=data.get("report_number") or "",
            report_date=date.fromisoformat(day) if day else None,
            place=data.get("place") or PLACE,
        )


@dataclass(frozen=True)
class Snapshot:
    """The council table of a year, frozen: parameters, the moment it was read, its rows, and
    the title block the files carry."""

    year: int
    baseline: str
    all_indicators: bool
    made_at: datetime
    rows: list[SnapshotRow] = field(default_factory=list)
    title_block: TitleBlock = field(default_factory=TitleBlock)
    period: str = "Y"  # of the year: indicators.periods.ROLLUP_PERIODS

    @property
    def indicators(self) -> list[SnapshotRow]:
        return [r for r in self.rows if not r.is_heading]

    @cached_property
    def actual_kinds(self) -> set[str]:
        # Read for every row an export writes (its note): computed once, not once a row (that
        # was half an Excel or Word export's time with 3 000 rows). The rows never change.
        return {r.actual_kind for r in self.indicators if r.actual_kind}

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "baseline": self.baseline,
            "all_indicators": self.all_indicators,
            "made_at": self.made_at.isoformat(),
            "rows": [r.to_json() for r in self.rows],
            "title_block": self.title_block.to_json(),
            "period": self.period,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Snapshot:
        return cls(
            year=int(data["year"]),
            baseline=data["baseline"],
            all_indicators=bool(data["all_indicators"]),
            made_at=datetime.fromisoformat(data["made_at"]),
            rows=[SnapshotRow.from_json(r) for r in data["rows"]],
            title_block=TitleBlock.from_json(data.get("title_block")),
            period=data.get("period", "Y"),  # snapshots stored before periods: the year
        )

    def data_digest(self) -> str:
        """A hash of what the table says (parameters, rows and title block, not the moment it
        was read): equal digests mean the same file from the same stored values."""
        payload = self.to_json()
        payload.pop("made_at")
        canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


# --- STT --------------------------------------------------------------------------------------

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman(n: int) -> str:
    """1 -> I, 4 -> IV, 14 -> XIV."""
    out = []
    for value, symbol in _ROMAN:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def letter(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (a table rarely gets there, but it must not break)."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _marker(style: str, n: int) -> str:
    if style == "roman":
        return roman(n)
    if style == "upper":
        return letter(n).upper()
    if style == "arabic":
        return str(n)
    if style == "letter":
        return letter(n)
    return style  # "-" or "+": the same mark for every item


MAIN_STYLES = ("roman", "arabic", "letter", "-", "+")
ALL_STYLES = ("upper", "roman", "arabic", "letter", "-", "+")


class _Counter:
    """Counters of a numbered hierarchy: numbering an item restarts every level below it."""

    def __init__(self, styles: Sequence[str]):
        self.styles = styles
        self.counts = [0] * 16

    def next(self, level: int, number: int | None = None) -> str:
        self.counts[level] = number if number is not None else self.counts[level] + 1
        for below in range(level + 1, len(self.counts)):
            self.counts[below] = 0
        style = self.styles[min(level, len(self.styles) - 1)]
        return _marker(style, self.counts[level])


# --- Building ---------------------------------------------------------------------------------


def _indicator_row(row: CouncilRow, *, stt: str, indent: int) -> SnapshotRow:
    r = row.row
    i = r.indicator
    present_parent = i.parent.code if (i.parent_id and row.depth > 0 and i.parent) else ""
    return SnapshotRow(
        kind=INDICATOR,
        stt=stt,
        name=i.name,
        indent=indent,
        code=i.code,
        parent_code=present_parent,
        depth=row.depth,
        unit=i.unit,
        direction=i.direction,
        decimals=i.decimals,
        is_main=i.is_main,
        council_group=i.council_group,
        plan=r.plan,
        actual=r.actual,
        actual_kind=r.actual_kind,
        previous=r.previous,
        completion_pct=r.completion_pct,
        yoy_pct=r.yoy_pct,
        yoy_points=r.yoy_points,
        next_plan=r.next_plan,
        next_plan_vs_actual_pct=r.next_plan_vs_actual_pct,
        status=str(r.status),
        reports_disagree=r.reports_disagree,
        value_id=r.actual_value_id,
        previous_value_id=r.previous_value_id,
        plan_target_id=r.plan_target.pk if r.plan_target else None,
        next_plan_target_id=r.next_plan_target.pk if r.next_plan_target else None,
        plan_derived=bool(r.plan_target and r.plan_target.is_derived),
        period="" if r.period == "Y" else period_code(r.year, r.period),
        pace_pct=r.pace_pct,
    )


def _heading(stt: str, name: str, level: int) -> SnapshotRow:
    return SnapshotRow(kind=HEADING, stt=stt, name=name, level=level, indent=0)


def number_main(rows: Iterable[CouncilRow]) -> list[SnapshotRow]:
    """Main indicators: sectors I, II; council groups by their own number; a, b inside a group
    of several; components "-", "+"."""
    rows = list(rows)
    members: dict[int | None, list[CouncilRow]] = {}
    for r in rows:
        if r.depth == 0:
            members.setdefault(r.indicator.council_group, []).append(r)
    counter = _Counter(MAIN_STYLES)
    out: list[SnapshotRow] = []
    sector = None
    group: int | None = None
    base = 1  # the level of the current depth-0 indicator
    for r in rows:
        if r.depth == 0:
            top = top_sector(r.indicator)
            if top != sector:
                out.append(_heading(counter.next(0), top.name.upper(), 0))
                sector, group = top, None
            g = r.indicator.council_group
            in_group = members.get(g, [])
            if len(in_group) > 1:
                if g != group:
                    out.append(_heading(counter.next(1, g), _group_name(in_group, g), 1))
                    group = g
                base = 2
            else:
                group, base = g, 1
            stt = counter.next(base, g if base == 1 else None)
        else:
            stt = counter.next(base + r.depth)
        out.append(_indicator_row(r, stt=stt, indent=base - 1 + r.depth))
    return out


def _group_name(members: list[CouncilRow], group: int | None) -> str:
    sectors = {m.indicator.sector for m in members}
    if len(sectors) == 1:
        return next(iter(sectors)).name
    return _("Nhóm chỉ tiêu %(number)s") % {"number": group}


def number_all(rows: Iterable[CouncilRow]) -> list[SnapshotRow]:
    """Every indicator: sectors A, B; sub-sectors I, II; indicators 1, 2; components a, b."""
    counter = _Counter(ALL_STYLES)
    out: list[SnapshotRow] = []
    top_seen = None
    sub_seen = None
    for r in rows:
        if r.depth == 0:
            top = top_sector(r.indicator)
            if top != top_seen:
                out.append(_heading(counter.next(0), top.name.upper(), 0))
                top_seen, sub_seen = top, None
            sector = r.indicator.sector
            if sector != top and sector != sub_seen:
                out.append(_heading(counter.next(1), sector.name, 1))
                sub_seen = sector
        stt = counter.next(2 + r.depth)
        out.append(_indicator_row(r, stt=stt, indent=r.depth))
    return out


def build_snapshot(
    rows: Sequence[CouncilRow],
    *,
    year: int,
    baseline: str,
    all_indicators: bool,
    made_at: datetime,
    period: str = "Y",
) -> Snapshot:
    """Number the council table's rows and freeze them with their parameters."""
    numbered = number_all(rows) if all_indicators else number_main(rows)
    return Snapshot(
        year=year,
        baseline=baseline,
        all_indicators=all_indicators,
        made_at=made_at,
        rows=numbered,
        period=period,
    )


def status_counts(snapshot: Snapshot) -> Counter[str]:
    return Counter(r.status for r in snapshot.indicators)
