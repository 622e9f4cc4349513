"""Checks on a figure a department enters, in the spirit of DHIS2's validation rules.

Pure functions, `Decimal` in, findings out, no database:
- a rate (% or ‰) lies between 0 and 100 (‰: 1000), a count is not negative: errors, the
  figure cannot be saved;
- a component is not above its total for the same period: a warning while drafting, it blocks
  submitting;
- a change of more than a set share from the previous quarter or the same quarter last year
  needs a written explanation: a warning while drafting, submitting needs the explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.computations import HUNDRED, RATE_SCALES, is_rate_unit, rate_symbol
from indicators.display import format_number

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    # A change finding carries the change and what it is measured against, for display.
    change_pct: Decimal | None = None
    blocks_submit: bool = False
    needs_explanation: bool = False


def rate_ceiling(unit: str) -> Decimal | None:
    """The highest value a rate can take in its unit: 100 for %, 1000 for ‰."""
    symbol = rate_symbol(unit)
    return None if symbol is None else RATE_SCALES[symbol]


def check_range(value: Decimal, unit: str) -> Finding | None:
    """Rates between 0 and their ceiling; any other figure (a count, an amount) not negative."""
    ceiling = rate_ceiling(unit)
    if ceiling is not None:
        if value < 0 or value > ceiling:
            return Finding(
                "rate_range",
                ERROR,
                _("Tỷ lệ phải nằm trong khoảng từ 0 đến %(ceiling)s%(unit)s.")
                % {"ceiling": format_number(ceiling, 0), "unit": rate_symbol(unit)},
            )
        return None
    if value < 0:
        return Finding("negative", ERROR, _("Số liệu này không thể âm."))
    return None


def check_component(
    value: Decimal, total: Decimal | None, *, unit: str, total_unit: str, total_name: str
) -> Finding | None:
    """A component ("thu tiền sử dụng đất") above its total ("thu ngân sách") for one period."""
    if total is None or unit.strip() != total_unit.strip() or is_rate_unit(unit):
        # Shares in % of different bases cannot be compared with their total.
        return None
    if value > total:
        return Finding(
            "component_above_total",
            WARNING,
            _("Lớn hơn số của chỉ tiêu tổng “%(total)s” cùng kỳ.") % {"total": total_name},
            blocks_submit=True,
        )
    return None


def change_share(value: Decimal, base: Decimal | None) -> Decimal | None:
    """Relative change on a base, as a share (0,3 = 30%); None when there is no base or it is 0."""
    if base is None or base == 0:
        return None
    return value / base - 1


def check_change(
    value: Decimal,
    *,
    previous_quarter: Decimal | None,
    same_quarter_last_year: Decimal | None,
    threshold: Decimal,
) -> list[Finding]:
    """A change above the threshold from the previous quarter or the same quarter last year."""
    findings = []
    for base, message in (
        (previous_quarter, _("Thay đổi lớn so với quý trước")),
        (same_quarter_last_year, _("Thay đổi lớn so với cùng kỳ năm trước")),
    ):
        share = change_share(value, base)
        if share is not None and abs(share) > threshold:
            findings.append(
                Finding(
                    "large_change",
                    WARNING,
                    message,
                    change_pct=share * HUNDRED,
                    needs_explanation=True,
                )
            )
    return findings
