"""The council table: every main indicator of a year (or every indicator) in the order the
council reads them, with plan, actual, completion, change and next year's plan; or of a period
of the year (quý I, 6 tháng, 9 tháng, a quarter), against the annual plan with the pace."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from indicators.models import Indicator, PlanSource, RollupPeriod
from indicators.periods import YEAR
from indicators.selectors import IndicatorYear, indicator_queryset, indicator_years

JSON_FIELDS = [
    "code",
    "name",
    "unit",
    "direction",
    "plan",
    "actual",
    "actual_kind",
    "completion_pct",
    "yoy_pct",
    "yoy_points",
    "next_plan",
    "next_plan_vs_actual_pct",
    "status",
]
# A period's table adds them (domain.md, contract additions): its code ("2024-M6") and the
# share of the annual plan the period is expected to reach.
PERIOD_JSON_FIELDS = [*JSON_FIELDS, "period", "pace_pct"]
# The periods the table is made for besides the year, as `--period` names them.
TABLE_PERIODS = [p for p in RollupPeriod.values if p != YEAR]


def period_code(year: int, period: str) -> str:
    """ "2024-M6", "2024-Q2"; "2024" for the year: the period as `import_values` writes it."""
    return str(year) if period == YEAR else f"{year}-{period}"


@dataclass(frozen=True)
class CouncilRow:
    row: IndicatorYear
    depth: int  # 0 for an indicator, 1 for a component under its total

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator

    def as_record(self) -> dict[str, Any]:
        r = self.row
        return {
            "code": r.indicator.code,
            "name": r.indicator.name,
            "unit": r.indicator.unit,
            "direction": r.indicator.direction,
            "plan": r.plan,
            "actual": r.actual,
            "actual_kind": r.actual_kind,
            "completion_pct": r.completion_pct,
            "yoy_pct": r.yoy_pct,
            "yoy_points": r.yoy_points,
            "next_plan": r.next_plan,
            "next_plan_vs_actual_pct": r.next_plan_vs_actual_pct,
            "status": r.status.value,
            **(
                {"period": period_code(r.year, r.period), "pace_pct": r.pace_pct}
                if r.period != YEAR
                else {}
            ),
        }


def council_table(
    *,
    year: int,
    baseline: str = PlanSource.COUNCIL,
    all_indicators: bool = False,
    period: str = YEAR,
) -> list[CouncilRow]:
    """Rows in reading order: main indicators by council group (or every indicator by sector),
    each followed by its components."""
    qs = indicator_queryset()
    if not all_indicators:
        qs = qs.main()
    rows = indicator_years(year=year, baseline=baseline, indicators=qs, period=period)
    by_parent: dict[int | None, list[IndicatorYear]] = {}
    present = {r.indicator.pk for r in rows}
    for r in rows:
        parent_id = r.indicator.parent_id if r.indicator.parent_id in present else None
        by_parent.setdefault(parent_id, []).append(r)

    def top_key(r: IndicatorYear) -> tuple[int, ...]:
        i = r.indicator
        if all_indicators:
            return (
                i.sector.parent.order if i.sector.parent else i.sector.order,
                i.sector.order,
                i.order,
            )
        return (i.council_group or 99, i.order)

    ordered: list[CouncilRow] = []

    def walk(r: IndicatorYear, depth: int) -> None:
        ordered.append(CouncilRow(r, depth))
        for child in sorted(by_parent.get(r.indicator.pk, []), key=lambda c: c.indicator.order):
            walk(child, depth + 1)

    for r in sorted(by_parent.get(None, []), key=top_key):
        walk(r, 0)
    return ordered


def to_jsonable(value: Any) -> Any:
    """Decimals become JSON numbers at the boundary, unrounded."""
    if isinstance(value, Decimal):
        return float(value)
    return value
