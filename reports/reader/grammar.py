"""The figures of one sentence.

A number followed by a unit is a figure's value ("4.475 tỷ đồng", "hơn 647.700 lượt", "12 tỷ
305 triệu đồng"), unless its neighbours make it a statement about the figure before it:
- a completion: "đạt|bằng X% (so với) kế hoạch|KH|dự toán|Nghị quyết|mục tiêu ..." (the words
  after it name the baseline; "vượt X% kế hoạch" is 100 + X; a bare "đạt kế hoạch" is 100);
- a change on the same period: "tăng|giảm X%" (points when the figure is a rate), "tăng|giảm
  N <unit>" (in the figure's unit), "bằng X% so với cùng kỳ" (X − 100), "gấp X lần" ((X − 1) ×
  100).
A statement before any figure of its clause waits for the next one ("giảm 0,29%, ... còn
1,27%"); a ";" closes the clause. "a/b <unit>" of amounts or rates is an actual and its plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from reports.reader.labels import label_before
from reports.reader.numbers import NUMBER, number_value
from reports.reader.periods import period_in
from reports.reader.sentences import Sentence
from reports.reader.text import fold
from reports.reader.units import amount_parts, compatible, converted, is_rate, unit_at

HUNDRED = Decimal(100)

_QUALIFIERS = (
    (re.compile(r"\b(?:tren|hon|vuot|it nhat|toi thieu)\s*$"), "over"),
    (re.compile(r"\b(?:duoi|chua den|toi da)\s*$"), "under"),
    (re.compile(r"\b(?:khoang|gan|xap xi|uoc chung)\s*$"), "about"),
)
_QUALIFIER_WORDS = r"(?:(?:tren|hon|khoang|gan|duoi)\s+)?"
_COMPLETION_VERB = re.compile(r"\b(?:dat|bang|dat duoc|vuot)\s+" + _QUALIFIER_WORDS + r"$")
_AND_BEFORE = re.compile(r"(?:\bva|,)\s*(?:dat\s+|bang\s+)?$")
_BASELINE_AFTER = re.compile(
    r"\s*(?:so\s+voi\s+|cua\s+)?(?P<words>(?:ke\s+hoach|kh\b|du\s+toan|chi\s+tieu|nghi\s+quyet"
    r"|muc\s+tieu)[^,;()\d]*)"
)
_CHANGE_VERB = re.compile(
    r"\b(?P<verb>tang|giam)(?:\s+duoc)?(?:\s+them)?\s+" + _QUALIFIER_WORDS + "$"
)
_SAME_PERIOD_AFTER = re.compile(r"\s*(?:so\s+voi|voi)\s+(?:cung\s+ky|nam|cung\s+thoi\s+diem)")
_TIMES_VERB = re.compile(r"\b(?:gap|tang)\s+$")
_EQUAL_VERB = re.compile(r"\bbang\s+$")
_BARE_COMPLETION = re.compile(
    r"(?<!khong )(?<!chua )\bdat\s+(?P<words>(?:ke\s+hoach|kh\b|chi\s+tieu|muc\s+tieu)[^,;()\d]*)"
)
_PER_ONE = re.compile(r"\b(?:tren|moi|/)\s*$")
_RANK = re.compile(r"\b(?:xep|dung)\s+(?:thu|hang)\s*$")
_ESTIMATE = re.compile(r"\b(?:uoc|du uoc)\b")
# "kế hoạch hóa gia đình" is family planning, not a plan.
_PLAN = re.compile(r"\b(?:ke hoach(?! hoa)|muc tieu|phan dau|chi tieu|du kien)\b")
_PLAN_NOT = re.compile(r"\b(?:thuc hien|trien khai|xay dung|ban hanh|theo)\s+(?:cac\s+)?$")
_MIXED_AMOUNT = re.compile(r"\s*(\d{1,3})\s+(trieu|nghin)(?:\s+dong)?\b")
# Year-to-date at the report's date. "Đến nay" is not: in a year's report it is the year so far.
_TO_REPORT_DATE = re.compile(r"\bden (?:thoi diem bao cao|thoi diem hien tai)\b")
_PAIR = re.compile(r"\s*/\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![.,]\d|\d)")


@dataclass
class Completion:
    pct: Decimal
    baseline: str


@dataclass
class Figure:
    quote: str
    label: str
    value: Decimal
    unit: str
    qualifier: str
    period: str
    kind: str
    completion: list[Completion] = field(default_factory=list)
    yoy_pct: Decimal | None = None
    yoy_points: Decimal | None = None
    yoy_abs: Decimal | None = None
    # Where the figure's value and unit end in its sentence: "đạt kế hoạch" after it is its own.
    end: int = 0


@dataclass(frozen=True)
class Context:
    """What the document says of every sentence: its period, and whether a figure of that
    period is an estimate unless the sentence says otherwise (a year reported before it ends)."""

    period: str
    estimate_by_default: bool = False
    # "đến thời điểm báo cáo": cumulative to the report's date, when it is known.
    report_date: date | None = None


@dataclass
class _Token:
    start: int
    end: int
    value: Decimal
    unit: str | None
    second: Decimal | None = None  # the plan of an "actual/plan" pair


def baseline_of(words: str) -> str:
    """The baseline the words after a completion name (folded text)."""
    # "mục tiêu Nghị quyết" is the term's target: a year's plan is a "kế hoạch".
    if "dai hoi" in words or "nhiem ky" in words or words.startswith("muc tieu"):
        return "term"
    if "tinh" in words.split():
        return "province"
    if "hdnd" in words or "hoi dong" in words or "nghi quyet" in words:
        return "council"
    return "plan"


def sentence_figures(sentence: Sentence, context: Context) -> list[Figure]:
    """Every figure of a sentence, with the statements made about it."""
    text = sentence.text
    folded = fold(text)
    figures: list[Figure] = []
    current: Figure | None = None
    pending: list[tuple[str, _Token, str]] = []
    last_end = 0
    last_role = ""
    for token in _tokens(folded):
        if ";" in folded[last_end : token.start]:
            current, pending = None, []
        before, after = folded[: token.start], folded[token.end :]
        role, detail = _role(token, before, after, last_role)
        if role == "figure":
            made = _figures_of(token, sentence, context, folded, last_end)
            figures.extend(made)
            current = made[0]
            for waiting_role, waiting, waiting_detail in pending:
                _attach(current, waiting_role, waiting, waiting_detail)
            pending = []
        elif role and current is not None:
            _attach(_owner(figures, current, role, token), role, token, detail)
        elif role:
            pending.append((role, token, detail))
        if role:
            last_end, last_role = token.end, role
    _attach_bare_completions(folded, figures)
    return figures


def _tokens(folded: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in NUMBER.finditer(folded):
        if tokens and match.start() < tokens[-1].end:
            continue  # the "305" of "12 tỷ 305 triệu đồng", or a pair's plan
        value = number_value(match[0])
        if value is None or (
            folded[match.end() : match.end() + 1] == "/" and _is_date(folded, match)
        ):
            continue
        end = match.end()
        second: Decimal | None = None
        pair = _PAIR.match(folded, end)
        if pair:
            second = number_value(pair[0].strip().lstrip("/").strip())
            end = pair.end()
        found = unit_at(folded, end)
        unit = found[0] if found else None
        if found:
            end = found[1]
            value, end = _mixed_amount(folded, value, found[0], end)
            if unit == "tỷ đồng" or unit == "triệu đồng":
                unit, end = _amount_unit(folded, unit, end)
        tokens.append(_Token(match.start(), end, value, unit, second))
    return tokens


def _is_date(folded: str, match: re.Match[str]) -> bool:
    """ "10/02/2022", "24/24 giờ": a date or a clock, not a pair of figures."""
    return bool(
        re.match(r"/\d{1,2}/\d{2,4}|/\d{1,2}(?![\d,.])(?!\s*[a-z%‰])", folded[match.end() :])
    )


def _mixed_amount(folded: str, value: Decimal, unit: str, end: int) -> tuple[Decimal, int]:
    """ "12 tỷ 305 triệu đồng" → 12,305 tỷ đồng."""
    if unit != "tỷ đồng" and unit != "triệu đồng":
        return value, end
    mixed = _MIXED_AMOUNT.match(folded, end)
    if mixed is None or (unit == "triệu đồng" and mixed[2] == "trieu"):
        return value, end
    scale = (
        Decimal(1000)
        if (unit, mixed[2]) in (("tỷ đồng", "trieu"), ("triệu đồng", "nghin"))
        else Decimal(10**6)
    )
    return value + Decimal(mixed[1]) / scale, mixed.end()


def _amount_unit(folded: str, unit: str, end: int) -> tuple[str, int]:
    """ "tỷ" alone is "tỷ đồng"; a per-unit ending written after it belongs to the unit."""
    per = re.match(r"(?:\s+dong)?(/nguoi/nam|/ha/nam|/nguoi|/ha|/nam)", folded[end:])
    if per and amount_parts(unit + _unfold_per(per[1])):
        return unit + _unfold_per(per[1]), end + per.end()
    return unit, end


def _unfold_per(per: str) -> str:
    return per.replace("nguoi", "người").replace("nam", "năm")


def _role(token: _Token, before: str, after: str, last_role: str) -> tuple[str, str]:
    """What a number is: a figure, a completion or change of the figure before it (with the
    words that qualify it), or nothing ("" for a number without unit)."""
    tail = before[-40:]
    if token.unit == "%":
        baseline = _BASELINE_AFTER.match(after)
        joined = last_role == "completion" and _AND_BEFORE.search(tail)
        if baseline and (_COMPLETION_VERB.search(tail) or joined):
            return "completion", (
                "vuot" if re.search(r"\bvuot\s+$", tail) else ""
            ) + "|" + baseline["words"]
        if _EQUAL_VERB.search(tail) and _SAME_PERIOD_AFTER.match(after):
            return "same_period_ratio", ""
    change = _CHANGE_VERB.search(tail)
    if change and token.second is None:
        if token.unit is None and not _SAME_PERIOD_AFTER.match(after):
            return "", ""
        return "change", change["verb"]
    if token.unit == "lần" and _TIMES_VERB.search(tail):
        return "times", ""
    if _RANK.search(tail):
        # "xếp thứ 3/8 huyện": a rank (3), among 8.
        token.unit, token.second = "hạng", None
        return "figure", ""
    if token.unit is None:
        return "", ""
    if token.value == 1 and _PER_ONE.search(tail):
        return "", ""  # "trên 1 ha" is per hectare
    return "figure", ""


def _owner(figures: list[Figure], current: Figure, role: str, token: _Token) -> Figure:
    """The figure a statement is about: the last one, except that a change in a unit ("giảm 01
    lượt") belongs to the last figure in that unit ("43 lượt công dân với 43 người ...")."""
    if role != "change" or token.unit is None or is_rate(token.unit):
        return current
    for figure in reversed(figures):
        earlier = figure is current or figure.end < current.end
        if earlier and compatible(figure.unit, token.unit) and figure.yoy_abs is None:
            return figure
    return current


def _attach(figure: Figure, role: str, token: _Token, detail: str) -> None:
    if role == "completion":
        exceeded, words = detail.split("|", 1)
        pct = token.value + HUNDRED if exceeded else token.value
        figure.completion.append(Completion(pct, baseline_of(words)))
    elif role == "same_period_ratio":
        figure.yoy_pct = token.value - HUNDRED
    elif role == "times":
        figure.yoy_pct = (token.value - 1) * HUNDRED
    elif role == "change":
        sign = -1 if detail == "giam" else 1
        if figure.unit == "hạng":
            sign = -sign  # "tăng 01 hạng": one place up, the rank's number one less
        if token.unit in ("%", "‰"):
            if is_rate(figure.unit):
                figure.yoy_points = sign * token.value
            else:
                figure.yoy_pct = sign * token.value
        else:
            amount = (
                token.value
                if token.unit is None
                else converted(token.value, token.unit, figure.unit)
            )
            if amount is not None:
                figure.yoy_abs = sign * amount


def _attach_bare_completions(folded: str, figures: list[Figure]) -> None:
    """ "..., đạt kế hoạch giao": 100% of the plan, for the figure before it."""
    for match in _BARE_COMPLETION.finditer(folded):
        owner = None
        for figure in figures:
            position = figure.end
            if position <= match.start() and ";" not in folded[position : match.start()]:
                owner = figure
        if owner is not None and not owner.completion:
            owner.completion.append(Completion(HUNDRED, baseline_of(match["words"])))


def _figures_of(
    token: _Token, sentence: Sentence, context: Context, folded: str, label_start: int
) -> list[Figure]:
    before = folded[: token.start]
    assert token.unit is not None
    label = label_before(sentence.text, label_start, token.start, token.end)
    # A period named in an earlier clause ("theo Luật Hợp tác xã năm 2023; ...") is not this one's.
    clause = before[before.rfind(";") + 1 :]
    default = sentence.section.period if sentence.section.is_plan else context.period
    period = period_in(clause, default)
    if context.report_date and _TO_REPORT_DATE.search(before[label_start:]):
        period = context.report_date.isoformat()
    kind = _kind(sentence, context, before, label_start, period)
    qualifier = next((name for pattern, name in _QUALIFIERS if pattern.search(before[-20:])), "")
    figure = Figure(sentence.text, label, token.value, token.unit, qualifier, period, kind)
    figure.end = token.end
    if token.second is None or not (is_rate(token.unit) or amount_parts(token.unit)):
        return [figure]
    plan = Figure(sentence.text, label, token.second, token.unit, "", period, "plan", end=token.end)
    return [figure, plan]


def _label_part(before: str, label_start: int) -> str:
    """The words of this figure's clause: not the statements about the figure before it ("...
    đạt 100,8% kế hoạch; đàn gia cầm là 110.145 con" is no plan)."""
    part = before[label_start:]
    marks = [part.rfind(mark) for mark in ";:("]
    cut = max(marks) + 1
    if label_start > 0 and cut == 0:
        cut = part.find(",") + 1
    return part[cut:]


def _kind(sentence: Sentence, context: Context, before: str, label_start: int, period: str) -> str:
    if sentence.section.is_plan:
        return "plan"
    label_part = _label_part(before, label_start)
    for match in _PLAN.finditer(label_part):
        if not _PLAN_NOT.search(label_part[: match.start()]):
            return "plan"
    if _ESTIMATE.search(before):
        return "estimate"
    if context.estimate_by_default and period == context.period:
        return "estimate"
    return "actual"
