"""How well the reader reads a report whose figures a person curated (the Lai Châu YAML of
`indicators/data/lai_chau`): recall of the curated values, plans, completions and changes, and
precision of the completions and changes it proposes. The benchmark script and the tests use it.

A curated figure is found when a proposed figure read from a sentence containing the curated
quote (or contained in it) has the same value in the indicator's unit (tỷ ↔ triệu đồng), the
same period and, for the stricter count, the same kind. A bare "kế hoạch" baseline counts as the
council's, as the curators recorded it ("kế hoạch giao" without saying who).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from reports.reader.text import clean, fold
from reports.reader.units import converted

STATEMENT_METRICS = ("completion", "yoy_pct", "yoy_points", "yoy_abs")


@dataclass
class Evaluation:
    n_values: int = 0
    n_values_found: int = 0  # same value, unit and period
    n_values_found_kind: int = 0  # and the same kind
    n_values_matched: int = 0  # found, and matched to the curated indicator
    n_statements: int = 0
    n_statements_found: int = 0
    n_claims: int = 0  # completions and changes the reader proposes
    n_claims_right: int = 0
    # Claims read from sentences the curators listed as no indicator statement (unmodelled*.yaml)
    n_claims_unmodelled: int = 0
    missed: list[str] = field(default_factory=list)
    wrong_claims: list[str] = field(default_factory=list)

    @property
    def value_recall(self) -> Decimal:
        return _ratio(self.n_values_found, self.n_values)

    @property
    def statement_recall(self) -> Decimal:
        return _ratio(self.n_statements_found, self.n_statements)

    @property
    def claim_precision(self) -> Decimal:
        """Right among the claims the curated data judges (unmodelled sentences left out)."""
        return _ratio(self.n_claims_right, self.n_claims - self.n_claims_unmodelled)


def _ratio(part: int, whole: int) -> Decimal:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.001")) if whole else Decimal(0)


@cache
def _key(text: str) -> str:
    return " ".join(fold(clean(text)).replace('"', " ").split())


def overlaps(curated_quote: str, figure: dict[str, Any]) -> bool:
    """The curated quote and the proposed figure's sentence overlap: one holds the other, or the
    sentence holds a sentence of a quote that runs over two."""
    a, b = _key(curated_quote), _key(figure["quote"])
    if a in b or b in a:
        return True
    pieces = re.split(r"[.;] (?=\(|[a-z])", a)
    return len(pieces) > 1 and any(len(p) >= 20 and p in b for p in pieces)


def evaluate(
    read: dict[str, Any],
    items: list[dict[str, Any]],
    report_key: str,
    unmodelled: Sequence[dict[str, Any]] = (),
) -> Evaluation:
    """`read` is `read_report`'s JSON; `items` the curated indicators (`read_dataset()[1]`),
    `unmodelled` the sentences they leave out (`read_unmodelled()`)."""
    result = Evaluation()
    figures = read["figures"]
    statements: list[dict[str, Any]] = []
    for item in items:
        for target in item.get("targets") or []:
            if target["report"] == report_key:
                _count_value(result, item, target, "plan", figures)
        for value in item.get("values") or []:
            if value["report"] == report_key:
                _count_value(result, item, value, value["kind"], figures)
        statements.extend(
            statement
            for statement in item.get("statements") or []
            if statement["report"] == report_key and statement["metric"] in STATEMENT_METRICS
        )
    for statement in statements:
        _count_statement(result, statement, figures)
    unmodelled_quotes = [u["quote"] for u in unmodelled if u["report"] == report_key]
    for figure in figures:
        for claim in _claims(figure):
            _judge_claim(result, claim, figure, statements, unmodelled_quotes)
    return result


def _count_statement(
    result: Evaluation, statement: dict[str, Any], figures: list[dict[str, Any]]
) -> None:
    result.n_statements += 1
    if any(_states(f, statement) for f in figures if overlaps(statement["quote"], f)):
        result.n_statements_found += 1
    else:
        result.missed.append(
            f"{statement['metric']} {statement['figure']}: {statement['quote'][:120]}"
        )


def _judge_claim(
    result: Evaluation,
    claim: tuple[str, str, str],
    figure: dict[str, Any],
    statements: list[dict[str, Any]],
    unmodelled_quotes: list[str],
) -> None:
    result.n_claims += 1
    if any(overlaps(s["quote"], figure) and _claim_is(claim, s) for s in statements):
        result.n_claims_right += 1
    elif any(overlaps(quote, figure) for quote in unmodelled_quotes):
        result.n_claims_unmodelled += 1
    else:
        result.wrong_claims.append(f"{claim[0]} {claim[1]}: {figure['quote'][:120]}")


def _count_value(
    result: Evaluation,
    item: dict[str, Any],
    entry: dict[str, Any],
    kind: str,
    figures: list[dict[str, Any]],
) -> None:
    result.n_values += 1
    periods = _curated_periods(entry)
    wanted = Decimal(entry["value"])
    same = [
        f
        for f in figures
        if f["period"] in periods
        and overlaps(entry["quote"], f)
        and converted(Decimal(f["value"]), f["unit"], item["unit"]) == wanted
    ]
    if same:
        result.n_values_found += 1
    if any(f["indicator_code"] == item["code"] for f in same):
        result.n_values_matched += 1
    if any(f["kind"] == kind for f in same):
        result.n_values_found_kind += 1
    else:
        result.missed.append(f"{kind} {entry['value']} {item['unit']}: {entry['quote'][:120]}")


def _states(figure: dict[str, Any], statement: dict[str, Any]) -> bool:
    return any(_claim_is(claim, statement) for claim in _claims(figure))


def _claims(figure: dict[str, Any]) -> list[tuple[str, str, str]]:
    claims = [("completion", c["pct"], c["baseline"]) for c in figure["completion"]]
    claims += [(m, figure[m], "") for m in ("yoy_pct", "yoy_points", "yoy_abs") if figure[m]]
    return claims


def _claim_is(claim: tuple[str, str, str], statement: dict[str, Any]) -> bool:
    metric, figure, baseline = claim
    if metric != statement["metric"] or Decimal(figure) != Decimal(statement["figure"]):
        return False
    if metric != "completion":
        return True
    wanted = statement.get("baseline") or "council"
    return baseline == wanted or (baseline == "plan" and wanted == "council")


def _curated_periods(entry: dict[str, Any]) -> set[str]:
    """The period codes a reading may give a curated figure. A figure to a date belongs to a
    plan year the sentence may not name ("giải ngân đến 31/01/2025" of the 2024 capital): the
    date alone is the reading's period, as the import contract writes it."""
    year = str(entry["year"])
    if entry.get("as_of"):
        return {str(entry["as_of"]), f"{year}@{entry['as_of']}"}
    if entry.get("months"):
        return {f"{year}-M{entry['months']}"}
    if entry.get("quarter"):
        return {f"{year}-Q{entry['quarter']}"}
    return {year}
