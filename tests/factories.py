from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from accounts.models import DEPARTMENT_ROLES, Membership, Role
from entry.models import EnteredValue, QuarterSubmission, SubmissionStatus
from indicators.models import Department, Indicator, Sector, SourceReport, Target, Value
from indicators.quarters import default_deadline
from indicators.review import figure_flags


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


# --- The entry workflow ------------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    first_name = factory.LazyAttribute(lambda u: u.username)
    password = factory.django.Password("pw")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.STAFF
    department = factory.Maybe(
        factory.LazyAttribute(lambda m: m.role in DEPARTMENT_ROLES),
        yes_declaration=factory.SubFactory(DepartmentFactory),
        no_declaration=None,
    )


class QuarterSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuarterSubmission
        django_get_or_create = ("department", "year", "quarter")

    department = factory.SubFactory(DepartmentFactory)
    year = 2025
    quarter = 3
    status = SubmissionStatus.DRAFT
    deadline = factory.LazyAttribute(lambda s: default_deadline(s.year, s.quarter, 14))


def typed_into_quarter(value: Value, status: str) -> EnteredValue:
    """Make `value` a department's typed figure in a quarter at `status`, with the published
    and locked flags the review gives a figure at that status."""
    submission = QuarterSubmissionFactory(
        department=value.indicator.department,
        year=value.year,
        quarter=value.quarter,
        status=status,
    )
    Value.objects.filter(pk=value.pk).update(**figure_flags(status))
    value.refresh_from_db()
    return EnteredValue.objects.create(
        submission=submission, indicator=value.indicator, value=value
    )
