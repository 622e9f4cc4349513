"""A database at the old layout (the workflow models inside `indicators`, a value pointing at
its quarter) migrates forward to the apps of today without losing a row."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection

from tests.migrating import latest, migrate

OLD = [
    ("indicators", "0003_data_version"),
    ("accounts", None),
    ("entry", None),
    ("reports", None),
]


def _old_layout_rows(apps) -> dict[str, int]:
    """Rows a site running the old code would hold: a department's quarter at three stages, its
    typed figures (one typed as year to date), a reviewer and a staff member, a notice."""
    User = apps.get_model("auth", "User")
    Department = apps.get_model("indicators", "Department")
    Sector = apps.get_model("indicators", "Sector")
    Indicator = apps.get_model("indicators", "Indicator")
    SourceReport = apps.get_model("indicators", "SourceReport")
    Value = apps.get_model("indicators", "Value")
    Membership = apps.get_model("indicators", "Membership")
    QuarterSubmission = apps.get_model("indicators", "QuarterSubmission")
    SubmissionNotice = apps.get_model("indicators", "SubmissionNotice")

    department = Department.objects.create(code="KTE", name="Phòng Kinh tế")
    sector = Sector.objects.create(code="KT", name="Kinh tế")
    indicator = Indicator.objects.create(
        code="KT-1", name="Thu ngân sách", sector=sector, department=department, unit="tỷ đồng"
    )
    staff = User.objects.create(username="kte.chuyenvien")
    reviewer = User.objects.create(username="thamdinh")
    Membership.objects.create(user=staff, role="staff", department=department)
    Membership.objects.create(user=reviewer, role="reviewer")
    printed = SourceReport.objects.create(number="5268/BC-UBND")
    typed = SourceReport.objects.create(number="NHAPLIEU-KTE-2025Q2")
    Value.objects.create(indicator=indicator, year=2024, kind="actual", value=1, report=printed)
    statuses = {1: "approved", 2: "submitted", 3: "draft"}
    for quarter, status in statuses.items():
        submission = QuarterSubmission.objects.create(
            department=department,
            year=2025,
            quarter=quarter,
            status=status,
            deadline=datetime.date(2025, quarter * 3, 14),
        )
        derived = quarter == 2
        Value.objects.create(
            indicator=indicator,
            year=2025,
            quarter=quarter,
            kind="estimate",
            value=Decimal(10 * quarter),
            report=typed,
            submission=submission,
            is_derived=derived,
            derivation="Lũy kế 6 tháng 30 − lũy kế quý I 10 = 20" if derived else "",
        )
    SubmissionNotice.objects.create(
        submission=QuarterSubmission.objects.get(quarter=3), kind="overdue", key="2025-09-14"
    )
    return {"submissions": 3, "values": 4, "memberships": 2, "notices": 1}


@pytest.mark.django_db(transaction=True)
def test_a_database_at_the_old_layout_migrates_forward_with_every_row():
    old_apps = migrate(OLD)
    counts = _old_layout_rows(old_apps)

    apps = migrate(latest())

    Value = apps.get_model("indicators", "Value")
    SourceReport = apps.get_model("indicators", "SourceReport")
    QuarterSubmission = apps.get_model("entry", "QuarterSubmission")
    EnteredValue = apps.get_model("entry", "EnteredValue")
    Membership = apps.get_model("accounts", "Membership")
    SubmissionNotice = apps.get_model("entry", "SubmissionNotice")
    assert QuarterSubmission.objects.count() == counts["submissions"]
    assert Value.objects.count() == counts["values"]
    assert Membership.objects.count() == counts["memberships"]
    assert SubmissionNotice.objects.get().submission.quarter == 3
    assert dict(Membership.objects.values_list("user__username", "role")) == {
        "kte.chuyenvien": "staff",
        "thamdinh": "reviewer",
    }
    # Each typed figure keeps its quarter, now through the entry app.
    typed = {
        e.submission.quarter: (e.value.value, e.entered_as)
        for e in EnteredValue.objects.select_related("submission", "value")
    }
    assert typed == {
        1: (Decimal(10), "quarter"),
        2: (Decimal(20), "ytd"),
        3: (Decimal(30), "quarter"),
    }
    # Published once approved, locked while waiting and once approved; the report's figure is
    # published and open.
    flags = {v.quarter: (v.is_published, v.is_locked) for v in Value.objects.all()}
    assert flags == {
        None: (True, False),
        1: (True, True),
        2: (False, True),
        3: (False, False),
    }
    kinds = dict(SourceReport.objects.values_list("number", "kind"))
    assert kinds == {"5268/BC-UBND": "document", "NHAPLIEU-KTE-2025Q2": "form_entry"}
    tables = connection.introspection.table_names()
    assert "entry_quartersubmission" in tables
    assert "accounts_membership" in tables
    assert "indicators_quartersubmission" not in tables
