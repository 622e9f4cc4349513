"""The domain: sectors, departments, indicators, their targets and achieved values.

Every target, value and stated figure records the source report it was read from and the
sentence it was read from (provenance). Invariants live in database constraints.
"""

from __future__ import annotations

import unicodedata
import uuid
from datetime import date
from typing import TYPE_CHECKING, Final, TypedDict

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from audit.history import audited
from indicators.computations import is_rate_unit
from indicators.periods import Period, period_code
from indicators.querysets import IndicatorQuerySet, TargetQuerySet, ValueQuerySet

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class DecimalOptions(TypedDict):
    max_digits: int
    decimal_places: int


DECIMAL: Final[DecimalOptions] = {"max_digits": 20, "decimal_places": 6}


class Direction(models.TextChoices):
    HIGHER = "higher", _("Càng cao càng tốt")
    LOWER = "lower", _("Càng thấp càng tốt")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Cộng dồn các quý")
    LAST = "last", _("Lấy số cuối kỳ")
    RATIO = "ratio", _("Tính lại từ tử số / mẫu số")


class PlanSource(models.TextChoices):
    COUNCIL = "council", _("Nghị quyết HĐND")
    PROVINCE = "province", _("KH tỉnh giao")
    TERM = "term", _("Mục tiêu Nghị quyết Đại hội")


class ValueKind(models.TextChoices):
    ESTIMATE = "estimate", _("Ước thực hiện")
    ACTUAL = "actual", _("Thực hiện")


class Metric(models.TextChoices):
    # xgettext:no-python-format
    COMPLETION = "completion", _("% so kế hoạch")
    # xgettext:no-python-format
    YOY_PCT = "yoy_pct", _("% so cùng kỳ")
    # xgettext:no-python-format
    YOY_POINTS = "yoy_points", _("điểm % so cùng kỳ")
    YOY_ABS = "yoy_abs", _("tăng/giảm so cùng kỳ")
    STATUS = "status", _("đánh giá đạt/không đạt")


class BilingualName(models.Model):
    name = models.CharField(_("tên"), max_length=300)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "vi").startswith("en"):
            return self.name_en
        return self.name


class ReportKind(models.TextChoices):
    DOCUMENT = "document", _("Văn bản báo cáo")
    FORM_ENTRY = "form_entry", _("Số liệu nhập trực tiếp trên biểu mẫu")


