"""Who a user is in the app: one role, and for department roles the department they work for.

Who may do what with that role is decided in accounts/permissions.py, nowhere else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.history import audited
from indicators.models import Department


class Role(models.TextChoices):
    STAFF = "staff", _("Cán bộ phòng ban")
    HEAD = "head", _("Lãnh đạo phòng ban")
    REVIEWER = "reviewer", _("Cán bộ tổng hợp, thẩm định")
    LEADERSHIP = "leadership", _("Lãnh đạo UBND")
    ADMIN = "admin", _("Quản trị hệ thống")


DEPARTMENT_ROLES = (Role.STAFF, Role.HEAD)


class Membership(models.Model):
    """A user's role in the app, and for department roles the department they work for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    role = models.CharField(_("vai trò"), max_length=12, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("phòng ban"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    history = audited()

    class Meta:
        verbose_name = _("vai trò người dùng")
        verbose_name_plural = _("vai trò người dùng")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=DEPARTMENT_ROLES, department__isnull=False)
                | (~Q(role__in=DEPARTMENT_ROLES) & Q(department__isnull=True)),
                name="membership_department_iff_department_role",
                violation_error_message=_(
                    "Cán bộ và lãnh đạo phòng ban phải chọn phòng ban; các vai trò khác không "
                    "thuộc phòng ban nào."
                ),
            ),
        ]

    def __str__(self) -> str:
        where = f" · {self.department}" if self.department_id else ""
        return f"{self.user} · {self.get_role_display()}{where}"
