from __future__ import annotations

import pytest

from indicators.loading import load_dataset
from indicators.tasks import reports_consistency_check
from indicators.verification import report_disagreements, statement_checks


@pytest.mark.celery_worker
def test_consistency_check_runs_on_a_real_worker_through_redis(celery_worker_app):
    load_dataset()
    expected_not_recomputing = sum(1 for c in statement_checks() if not c.agrees)

    result = reports_consistency_check.delay().get(timeout=60)

    assert result["statements"] > 0
    assert result["not_recomputing"] == expected_not_recomputing
    assert result["disagreements"] == len(report_disagreements()) >= 1


def test_consistency_check_runs_in_process_without_a_broker(lai_chau):
    result = reports_consistency_check.delay().get()
    assert result["statements"] == len(statement_checks())
    assert result["unflagged"] == 0
