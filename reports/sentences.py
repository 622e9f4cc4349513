"""The report's own sentences, written from the data (report 5268/BC-UBND, section "III. Kết quả
thực hiện các chỉ tiêu chủ yếu", its "Tồn tại, hạn chế" summary and next year's list).

One sentence per main indicator in the report's style:

    Thu nhập bình quân đầu người ước thực hiện 62 triệu đồng/người/năm, đạt kế hoạch giao.
    Giá trị sản xuất … ước thực hiện 128,5 triệu đồng/ha/năm, đạt 102,7% kế hoạch.
    … tăng 8% so với cùng kỳ.

Choices the data has to make where the report is not consistent with itself:
- "đạt kế hoạch giao" when the figure is the plan itself; otherwise "đạt X% kế hoạch" (the
  report writes both for the same 100%, e.g. "62 triệu…, đạt kế hoạch giao" but "950 người,
  đạt 100% kế hoạch").
- Prose numbers drop trailing zeros ("đạt 100%", "100,3 tỷ đồng"), as the report writes them;
  tables keep the indicator's decimals. Rounding happens in the display filters only.
- Figures stay in the indicator's own unit ("17,5 tỷ đồng" where the report switches to
  "17.500 triệu đồng" inside a sentence about "122,195 tỷ đồng").
- A rate's change on last year is said in points ("tăng 0,13 điểm %"), never as a bare "%".

Pure functions over `reports.snapshot` rows: no database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from indicators.computations import Status
from indicators.display import points_text, prose_number, with_unit
from reports.snapshot import Snapshot, SnapshotRow


def prose_measure(value: Decimal | None, row: SnapshotRow) -> str:
    """A figure with its unit as prose writes it: 62 triệu đồng/người/năm, 9,73‰, 60%."""
    return with_unit(prose_number(value, row.decimals), row.unit)


def prose_pct(value: Decimal | None) -> str:
    """A percentage as prose writes it: 102,7%; 100%."""
    return prose_number(value, 1) + "%"


def _baseline_words(baseline: str) -> tuple[str, str, str]:
    """(after "đạt X%", after "đạt" alone, in the shortfall summary) for a plan source."""
    if baseline == "province":
        return _("kế hoạch tỉnh giao"), _("kế hoạch tỉnh giao"), _("KH tỉnh giao")
    if baseline == "term":
        return (
            _("mục tiêu Nghị quyết Đại hội"),
            _("mục tiêu Nghị quyết Đại hội"),
            _("mục tiêu NQ Đại hội"),
        )
    return _("kế hoạch"), _("kế hoạch giao"), _("KH giao")


def completion_phrase(row: SnapshotRow, baseline: str) -> str:
    """'đạt kế hoạch giao' or 'đạt 102,7% kế hoạch'; empty when there is no plan."""
    if row.completion_pct is None:
        return ""
    after_pct, alone, _short = _baseline_words(baseline)
    if row.actual is not None and row.plan is not None and row.actual == row.plan:
        return _("đạt %(plan)s") % {"plan": alone}
    return _("đạt %(pct)s %(plan)s") % {"pct": prose_pct(row.completion_pct), "plan": after_pct}


def change_phrase(row: SnapshotRow) -> str:
    """'tăng 8% so với cùng kỳ', 'giảm 0,2 điểm % so với cùng kỳ'; empty when unknown."""
    if row.is_rate:
        change = row.yoy_points
        if change is None:
            return ""
        shown = prose_number(abs(change), 2)
        amount = points_text(shown, row.unit)
    else:
        change = row.yoy_pct
        if change is None:
            return ""
        shown = prose_number(abs(change), 1)
        amount = f"{shown}%"
    if shown == "0":
        return _("bằng cùng kỳ")
    if change > 0:
        return _("tăng %(amount)s so với cùng kỳ") % {"amount": amount}
    return _("giảm %(amount)s so với cùng kỳ") % {"amount": amount}


def result_clause(row: SnapshotRow, baseline: str) -> str:
    """An indicator's result without the closing full stop."""
    if row.actual is None:
        return _("%(name)s: chưa có số liệu thực hiện") % {"name": row.name}
    verb = _("ước thực hiện") if row.actual_kind == "estimate" else _("thực hiện")
    parts = [f"{row.name} {verb} {prose_measure(row.actual, row)}"]
    parts += [p for p in (completion_phrase(row, baseline), change_phrase(row)) if p]
    return ", ".join(parts)


