"""Reading the Lai Châu data set (YAML files under indicators/data/lai_chau) into the database.

Everything is validated before anything is written: a bad file loads nothing. Loading twice
changes nothing (rows are found by their natural keys), and rows of the data set's own reports
that the files no longer contain are removed, so the database follows the files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from indicators.computations import Status, decimals_of
from indicators.models import (
    Aggregation,
    CouncilGroup,
    Department,
    Direction,
    Indicator,
    Metric,
    PlanSource,
    Sector,
    SourceReport,
    Statement,
    Target,
    Value,
    ValueKind,
)
from indicators.periods import Period, PeriodError
from indicators.services import (
    derived_figures_apply,
    figures_delete,
    report_upsert,
    statement_record,
    target_set,
    value_record,
)
from indicators.units import unit_finder

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DATA_DIR = Path(__file__).resolve().parent / "data"
REPORTS_DIR = DATA_DIR / "reports"
LAI_CHAU_DIR = DATA_DIR / "lai_chau"
# What a report can say of an indicator without a figure: "đạt", "vượt", "không đạt" the plan.
STATUS_FIGURES = {
    status.value for status in Status if status not in (Status.NO_PLAN, Status.NO_ACTUAL)
}


class DatasetError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class LoadSummary:
    reports: int = 0
    sectors: int = 0
    departments: int = 0
    indicators: int = 0
    targets: int = 0
    values: int = 0
    statements: int = 0
    derived: int = 0
    removed: int = 0
    flags: list[str] = field(default_factory=list)


_SUP = re.compile(r"<sup>\s*\(?\d+\)?\s*</sup>|[⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹]")
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Report text as quotes are compared to it: no markdown emphasis or footnote marks."""
    text = _SUP.sub("", text).replace("*", "")
    return _SPACE.sub(" ", text).strip()


@cache
def report_text(file_name: str) -> str:
    return normalise_text((REPORTS_DIR / file_name).read_text(encoding="utf-8"))


def read_dataset(directory: Path = LAI_CHAU_DIR) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    catalogue = yaml.safe_load((directory / "catalogue.yaml").read_text(encoding="utf-8"))
    indicators: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.yaml")):
        if path.name == "catalogue.yaml" or path.name.startswith("unmodelled"):
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            item["_file"] = path.name
            indicators.append(item)
    return catalogue, indicators


