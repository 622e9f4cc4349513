"""Builders shared by the entry, accounts and page tests: a department with indicators and
earlier figures, users with roles, and a quarter saved or reviewed as the forms would."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Membership
from accounts.permissions import actor_for
from entry import services
from entry.forms import QuarterEntryForm, auto_report_number
from entry.selectors import quarter_entry
from entry.services import RowInput
from indicators.models import Department, Indicator, Value
from indicators.numbers import parse_vn_number
from tests.factories import DepartmentFactory, IndicatorFactory, SourceReportFactory

YEAR, QUARTER = 2025, 3


def build_department(
    n: int = 4, *, code: str = "KTE", name: str = "Phòng Kinh tế"
) -> tuple[Department, list[Indicator]]:
    """A department owning n indicators: flows, stocks, rates and a rate from parts, with last
    quarter's and last year's figures from a report."""
    department = DepartmentFactory(code=code, name=name)
    report = SourceReportFactory(number=f"{code}-BC-2025", date=datetime.date(2025, 7, 1))
    kinds = [
        {"unit": "tỷ đồng", "aggregation": "sum"},
        {"unit": "người", "aggregation": "last", "decimals": 0},
        {"unit": "%", "aggregation": "last"},
        {"unit": "%", "aggregation": "ratio"},
    ]
    indicators = []
    for i in range(n):
        indicator = IndicatorFactory(department=department, order=i, **kinds[i % len(kinds)])
        indicators.append(indicator)
        for year, quarter, value in ((YEAR, 2, "50"), (YEAR - 1, 3, "48"), (YEAR, 1, "40")):
            Value.objects.create(
                indicator=indicator,
                year=year,
                quarter=quarter,
                kind="actual",
                value=Decimal(value),
                report=report,
            )
    return department, indicators


def make_user(role: str, department: Department | None = None, username: str | None = None):
    username = username or f"{role}-{department.code if department else 'all'}"
    user = get_user_model().objects.create_user(
        username=username, password="x", email=f"{username}@example.org", first_name=username
    )
    Membership.objects.create(user=user, role=role, department=department)
    return user


def row_inputs(entry, values: dict[int, str | None], **extra) -> list[RowInput]:
    """Rows as the form would clean them: the given figures, the tokens of when it was opened."""
    rows = []
    for row in entry.rows:
        typed = values.get(row.indicator.pk, "keep")
        if typed == "keep":
            value = row.current.value if row.current else None
            note = row.current.note if row.current else ""
            kind = row.current.kind if row.current else "estimate"
            report = row.current.report.number if row.current else auto_report_number(entry)
        else:
            value = None if typed is None else parse_vn_number(typed)
            note, kind, report = extra.get("note", ""), "estimate", auto_report_number(entry)
        rows.append(
            RowInput(
                indicator=row.indicator,
                value=value,
                kind=kind,
                note=note,
                report_number=report,
                token=row.token,
            )
        )
    return rows


def save(user, department, values, *, submit=False, entry=None, **extra):
    entry = entry or quarter_entry(department, YEAR, QUARTER)
    return services.quarter_entry_save(
        actor=actor_for(user),
        user=user,
        department=department,
        year=YEAR,
        quarter=QUARTER,
        rows=row_inputs(entry, values, **extra),
        submit=submit,
    )


def review(action, user, department, **kwargs):
    return action(
        actor=actor_for(user),
        user=user,
        department=department,
        year=YEAR,
        quarter=QUARTER,
        **kwargs,
    )


def post_data(entry, values: dict[int, str], **extra) -> dict[str, str]:
    """What the browser posts for an opened form, with some cells typed in."""
    form = QuarterEntryForm(entry=entry)
    data = {}
    for name in form.fields:
        initial = form[name].value()
        data[name] = "" if initial is None else str(initial)
    for pk, typed in values.items():
        data[f"value_{pk}"] = typed
    data.update(extra)
    return data


def form_url(department) -> str:
    return reverse(
        "entry:entry_form",
        kwargs={"department": department.code, "year": YEAR, "quarter": QUARTER},
    )


def typed_for(indicators, offset: int = 0) -> dict[int, str]:
    """A plausible figure for each indicator (rates below 100, within 30% of last quarter)."""
    return {i.pk: f"{51 + offset + n % 7}" for n, i in enumerate(indicators)}