def indicator_sentence(row: SnapshotRow, baseline: str = "council") -> str:
    """One sentence about one indicator, in the report's style."""
    return result_clause(row, baseline) + "."


def target_clause(row: SnapshotRow) -> str:
    """Next year's target: 'đạt 65 triệu đồng/người/năm', 'giảm xuống còn 9%'."""
    shown = prose_measure(row.next_plan, row)
    if row.direction == "lower":
        if row.actual is not None and row.next_plan is not None and row.next_plan < row.actual:
            return _("%(name)s giảm xuống còn %(value)s") % {"name": row.name, "value": shown}
        return _("%(name)s không quá %(value)s") % {"name": row.name, "value": shown}
    return _("%(name)s đạt %(value)s") % {"name": row.name, "value": shown}


# --- Paragraphs -------------------------------------------------------------------------------


def _children(rows: Sequence[SnapshotRow]) -> dict[str, list[SnapshotRow]]:
    children: dict[str, list[SnapshotRow]] = {}
    for r in rows:
        if r.parent_code:
            children.setdefault(r.parent_code, []).append(r)
    return children


def _groups(rows: Sequence[SnapshotRow]) -> list[tuple[int | None, list[SnapshotRow]]]:
    """Top-level main indicators by council group, in the table's order."""
    groups: dict[int | None, list[SnapshotRow]] = {}
    for r in rows:
        if r.is_main and not r.parent_code:
            groups.setdefault(r.council_group, []).append(r)
    return list(groups.items())


def _with_children(
    row: SnapshotRow,
    children: dict[str, list[SnapshotRow]],
    clause: Callable[[SnapshotRow], str],
    keep: Callable[[SnapshotRow], bool] = lambda r: True,
) -> str:
    """'A …. (Trong đó: B …; C …).' — components are told inside their total's sentence."""
    text = clause(row)
    inner = [
        _with_children(c, children, clause, keep).rstrip(".")
        for c in children.get(row.code, [])
        if keep(c)
    ]
    if inner:
        among = _("Trong đó")
        return f"{text}. ({among}: {'; '.join(inner)})."
    return f"{text}."


def result_paragraphs(snapshot: Snapshot) -> list[str]:
    """'(1). Thu nhập … đạt kế hoạch giao.' — one paragraph per council group."""
    rows = snapshot.indicators
    children = _children(rows)
    out = []
    for group, members in _groups(rows):
        text = " ".join(
            _with_children(m, children, lambda r: result_clause(r, snapshot.baseline))
            for m in members
        )
        out.append(f"({group}). {text}" if group else text)
    return out


def target_paragraphs(snapshot: Snapshot) -> list[str]:
    """'(1). Thu nhập bình quân đầu người đạt 65 triệu đồng/người/năm.' for next year."""
    rows = snapshot.indicators
    children = _children(rows)
    out = []
    for group, members in _groups(rows):
        planned = [m for m in members if m.next_plan is not None]
        if not planned:
            continue
        text = " ".join(
            _with_children(m, children, target_clause, keep=lambda r: r.next_plan is not None)
            for m in planned
        )
        out.append(f"({group}). {text}" if group else text)
    return out


def _count(n: int) -> str:
    return f"{n:02d}"


