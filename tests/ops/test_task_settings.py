"""How tasks are delivered: at least once, to idempotent tasks, with time limits, a visibility
timeout longer than any task can take, sweeps on beat's schedule, and nothing that makes a
request wait for a broker that is down."""

from __future__ import annotations

import importlib
import importlib.util
import json
import re

from django.conf import settings

from config.celery_app import app
from tests.ops.production import ROOT, run

PROJECT_APPS = ("indicators", "accounts", "entry", "reports", "ops")


def project_tasks():
    """Every task of the project's apps, as a worker finds them (each app's `tasks` module)."""
    for name in PROJECT_APPS:
        if importlib.util.find_spec(f"{name}.tasks"):
            importlib.import_module(f"{name}.tasks")
    return {name: task for name, task in app.tasks.items() if name.split(".")[0] in PROJECT_APPS}


def test_every_task_is_acknowledged_late_given_back_when_its_worker_dies_and_time_limited():
    tasks = project_tasks()
    assert {"reports.tasks.export_build", "entry.tasks.entry_return_notify"} <= set(tasks)
    for name, task in tasks.items():
        assert task.acks_late and task.reject_on_worker_lost, name
        assert task.time_limit and task.soft_time_limit, name
        assert task.soft_time_limit < task.time_limit <= settings.CELERY_TASK_TIME_LIMIT, name


def test_systemd_lets_a_stopping_worker_finish_any_task_as_the_readme_sets_it_up():
    readme = (ROOT / "README.md").read_text()
    stop_timeout = int(re.search(r"^TimeoutStopSec=(\d+)$", readme, re.MULTILINE).group(1))
    assert "KillMode=mixed" in readme
    assert stop_timeout > max(task.time_limit for task in project_tasks().values())


def test_redis_gives_a_task_to_another_worker_only_after_it_could_have_finished():
    # A message is unacknowledged while its task runs, and while a retry waits for its
    # countdown: past the visibility timeout Redis delivers it again, to a second worker.
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    for name, task in project_tasks().items():
        longest_wait = task.retry_backoff_max if getattr(task, "autoretry_for", ()) else 0
        assert visibility > task.time_limit + longest_wait, name


def test_the_sweeps_are_on_beats_schedule_and_a_late_one_is_dropped_for_the_next():
    tasks = project_tasks()
    schedule = settings.CELERY_BEAT_SCHEDULE
    for name, entry in schedule.items():
        assert entry["task"] in tasks, name
    sweeps = {
        "requeue-stalled-exports-every-minute": ("reports.tasks.exports_requeue_stalled", 60),
        "send-missed-return-notices-every-5-minutes": (
            "entry.tasks.return_notices_send_missed",
            300,
        ),
    }
    for name, (task, every) in sweeps.items():
        assert schedule[name]["task"] == task
        assert schedule[name]["schedule"] == every
        assert schedule[name]["options"]["expires"] <= every


def test_queueing_from_a_request_tries_twice_at_most_and_connects_for_seconds_not_minutes():
    policy = settings.CELERY_TASK_PUBLISH_RETRY_POLICY
    assert policy["max_retries"] <= 1 and policy["interval_max"] <= 0.5
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["socket_connect_timeout"] <= 3
    assert settings.CELERY_BROKER_CONNECTION_TIMEOUT <= 3


def test_production_delivers_at_least_once_and_keeps_no_task_results():
    result = run(
        [
            "-c",
            "import django, json; django.setup(); from config.celery_app import app; "
            "c = app.conf; print(json.dumps([c.task_acks_late, c.task_reject_on_worker_lost, "
            "c.broker_transport_options['visibility_timeout'], c.result_backend, "
            "c.broker_connection_max_retries, c.task_always_eager]))",
        ]
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [True, True, 3600, None, None, False]