def read_unmodelled(directory: Path = LAI_CHAU_DIR) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in sorted(directory.glob("unmodelled*.yaml")):
        entries.extend(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    return entries


class _Validator:
    def __init__(self, catalogue: dict[str, Any], indicators: list[dict[str, Any]]):
        self.catalogue = catalogue
        self.indicators = indicators
        self.problems: list[str] = []
        self.reports = {r["key"]: r for r in catalogue.get("reports", [])}
        self.sectors = {
            child["code"]
            for top in catalogue.get("sectors", [])
            for child in [top, *top.get("children", [])]
        }
        self.departments = {d["code"] for d in catalogue.get("departments", [])}
        self.codes: set[str] = set()

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def decimal(self, where: str, raw: Any, *, optional: bool = False) -> Decimal | None:
        if raw is None and optional:
            return None
        if not isinstance(raw, str):
            self.problem(where, f'number {raw!r} must be a quoted string such as "4475"')
            return None
        try:
            return Decimal(raw)
        except InvalidOperation:
            self.problem(where, f"{raw!r} is not a number in machine form")
            return None

    def quote(self, where: str, report_key: object, quote: Any, *, required: bool) -> None:
        # `report_key` is what the YAML says, perhaps nothing: checked here like the rest.
        if report_key not in self.reports:
            self.problem(where, f"unknown report {report_key!r}")
            return
        if not quote:
            if required:
                self.problem(where, "quote is missing")
            return
        text = report_text(self.reports[report_key]["text_file"])
        if normalise_text(str(quote)) not in text:
            self.problem(where, f"quote not found in {report_key}: {str(quote)[:80]!r}")

    def run(self) -> list[str]:
        for report in self.reports.values():
            if not (REPORTS_DIR / report["text_file"]).exists():
                self.problem(report["key"], f"text file {report['text_file']} is missing")
        for item in self.indicators:
            code = item.get("code", "?")
            if code in self.codes:
                self.problem(code, "duplicate code")
            self.codes.add(code)
        for item in self.indicators:
            self.indicator(item)
        return self.problems

    def indicator(self, item: dict[str, Any]) -> None:
        where = f"{item['_file']} {item.get('code', '?')}"
        self.indicator_fields(where, item)
        for i, target in enumerate(item.get("targets") or []):
            self.target(f"{where} target {i + 1}", target)
        for i, value in enumerate(item.get("values") or []):
            self.value(f"{where} value {i + 1}", value)
        for i, statement in enumerate(item.get("statements") or []):
            self.statement(f"{where} statement {i + 1}", statement)

    def indicator_fields(self, where: str, item: dict[str, Any]) -> None:
        for key in ("code", "name", "sector", "unit", "direction", "aggregation"):
            if not item.get(key):
                self.problem(where, f"{key} is missing")
        if item.get("sector") not in self.sectors:
            self.problem(where, f"unknown sector {item.get('sector')!r}")
        if item.get("department") and item["department"] not in self.departments:
            self.problem(where, f"unknown department {item['department']!r}")
        if item.get("parent") and item["parent"] not in self.codes:
            self.problem(where, f"unknown parent {item['parent']!r}")
        if item.get("direction") not in Direction.values:
            self.problem(where, f"direction must be one of {Direction.values}")
        if item.get("aggregation") not in Aggregation.values:
            self.problem(where, f"aggregation must be one of {Aggregation.values}")

    def target(self, at: str, target: dict[str, Any]) -> None:
        if target.get("source") not in PlanSource.values:
            self.problem(at, f"source must be one of {PlanSource.values}")
        self.decimal(at, target.get("value"))
        self.quote(at, target.get("report"), target.get("quote"), required=True)

    def value(self, at: str, value: dict[str, Any]) -> None:
        if value.get("kind") not in ValueKind.values:
            self.problem(at, f"kind must be one of {ValueKind.values}")
        if value.get("quarter") not in (None, 1, 2, 3, 4):
            self.problem(at, "quarter must be null or 1..4")
        try:
            Period(
                int(value.get("year") or 0),
                quarter=value.get("quarter"),
                months=value.get("months"),
                as_of=_optional_date(value.get("as_of")),
            )
        except (PeriodError, ValueError, TypeError) as exc:
            self.problem(at, f"period: {exc} (months 1..11 or as_of YYYY-MM-DD, one of them)")
        self.decimal(at, value.get("value"))
        self.decimal(at, value.get("numerator"), optional=True)
        self.decimal(at, value.get("denominator"), optional=True)
        self.quote(at, value.get("report"), value.get("quote"), required=True)

    def statement(self, at: str, statement: dict[str, Any]) -> None:
        metric = statement.get("metric")
        if metric not in Metric.values:
            self.problem(at, f"metric must be one of {Metric.values}")
        if metric == Metric.COMPLETION and statement.get("baseline") not in PlanSource.values:
            self.problem(at, "a completion needs a baseline")
        if metric == Metric.STATUS:
            if statement.get("figure") not in STATUS_FIGURES:
                self.problem(at, f"a status figure is one of {sorted(STATUS_FIGURES)}")
        else:
            self.decimal(at, statement.get("figure"))
        try:
            Period(
                int(statement.get("year") or 0),
                months=statement.get("months"),
                as_of=_optional_date(statement.get("as_of")),
            )
        except (PeriodError, ValueError, TypeError) as exc:
            self.problem(at, f"period: {exc} (months 1..11 or as_of YYYY-MM-DD, one of them)")
        self.quote(at, statement.get("report"), statement.get("quote"), required=True)


def validate_dataset(directory: Path = LAI_CHAU_DIR) -> list[str]:
    catalogue, indicators = read_dataset(directory)
    problems = _Validator(catalogue, indicators).run()
    for i, entry in enumerate(read_unmodelled(directory)):
        where = f"unmodelled {i + 1}"
        if not entry.get("reason"):
            problems.append(f"{where}: reason is missing")
        _Validator(catalogue, []).quote(
            where, entry.get("report"), entry.get("quote"), required=True
        )
    return problems


def load_dataset(directory: Path = LAI_CHAU_DIR, *, user: User | None = None) -> LoadSummary:
    """Load (idempotently) every indicator, target, value and statement of the data set; the
    history of every figure written or removed names `user`. Nothing is loaded if a figure it
    would write or remove is in a locked quarter (`DatasetError`)."""
    catalogue, items = read_dataset(directory)
    validator = _Validator(catalogue, items)
    problems = validator.run()
    if problems:
        raise DatasetError(problems)
    try:
        return _load(catalogue, items, user)
    except ValidationError as exc:  # the lock rule (indicators.services)
        raise DatasetError(exc.messages) from exc


@transaction.atomic
def _load(catalogue: dict[str, Any], items: list[dict[str, Any]], user: User | None) -> LoadSummary:
    summary = LoadSummary()
    reports = _load_catalogue(catalogue, summary)
    by_code = _load_indicators(items, summary)
    kept = _load_figures(items, by_code, reports, summary, user)
    summary.removed = _remove_stale(reports, kept, user)
    statements = list(
        Statement.objects.filter(report__in=reports.values())
        .select_related("indicator", "report")
        .order_by("pk")  # the same statement derives a figure on every load
    )
    derived_rows = derived_figures_apply(statements=statements, user=user)
    summary.derived = len(derived_rows)
    for model, kind in ((Target, "target"), (Value, "value")):
        keep = {pk for row_kind, pk in derived_rows if row_kind == kind}
        figures_delete(
            figures=model.objects.filter(report__in=reports.values(), is_derived=True).exclude(
                pk__in=keep
            ),
            user=user,
        )
    return summary


def _load_catalogue(catalogue: dict[str, Any], summary: LoadSummary) -> dict[str, SourceReport]:
    reports: dict[str, SourceReport] = {}
    for entry in catalogue["reports"]:
        reports[entry["key"]] = report_upsert(
            number=entry["number"],
            date=date.fromisoformat(entry["date"]) if entry.get("date") else None,
            issuer=entry.get("issuer", ""),
            title=" ".join(str(entry.get("title", "")).split()),
            note=entry.get("note", ""),
            text_file=entry.get("text_file", ""),
        )
        summary.reports += 1
    for order, top in enumerate(catalogue["sectors"], start=1):
        parent = _sector(top, None, order * 100)
        summary.sectors += 1
        for child_order, child in enumerate(top.get("children", []), start=1):
            _sector(child, parent, order * 100 + child_order)
            summary.sectors += 1
    for entry in catalogue["departments"]:
        Department.objects.update_or_create(
            code=entry["code"],
            defaults={"name": entry["name"], "name_en": entry.get("name_en", "")},
        )
        summary.departments += 1
    for entry in catalogue.get("council_groups", []):
        CouncilGroup.objects.update_or_create(
            number=entry["number"],
            defaults={"name": entry["name"], "name_en": entry.get("name_en", "")},
        )
    return reports


def _sector(entry: dict[str, Any], parent: Sector | None, order: int) -> Sector:
    sector, _created = Sector.objects.update_or_create(
        code=entry["code"],
        defaults={
            "name": entry["name"],
            "name_en": entry.get("name_en", ""),
            "parent": parent,
            "order": order,
        },
    )
    return sector


def _load_indicators(items: list[dict[str, Any]], summary: LoadSummary) -> dict[str, Indicator]:
    sectors = {s.code: s for s in Sector.objects.all()}
    departments = {d.code: d for d in Department.objects.all()}
    unit_of = unit_finder()
    by_code: dict[str, Indicator] = {}
    for order, item in enumerate(items, start=1):
        group = item.get("council_group")
        unit = unit_of(item["unit"])
        indicator, _created = Indicator.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "name_en": item.get("name_en", ""),
                "sector": sectors[item["sector"]],
                "department": departments.get(item.get("department") or ""),
                "unit": unit.name,
                "unit_ref": unit,
                "direction": item["direction"],
                "change_is_neutral": bool(item.get("neutral", False)),
                "aggregation": item["aggregation"],
                "decimals": int(item.get("decimals") or 0),
                "is_main": group is not None,
                "council_group": group,
                "order": order,
                "note": item.get("note", ""),
            },
        )
        by_code[item["code"]] = indicator
        summary.indicators += 1
    for item in items:
        parent = by_code.get(item.get("parent") or "")
        indicator = by_code[item["code"]]
        if indicator.parent_id != (parent.pk if parent else None):
            indicator.parent = parent
            indicator.save(update_fields=["parent"])
    return by_code


