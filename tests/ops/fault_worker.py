"""A real Celery worker for the fault tests, in its own process, as production runs one: the
project's app with settings from the environment (`python -m tests.ops.fault_worker`).

One change: the first export build it starts stops halfway, as a big PDF would be halfway when
the OOM killer or an operator's `kill -9` arrives. The pool process running it writes its pid
to CHITIEU_FAULT_HOLD_FILE and waits there for the test to kill it; every later build (the file
exists by then) runs as usual. CHITIEU_FAULT_KEY_PREFIX puts every Redis key of the run under a
prefix of its own (kombu's `global_keyprefix`), so that nothing of another test run on the same
Redis is touched, nor touches it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    django.setup()

    from config.celery_app import app
    from reports import services

    hold_file = Path(os.environ["CHITIEU_FAULT_HOLD_FILE"])
    render = services.render_snapshot

    def render_held_the_first_time(*args: Any, **kwargs: Any) -> bytes:
        if not hold_file.exists():
            partial = hold_file.with_suffix(".part")
            partial.write_text(str(os.getpid()))
            partial.rename(hold_file)
            time.sleep(120)
        return render(*args, **kwargs)

    services.render_snapshot = render_held_the_first_time  # type: ignore[assignment]
    options = dict(app.conf.broker_transport_options)
    options["global_keyprefix"] = os.environ["CHITIEU_FAULT_KEY_PREFIX"]
    app.conf.broker_transport_options = options
    app.worker_main(
        [
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "--queues",
            os.environ["CHITIEU_FAULT_QUEUE"],
            "--hostname",
            f"fault-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
            *sys.argv[1:],
        ]
    )


if __name__ == "__main__":
    main()
