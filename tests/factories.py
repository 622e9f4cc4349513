from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.urls import reverse

from indicators import entry_services as services
from indicators.entry_selectors import quarter_entry
from indicators.entry_services import RowInput
from indicators.forms import QuarterEntryForm, auto_report_number
from indicators.models import (
    Department,
    Indicator,
    Membership,
    Sector,
    SourceReport,
    Target,
    Value,
)
from indicators.numbers import parse_vn_number
from indicators.permissions import actor_for


class SourceReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceReport
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: f"{100 + n}/BC-UBND")
    date = datetime.date(2024, 11, 28)
    issuer = "UBND thành phố Lai Châu"
    title = "Báo cáo tình hình kinh tế - xã hội"


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"S{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"D{n}")
    name = factory.Sequence(lambda n: f"Phòng {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"IND-{n:05d}")
    name = factory.Sequence(lambda n: f"Chỉ tiêu số {n}")
    sector = factory.SubFactory(SectorFactory)
    department = factory.SubFactory(DepartmentFactory)
    unit = "tỷ đồng"
    direction = "higher"
    aggregation = "sum"
    decimals = 1


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2024
    source = "council"
    value = Decimal("100")
    report = factory.SubFactory(SourceReportFactory)
    quote = "kế hoạch giao"


class ValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Value

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2024
    quarter = None
    kind = "estimate"
    value = Decimal("100")
    report = factory.SubFactory(SourceReportFactory)
    quote = "ước thực hiện"


# --- builders shared by the entry tests --------------------------------------------------------

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


def form_url(department) -> str:
    return reverse(
        "indicators:entry_form",
        kwargs={"department": department.code, "year": YEAR, "quarter": QUARTER},
    )


def typed_for(indicators, offset: int = 0) -> dict[int, str]:
    """A plausible figure for each indicator (rates below 100, within 30% of last quarter)."""
    return {i.pk: f"{51 + offset + n % 7}" for n, i in enumerate(indicators)}


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