def _load_figures(
    items: list[dict[str, Any]],
    by_code: dict[str, Indicator],
    reports: dict[str, SourceReport],
    summary: LoadSummary,
    user: User | None,
) -> dict[str, set[int]]:
    """Every target, value and statement of the files; the ids of the rows they are now."""
    loaders = (
        ("targets", partial(_target_load, user=user)),
        ("values", partial(_value_load, user=user)),
        ("statements", _statement_load),
    )
    kept: dict[str, set[int]] = {key: set() for key, _load in loaders}
    for item in items:
        indicator = by_code[item["code"]]
        for key, load in loaders:
            for entry in item.get(key) or []:
                kept[key].add(load(indicator, entry, reports).pk)
                # The summary counts entries under the same names: targets, values, statements.
                setattr(summary, key, getattr(summary, key) + 1)
                _collect_flag(summary, indicator, entry)
    return kept


def _target_load(
    indicator: Indicator,
    entry: dict[str, Any],
    reports: dict[str, SourceReport],
    *,
    user: User | None,
) -> Target:
    return target_set(
        indicator=indicator,
        year=int(entry["year"]),
        source=entry["source"],
        value=Decimal(entry["value"]),
        report=reports[entry["report"]],
        quote=_clean(entry.get("quote")),
        note=entry.get("note") or "",
        flag=entry.get("flag") or "",
        user=user,
    )