def shortfall_summary(snapshot: Snapshot) -> str:
    """'Có 01 chỉ tiêu chủ yếu và 02 chỉ tiêu thành phần trong các chỉ tiêu chủ yếu không đạt
    kế hoạch đề ra gồm: …', computed from the data.

    A council group with a single indicator is a "chỉ tiêu chủ yếu"; each indicator of a group
    with several is a "chỉ tiêu thành phần". Components of a total (with a parent) are not
    counted: they are told inside their total's item ("trong đó: …").
    """
    rows = snapshot.indicators
    baseline = snapshot.baseline
    children = _children(rows)
    group_sizes = Counter(r.council_group for r in rows if r.is_main and not r.parent_code)
    failing_children = {
        code: [c for c in kids if c.status == Status.NOT_ACHIEVED]
        for code, kids in children.items()
    }
    items: list[str] = []
    n_main = n_components = 0
    for r in rows:
        if not r.is_main or r.parent_code:
            continue
        failed = r.status == Status.NOT_ACHIEVED
        inner = failing_children.get(r.code, [])
        if not failed and not inner:
            continue
        if failed:
            if group_sizes[r.council_group] > 1:
                n_components += 1
            else:
                n_main += 1
        items.append(_shortfall_item(r, inner, baseline))
    if not items:
        return _("Tất cả các chỉ tiêu chủ yếu có kế hoạch đều đạt hoặc vượt kế hoạch đề ra.")
    if n_main and n_components:
        head = _(
            "Có %(main)s chỉ tiêu chủ yếu và %(components)s chỉ tiêu thành phần trong các chỉ "
            "tiêu chủ yếu không đạt kế hoạch đề ra gồm"
        ) % {"main": _count(n_main), "components": _count(n_components)}
    elif n_main:
        head = _("Có %(main)s chỉ tiêu chủ yếu không đạt kế hoạch đề ra gồm") % {
            "main": _count(n_main)
        }
    elif n_components:
        head = _(
            "Có %(components)s chỉ tiêu thành phần trong các chỉ tiêu chủ yếu không đạt kế "
            "hoạch đề ra gồm"
        ) % {"components": _count(n_components)}
    else:
        head = _("Các chỉ tiêu chủ yếu đều đạt kế hoạch, nhưng có chỉ tiêu thành phần không đạt")
    return f"{head}: {' '.join(items)}"


def _shortfall_item(row: SnapshotRow, failing: Iterable[SnapshotRow], baseline: str) -> str:
    _after, alone, short = _baseline_words(baseline)
    inside = []
    if row.completion_pct is not None:
        inside.append(
            _("đạt %(pct)s %(plan)s") % {"pct": prose_pct(row.completion_pct), "plan": short}
        )
    details = []
    for c in failing:
        verb = _("ước thực hiện") if c.actual_kind == "estimate" else _("thực hiện")
        details.append(
            _("%(name)s %(verb)s %(value)s, đạt %(pct)s so với %(plan)s")
            % {
                "name": c.name,
                "verb": verb,
                "value": prose_measure(c.actual, c),
                "pct": prose_pct(c.completion_pct),
                "plan": alone,
            }
        )
    if details:
        inside.append(_("trong đó: %(details)s") % {"details": "; ".join(details)})
    return f"{row.name} ({', '.join(inside)})." if inside else f"{row.name}."


@dataclass(frozen=True)
class CouncilSentences:
    """What the page shows and the Word file holds."""

    year: int
    baseline: str
    results: list[str]
    shortfalls: str
    targets: list[str]

    @property
    def next_year(self) -> int:
        return self.year + 1

    def as_text(self) -> str:
        """Plain text to paste into the report."""
        blocks = [
            _("Kết quả thực hiện các chỉ tiêu chủ yếu năm %(year)s") % {"year": self.year},
            *self.results,
            "",
            _("Tồn tại, hạn chế"),
            "- " + self.shortfalls,
            "",
            _("Các chỉ tiêu chủ yếu năm %(year)s") % {"year": self.next_year},
            *("- " + t for t in self.targets),
        ]
        return "\n".join(blocks) + "\n"


def council_sentences(snapshot: Snapshot) -> CouncilSentences:
    """The three blocks of generated text for the main indicators of a snapshot, in Vietnamese
    (they go into a Vietnamese report whatever the page's language)."""
    with translation.override("vi"):
        return CouncilSentences(
            year=snapshot.year,
            baseline=snapshot.baseline,
            results=result_paragraphs(snapshot),
            shortfalls=shortfall_summary(snapshot),
            targets=target_paragraphs(snapshot),
        )
