from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from indicators.models import Department, Indicator, Sector, SourceReport, Target, Value


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