def _value_load(
    indicator: Indicator,
    entry: dict[str, Any],
    reports: dict[str, SourceReport],
    *,
    user: User | None,
) -> Value:
    return value_record(
        indicator=indicator,
        year=int(entry["year"]),
        quarter=entry.get("quarter"),
        months=entry.get("months"),
        as_of=_optional_date(entry.get("as_of")),
        kind=entry["kind"],
        value=Decimal(entry["value"]),
        numerator=_optional_decimal(entry.get("numerator")),
        denominator=_optional_decimal(entry.get("denominator")),
        report=reports[entry["report"]],
        quote=_clean(entry.get("quote")),
        note=entry.get("note") or "",
        flag=entry.get("flag") or "",
        user=user,
    )


def _optional_date(text: object) -> date | None:
    """An as-of date as the YAML writes it ("2024-11-28"; YAML may have read it as a date)."""
    if text is None or isinstance(text, date):
        return text
    return date.fromisoformat(str(text))


def _statement_load(
    indicator: Indicator, entry: dict[str, Any], reports: dict[str, SourceReport]
) -> Statement:
    is_status = entry["metric"] == Metric.STATUS
    figure = None if is_status else Decimal(entry["figure"])
    return statement_record(
        indicator=indicator,
        year=int(entry["year"]),
        metric=entry["metric"],
        baseline=(entry.get("baseline") or "") if entry["metric"] == Metric.COMPLETION else "",
        figure=figure,
        figure_decimals=0 if figure is None else decimals_of(figure),
        status_text=entry["figure"] if is_status else "",
        report=reports[entry["report"]],
        quote=_clean(entry["quote"]),
        derives=bool(entry.get("derive")),
        flag=entry.get("flag") or "",
        months=entry.get("months"),
        as_of=_optional_date(entry.get("as_of")),
    )


def _remove_stale(
    reports: dict[str, SourceReport], kept: dict[str, set[int]], user: User | None
) -> int:
    """Rows of the data set's reports that its files no longer hold (derived ones are rebuilt)."""
    own = list(reports.values())
    removed = 0
    for model, key in ((Target, "targets"), (Value, "values")):
        stale = model.objects.filter(report__in=own, is_derived=False).exclude(pk__in=kept[key])
        removed += figures_delete(figures=stale, user=user)
    stale_statements = Statement.objects.filter(report__in=own).exclude(pk__in=kept["statements"])
    removed += stale_statements.count()
    stale_statements.delete()
    return removed


def _collect_flag(summary: LoadSummary, indicator: Indicator, entry: dict[str, Any]) -> None:
    if entry.get("flag"):
        summary.flags.append(f"{indicator.code}: {entry['flag']}")


def _clean(quote: Any) -> str:
    return " ".join(str(quote or "").split())


def _optional_decimal(raw: Any) -> Decimal | None:
    return None if raw in (None, "") else Decimal(raw)