class SourceReport(models.Model):
    number = models.CharField(_("số hiệu"), max_length=120, unique=True)
    date = models.DateField(_("ngày"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    title = models.TextField(_("trích yếu"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    text_file = models.CharField(
        _("tệp văn bản"),
        max_length=200,
        blank=True,
        help_text=_("Tên tệp trong indicators/data/reports"),
    )
    # A department that names no document of its own still cites one: its quarterly form.
    kind = models.CharField(
        _("loại văn bản"), max_length=12, choices=ReportKind.choices, default=ReportKind.DOCUMENT
    )
    history = audited()

    class Meta:
        verbose_name = _("báo cáo nguồn")
        verbose_name_plural = _("báo cáo nguồn")
        ordering = ["-date", "number"]

    def __str__(self) -> str:
        return self.number


class Sector(BilingualName):
    code = models.CharField(_("mã"), max_length=20, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    history = audited()

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["order", "code"]


class Department(BilingualName):
    code = models.CharField(_("mã"), max_length=20, unique=True)
    history = audited()

    class Meta:
        verbose_name = _("phòng ban")
        verbose_name_plural = _("phòng ban")
        ordering = ["name"]


class CouncilGroup(BilingualName):
    """A numbered group of the council resolution's main indicators ("(2). Thu ngân sách"):
    the main-indicator table heads each group with its name."""

    number = models.PositiveSmallIntegerField(_("số thứ tự nhóm"), unique=True)
    history = audited()

    class Meta:
        verbose_name = _("nhóm chỉ tiêu chủ yếu")
        verbose_name_plural = _("nhóm chỉ tiêu chủ yếu")
        ordering = ["number"]


class UnitKind(models.TextChoices):
    COUNT = "count", _("Số đếm (người, hộ, lượt, trường…)")
    AMOUNT = "amount", _("Số tiền (đồng, triệu đồng, tỷ đồng…)")
    RATE = "rate", _("Tỷ lệ (phần trăm, phần nghìn)")
    OTHER = "other", _("Đại lượng khác (ha, tấn, km, điểm…)")


class Unit(models.Model):
    """A unit of measure (đơn vị tính) indicators are counted in, once: "tỷ đồng" and
    "Tỷ đồng" are one unit. Whether it takes decimals decides what the forms accept."""

    name = models.CharField(_("tên đơn vị"), max_length=60)
    # The name without case, spacing or Unicode composition differences, as duplicates are found.
    key = models.CharField(
        _("khóa so trùng"),
        max_length=60,
        unique=True,
        editable=False,
        error_messages={"unique": _("Đã có đơn vị này (chữ hoa, chữ thường như nhau).")},
    )
    kind = models.CharField(
        _("loại đơn vị"), max_length=10, choices=UnitKind.choices, default=UnitKind.OTHER
    )
    allows_decimals = models.BooleanField(
        _("nhận số thập phân"),
        default=True,
        help_text=_("Bỏ chọn cho đơn vị chỉ có số nguyên (số đếm: người, hộ, lượt…)."),
    )
    history = audited()

    class Meta:
        verbose_name = _("đơn vị tính")
        verbose_name_plural = _("đơn vị tính")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="count") | Q(allows_decimals=False),
                name="unit_count_whole_numbers",
                violation_error_message=_("Đơn vị số đếm không nhận số thập phân."),
            ),
            models.CheckConstraint(
                condition=~Q(key=""),
                name="unit_key_set",
                violation_error_message=_("Chưa nhập tên đơn vị."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def tidy_name(name: str) -> str:
        """A unit as it is written, without stray spaces or decomposed diacritics."""
        return " ".join(unicodedata.normalize("NFC", name).split())

    @staticmethod
    def key_of(name: str) -> str:
        """What two spellings of one unit share: "Tỷ  đồng" and "tỷ đồng" -> "tỷ đồng"."""
        return Unit.tidy_name(name).casefold()

    def clean(self) -> None:
        self.name = self.tidy_name(self.name)
        self.key = self.key_of(self.name)
        twins = Unit.objects.filter(key=self.key).exclude(pk=self.pk)
        if self.key and twins.exists():
            raise ValidationError(
                {
                    "name": _("Đã có đơn vị “%(name)s” (chữ hoa, chữ thường như nhau).")
                    % {"name": twins[0].name}
                }
            )


class Indicator(BilingualName):
    code = models.CharField(_("mã"), max_length=40, unique=True)
    sector = models.ForeignKey(
        Sector, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="indicators"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("phòng ban phụ trách"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    # The unit's name, as every page, table and file reads it; it follows `unit_ref` (the
    # catalogue's unit, chosen from the list) whenever the indicator is validated.
    unit = models.CharField(_("đơn vị tính"), max_length=60)
    unit_ref = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị tính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    direction = models.CharField(
        _("chiều đánh giá"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    # Violations detected, cases prosecuted, fines collected: more says the authorities found
    # more, neither better nor worse; their change is not coloured good or bad.
    change_is_neutral = models.BooleanField(
        _("thay đổi không mang nghĩa tốt/xấu"),
        default=False,
        help_text=_(
            "Chỉ tiêu như số vụ vi phạm bị phát hiện, số vụ bị khởi tố: tăng hay giảm đều "
            "không tự nó là tốt hay xấu."
        ),
    )
    aggregation = models.CharField(
        _("cách tổng hợp năm"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân"), default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("chỉ tiêu tổng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="components",
    )
    is_main = models.BooleanField(_("chỉ tiêu chủ yếu"), default=False)
    council_group = models.PositiveSmallIntegerField(
        _("nhóm chỉ tiêu chủ yếu"),
        null=True,
        blank=True,
        help_text=_("Số thứ tự nhóm trong Nghị quyết HĐND (1–8 năm 2024)"),
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)
    plausible_min = models.DecimalField(
        _("mức thấp nhất hợp lý"),
        null=True,
        blank=True,
        help_text=_("Số nhập thấp hơn bị từ chối kèm lời nhắc kiểm tra. Để trống nếu không có."),
        **DECIMAL,
    )
    plausible_max = models.DecimalField(
        _("mức cao nhất hợp lý"),
        null=True,
        blank=True,
        help_text=_("Số nhập cao hơn bị từ chối kèm lời nhắc kiểm tra. Để trống nếu không có."),
        **DECIMAL,
    )

    objects = IndicatorQuerySet.as_manager()
    history = audited()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["order", "code"]
        # The few main indicators of a catalogue of thousands (IndicatorQuerySet.main).
        indexes = [models.Index(fields=["id"], condition=Q(is_main=True), name="indicator_main")]
        constraints = [
            models.CheckConstraint(
                condition=Q(decimals__lte=6),
                name="indicator_decimals_at_most_6",
                violation_error_message=_("Số chữ số thập phân nhiều nhất là 6."),
            ),
            models.CheckConstraint(
                condition=Q(is_main=False, council_group__isnull=True)
                | Q(is_main=True, council_group__gte=1),
                name="indicator_main_iff_council_group",
                violation_error_message=_(
                    "Chỉ tiêu chủ yếu cần số thứ tự nhóm trong Nghị quyết HĐND (từ 1 trở lên); "
                    "chỉ tiêu khác để trống nhóm."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="indicator_not_own_parent",
                violation_error_message=_("Chỉ tiêu không thể là chỉ tiêu tổng của chính nó."),
            ),
            models.CheckConstraint(
                condition=Q(plausible_min__isnull=True)
                | Q(plausible_max__isnull=True)
                | Q(plausible_min__lte=models.F("plausible_max")),
                name="indicator_plausible_range_ordered",
                violation_error_message=_(
                    "Mức thấp nhất hợp lý phải nhỏ hơn hoặc bằng mức cao nhất hợp lý."
                ),
            ),
        ]

    def clean(self) -> None:
        # The unit's name follows the unit chosen from the list.
        if self.unit_ref is not None:
            self.unit = self.unit_ref.name

    @property
    def is_rate(self) -> bool:
        return is_rate_unit(self.unit)


class HasPeriod:
    """What a target's or value's period columns say, for the models that have them."""

    year: int
    quarter: int | None
    months: int | None
    as_of: date | None

    @property
    def is_whole_year(self) -> bool:
        return self.quarter is None and self.months is None and self.as_of is None

    @property
    def period(self) -> Period:
        return Period(self.year, quarter=self.quarter, months=self.months, as_of=self.as_of)


class Provenance(models.Model):
    """Where a figure comes from: a report, the sentence in it, and any arithmetic."""

    report = models.ForeignKey(
        SourceReport, verbose_name=_("báo cáo nguồn"), on_delete=models.PROTECT, related_name="+"
    )
    quote = models.TextField(_("trích dẫn"), blank=True)
    is_derived = models.BooleanField(_("số suy ra"), default=False)
    derivation = models.TextField(_("cách tính"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    flag = models.TextField(_("cảnh báo về số liệu"), blank=True)

    class Meta:
        abstract = True


# A target's or value's period (`indicators.periods.Period` names it: "2024", "2024-Q2",
# "2024-M6", "2025-01-31"): none of `quarter`, `months`, `as_of` set is the whole year; else
# exactly one of them: a quarter's own figure, the first n months cumulatively (lũy kế), or
# the cumulative figure up to a date. They are columns beside `quarter` rather than one period
# code replacing it because the quarter is the key of the quarterly review (submissions,
# locks, the entry form, the history), which keeps working unchanged, and because every row
# stored so far keeps its meaning with the new columns empty: nothing to rewrite. Twelve
# months are the year (no second way to store it); an as-of date lies in the figure's year or
# the next (a year's capital is disbursed until 31 January of the next year).
WHOLE_YEAR = Q(quarter__isnull=True, months__isnull=True, as_of__isnull=True)


def period_constraints(
    prefix: str, key: str, duplicate: dict[str, StrOrPromise]
) -> list[models.BaseConstraint]:
    """The constraints every model with a period has, beside its own uniqueness of year and
    quarter: one kind of period, valid months and dates, one figure per cumulative period."""
    return [
        models.CheckConstraint(
            condition=Q(months__isnull=True, as_of__isnull=True)
            | Q(quarter__isnull=True, as_of__isnull=True)
            | Q(quarter__isnull=True, months__isnull=True),
            name=f"{prefix}_one_period",
            violation_error_message=_(
                "Chỉ ghi một kỳ: quý, số tháng lũy kế hoặc ngày lũy kế (để trống cả ba cho cả năm)."
            ),
        ),
        models.CheckConstraint(
            condition=Q(months__isnull=True) | Q(months__gte=1, months__lte=11),
            name=f"{prefix}_months_1_to_11",
            violation_error_message=_(
                "Số tháng lũy kế từ 1 đến 11 (lũy kế 12 tháng là cả năm: để trống)."
            ),
        ),
        models.CheckConstraint(
            condition=Q(as_of__isnull=True)
            | Q(as_of__year__gte=models.F("year"), as_of__year__lte=models.F("year") + 1),
            name=f"{prefix}_as_of_in_year_or_next",
            violation_error_message=_(
                "Ngày lũy kế phải thuộc năm của số liệu hoặc năm sau (vốn năm 2024 giải ngân "
                "đến 31/01/2025)."
            ),
        ),
        models.UniqueConstraint(
            fields=["indicator", "year", "months", key, "report"],
            condition=Q(months__isnull=False),
            name=f"{prefix}_unique_months_{key}_report",
            violation_error_message=duplicate["months"],
        ),
        models.UniqueConstraint(
            fields=["indicator", "year", "as_of", key, "report"],
            condition=Q(as_of__isnull=False),
            name=f"{prefix}_unique_as_of_{key}_report",
            violation_error_message=duplicate["as_of"],
        ),
    ]


class Target(HasPeriod, Provenance):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(
        _("quý"), null=True, blank=True, help_text=_("Để trống cho kế hoạch cả năm")
    )
    months = models.PositiveSmallIntegerField(
        _("số tháng đầu năm (lũy kế)"),
        null=True,
        blank=True,
        help_text=_("Kế hoạch lũy kế n tháng đầu năm (6 = 6 tháng); để trống nếu không phải"),
    )
    as_of = models.DateField(
        _("lũy kế đến ngày"),
        null=True,
        blank=True,
        help_text=_("Kế hoạch lũy kế đến một ngày; để trống nếu không phải"),
    )
    source = models.CharField(
        _("nguồn kế hoạch"), max_length=10, choices=PlanSource.choices, default=PlanSource.COUNCIL
    )
    value = models.DecimalField(_("kế hoạch"), **DECIMAL)
    history = audited()

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["indicator", "year", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "source", "report"],
                condition=WHOLE_YEAR,
                name="target_unique_year_source_report",
                violation_error_message=_(
                    "Chỉ tiêu này đã có kế hoạch cả năm của năm này, cùng nguồn kế hoạch và cùng "
                    "báo cáo nguồn."
                ),
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter", "source", "report"],
                condition=Q(quarter__isnull=False),
                name="target_unique_quarter_source_report",
                violation_error_message=_(
                    "Chỉ tiêu này đã có kế hoạch của quý này, cùng nguồn kế hoạch và cùng báo "
                    "cáo nguồn."
                ),
            ),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="target_quarter_1_to_4",
                violation_error_message=_("Quý từ 1 đến 4; để trống cho kế hoạch cả năm."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100),
                name="target_year_in_range",
                violation_error_message=_("Năm phải từ 1990 đến 2100."),
            ),
            models.CheckConstraint(
                condition=Q(is_derived=False) | ~Q(derivation=""),
                name="target_derived_shows_arithmetic",
                violation_error_message=_("Số suy ra phải ghi cách tính."),
            ),
            *period_constraints(
                "target",
                "source",
                {
                    "months": _(
                        "Chỉ tiêu này đã có kế hoạch lũy kế của số tháng này, cùng nguồn kế "
                        "hoạch và cùng báo cáo nguồn."
                    ),
                    "as_of": _(
                        "Chỉ tiêu này đã có kế hoạch lũy kế đến ngày này, cùng nguồn kế hoạch "
                        "và cùng báo cáo nguồn."
                    ),
                },
            ),
        ]
        indexes = [models.Index(fields=["year", "indicator"], name="target_year_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year} {self.source}: {self.value}"


class Value(HasPeriod, Provenance):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="values"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(
        _("quý"), null=True, blank=True, help_text=_("Để trống cho cả năm")
    )
    # A cumulative period (lũy kế): the first n months of the year, or up to a stated date.
    # See PERIOD_FIELDS below for why these are columns beside `quarter`.
    months = models.PositiveSmallIntegerField(
        _("số tháng đầu năm (lũy kế)"),
        null=True,
        blank=True,
        help_text=_("Số lũy kế n tháng đầu năm (3 = quý I lũy kế, 6 = 6 tháng, 9 = 9 tháng)"),
    )
    as_of = models.DateField(
        _("lũy kế đến ngày"),
        null=True,
        blank=True,
        help_text=_("Số lũy kế đến ngày này (giải ngân đến 31/01/2025 của kế hoạch vốn 2024)"),
    )
    kind = models.CharField(
        _("loại số liệu"), max_length=10, choices=ValueKind.choices, default=ValueKind.ESTIMATE
    )
    value = models.DecimalField(_("giá trị"), **DECIMAL)
    numerator = models.DecimalField(_("tử số"), null=True, blank=True, **DECIMAL)
    denominator = models.DecimalField(_("mẫu số"), null=True, blank=True, **DECIMAL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Whether the city stands behind the figure (pages, charts and exports show only these):
    # a figure stated in a report is; a department's entry is once the planning office approves
    # it. Locked figures (waiting for review, or approved) change only through the review.
    is_published = models.BooleanField(_("đã công bố"), default=True)
    is_locked = models.BooleanField(_("đã khóa"), default=False)
    history = audited()

    objects = ValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu thực hiện")
        verbose_name_plural = _("số liệu thực hiện")
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "kind", "report"],
                condition=WHOLE_YEAR,
                name="value_unique_year_kind_report",
                violation_error_message=_(
                    "Chỉ tiêu này đã có số liệu cả năm của năm này, cùng loại số liệu và cùng "
                    "báo cáo nguồn."
                ),
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter", "kind", "report"],
                condition=Q(quarter__isnull=False),
                name="value_unique_quarter_kind_report",
                violation_error_message=_(
                    "Chỉ tiêu này đã có số liệu của quý này, cùng loại số liệu và cùng báo cáo "
                    "nguồn."
                ),
            ),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="value_quarter_1_to_4",
                violation_error_message=_("Quý từ 1 đến 4; để trống cho cả năm."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100),
                name="value_year_in_range",
                violation_error_message=_("Năm phải từ 1990 đến 2100."),
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True, denominator__isnull=True)
                | Q(numerator__isnull=False, denominator__gt=0),
                name="value_ratio_parts_together_positive_denominator",
                violation_error_message=_(
                    "Tử số và mẫu số nhập cùng nhau (hoặc cùng để trống); mẫu số phải lớn hơn 0."
                ),
            ),
            models.CheckConstraint(
                condition=Q(is_derived=False) | ~Q(derivation=""),
                name="value_derived_shows_arithmetic",
                violation_error_message=_("Số suy ra phải ghi cách tính."),
            ),
            *period_constraints(
                "value",
                "kind",
                {
                    "months": _(
                        "Chỉ tiêu này đã có số liệu lũy kế của số tháng này, cùng loại số liệu "
                        "và cùng báo cáo nguồn."
                    ),
                    "as_of": _(
                        "Chỉ tiêu này đã có số liệu lũy kế đến ngày này, cùng loại số liệu và "
                        "cùng báo cáo nguồn."
                    ),
                },
            ),
        ]
        indexes = [models.Index(fields=["year", "indicator"], name="value_year_indicator")]

    def __str__(self) -> str:
        # Not `self.period`: an admin form being corrected may hold an impossible period.
        period = period_code(self.year, self.quarter, self.months, self.as_of)
        return f"{self.indicator.code} {period} {self.kind}: {self.value}"


class Statement(models.Model):
    """A figure a report states about an indicator ("đạt 102,7% kế hoạch", "tăng 8%").

    Kept so the app can recompute it from stored values and flag the ones that disagree.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="statements"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    # The part of the year it speaks about, when not the whole year ("lũy kế từ đầu năm đến
    # nay ... tăng 03 vụ so với cùng kỳ"): the same columns as a value's cumulative period.
    months = models.PositiveSmallIntegerField(_("số tháng đầu năm (lũy kế)"), null=True, blank=True)
    as_of = models.DateField(_("lũy kế đến ngày"), null=True, blank=True)
    metric = models.CharField(_("loại"), max_length=12, choices=Metric.choices)
    baseline = models.CharField(
        _("so với kế hoạch"), max_length=10, choices=PlanSource.choices, blank=True
    )
    figure = models.DecimalField(_("số báo cáo nêu"), null=True, blank=True, **DECIMAL)
    figure_decimals = models.PositiveSmallIntegerField(_("độ chính xác"), default=0)
    status_text = models.CharField(_("đánh giá"), max_length=20, blank=True)
    report = models.ForeignKey(
        SourceReport, verbose_name=_("báo cáo nguồn"), on_delete=models.PROTECT, related_name="+"
    )
    quote = models.TextField(_("trích dẫn"))
    derives = models.BooleanField(_("dùng để suy ra số liệu"), default=False)
    flag = models.TextField(_("cảnh báo về số liệu"), blank=True)
    history = audited()

    class Meta:
        verbose_name = _("nhận định của báo cáo")
        verbose_name_plural = _("nhận định của báo cáo")
        ordering = ["indicator", "year", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "metric", "baseline", "report", "quote"],
                name="statement_unique",
                violation_error_message=_(
                    "Báo cáo nguồn này đã có nhận định này (cùng chỉ tiêu, năm, loại, kế hoạch so "
                    "sánh và trích dẫn)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(metric="completion", baseline__in=["council", "province", "term"])
                | (~Q(metric="completion") & Q(baseline="")),
                name="statement_baseline_only_for_completion",
                violation_error_message=_(
                    "Nhận định mức đạt so với kế hoạch phải chọn kế hoạch so sánh; các loại "
                    "nhận định khác để trống."
                ),
            ),
            models.CheckConstraint(
                condition=Q(metric="status", figure__isnull=True)
                | (~Q(metric="status") & Q(figure__isnull=False)),
                name="statement_figure_unless_status",
                violation_error_message=_(
                    "Nhận định đạt/không đạt không ghi số; các loại nhận định khác phải có số."
                ),
            ),
            models.CheckConstraint(
                condition=Q(months__isnull=True) | Q(as_of__isnull=True),
                name="statement_one_period",
                violation_error_message=_(
                    "Chỉ ghi một kỳ: quý, số tháng lũy kế hoặc ngày lũy kế (để trống cả ba cho cả "
                    "năm)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(months__isnull=True) | Q(months__gte=1, months__lte=11),
                name="statement_months_1_to_11",
                violation_error_message=_(
                    "Số tháng lũy kế từ 1 đến 11 (lũy kế 12 tháng là cả năm: để trống)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(as_of__isnull=True)
                | Q(as_of__year__gte=models.F("year"), as_of__year__lte=models.F("year") + 1),
                name="statement_as_of_in_year_or_next",
                violation_error_message=_(
                    "Ngày lũy kế phải thuộc năm của số liệu hoặc năm sau (vốn năm 2024 giải ngân "
                    "đến 31/01/2025)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year} {self.metric}: {self.figure or self.status_text}"


class DataVersion(models.Model):
    """One row whose token changes, in the same transaction, with every write of the figures a
    page computes from (indicators, sectors, departments, reports, targets, values and their
    published flags). Pages keep computed results under the token they read: a new token means
    recompute, and a rolled-back write rolls its token back with it."""

    token = models.UUIDField(_("mã phiên bản"), default=uuid.uuid4)
    changed_at = models.DateTimeField(_("đổi lúc"), auto_now=True)

    class Meta:
        verbose_name = _("phiên bản số liệu")
        verbose_name_plural = _("phiên bản số liệu")
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1),
                name="data_version_single_row",
                violation_error_message=_("Chỉ có một dòng phiên bản số liệu (mã 1)."),
            )
        ]

    def __str__(self) -> str:
        return str(self.token)


class RollupPeriod(models.TextChoices):
    """The period of the year a rolled-up figure covers (`indicators.periods.ROLLUP_PERIODS`
    says what each is made of): the year, a quarter's own figure, or the year to date at the
    end of quý I, 6 and 9 months, as the council's sessions read them."""

    YEAR = "Y", _("Cả năm")
    Q1 = "Q1", _("Quý I")
    Q2 = "Q2", _("Quý II")
    Q3 = "Q3", _("Quý III")
    Q4 = "Q4", _("Quý IV")
    M3 = "M3", _("Quý I (lũy kế)")
    M6 = "M6", _("6 tháng")
    M9 = "M9", _("9 tháng")


# Percentages and changes are kept unrounded to twenty decimals (a float, as charts take them,
# is the same as of the exact quotient): pages round only for display.
RATIO: Final[DecimalOptions] = {"max_digits": 40, "decimal_places": 20}


class IndicatorFigure(models.Model):
    """An indicator's figures for a period measured against one baseline: what the dashboard,
    the sector pages and the council table show, as `computations.py` computes them.

    Derived data, kept by `indicators/rollups.py` for the indicators each write touches (and
    rebuilt whole by `manage.py rebuild_rollups`); nothing else writes it. A year the indicator
    has no figure or plan for has no row: pages read a missing row as "no plan". The ids of
    the target and values behind a figure are plain ids, not foreign keys: a deleted target
    changes its indicator's rows, so they are rewritten anyway.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="figures"
    )
    # The indicator's top sector, copied here so that a dashboard counts statuses by sector
    # from this table's index alone.
    top_sector = models.ForeignKey(
        Sector, verbose_name=_("lĩnh vực"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    period = models.CharField(
        _("kỳ"), max_length=4, choices=RollupPeriod.choices, default=RollupPeriod.YEAR
    )
    baseline = models.CharField(_("so với kế hoạch"), max_length=10, choices=PlanSource.choices)
    plan = models.DecimalField(_("kế hoạch"), null=True, **DECIMAL)
    plan_target_id = models.BigIntegerField(null=True)
    actual = models.DecimalField(_("thực hiện"), null=True, **DECIMAL)
    actual_kind = models.CharField(
        _("loại số liệu"), max_length=10, choices=ValueKind.choices, blank=True
    )
    actual_value_id = models.BigIntegerField(null=True)
    n_quarters = models.PositiveSmallIntegerField(default=0)
    previous = models.DecimalField(_("cùng kỳ năm trước"), null=True, **DECIMAL)
    previous_value_id = models.BigIntegerField(null=True)
    completion_pct = models.DecimalField(null=True, **RATIO)
    status = models.CharField(_("đánh giá"), max_length=12)
    yoy_pct = models.DecimalField(null=True, **RATIO)
    yoy_points = models.DecimalField(null=True, **RATIO)
    # The change as it is spoken of (points for rates, % otherwise) and its size, for sorting.
    change = models.DecimalField(null=True, **RATIO)
    change_size = models.DecimalField(null=True, **RATIO)
    is_total = models.BooleanField(default=True)  # not a component of another indicator
    next_plan = models.DecimalField(null=True, **DECIMAL)
    next_plan_target_id = models.BigIntegerField(null=True)
    next_plan_vs_actual_pct = models.DecimalField(null=True, **RATIO)
    reports_disagree = models.BooleanField(default=False)
    # A period of the year only: the share of the annual plan it is expected to reach.
    pace_pct = models.DecimalField(null=True, **RATIO)

    class Meta:
        verbose_name = _("số liệu tổng hợp")
        verbose_name_plural = _("số liệu tổng hợp")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "period", "baseline"],
                name="indicator_figure_unique_period_baseline",
                violation_error_message=_(
                    "Chỉ tiêu này đã có số liệu tổng hợp cho năm, kỳ và kế hoạch này."
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=["exceeded", "achieved", "not_achieved", "no_plan", "no_actual"]
                ),
                name="indicator_figure_status_known",
                violation_error_message=_("Trạng thái của số liệu tổng hợp không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(change_size__isnull=True) | Q(change_size__gte=0),
                name="indicator_figure_change_size_not_negative",
                violation_error_message=_("Độ lớn của thay đổi không được âm."),
            ),
        ]
        indexes = [
            # The dashboard's sector cards: counts by sector and status.
            models.Index(
                fields=["year", "period", "baseline", "top_sector", "status"],
                name="indicator_figure_status",
            ),
            # The dashboard's largest changes.
            models.Index(
                fields=["year", "period", "baseline", "change_size"],
                name="indicator_figure_change",
                condition=Q(change_size__isnull=False, is_total=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}{self.period} {self.baseline}: {self.status}"
