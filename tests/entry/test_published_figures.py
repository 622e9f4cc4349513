"""What the public pages and council tables show: figures from reports, and department figures
only once the planning office has approved them."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from entry.models import SubmissionStatus
from indicators.selectors import indicator_years
from tests.factories import IndicatorFactory, ValueFactory, typed_into_quarter


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (SubmissionStatus.DRAFT, False),
        (SubmissionStatus.SUBMITTED, False),
        (SubmissionStatus.RETURNED, False),
        (SubmissionStatus.APPROVED, True),
    ],
)
def test_department_figures_are_published_once_approved(db, status, shown):
    indicator = IndicatorFactory(aggregation="sum")
    ValueFactory(indicator=indicator, year=2025, quarter=1, kind="actual", value=D("10"))
    entered = ValueFactory(indicator=indicator, year=2025, quarter=2, kind="actual", value=D("5"))
    typed_into_quarter(entered, status)

    (row,) = indicator_years(year=2025, indicators=[indicator])

    assert row.actual == (D("15") if shown else D("10"))
    assert row.n_quarters == (2 if shown else 1)


def test_the_language_switch_works_without_signing_in(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert response.cookies["django_language"].value == "en"
