"""`hotline worker`: django-tasks' database worker, plus the loop that enqueues periodic jobs.

Federation jobs wait on partners' networks (up to HOTLINE_FEDERATION_TIMEOUT per request), so they have their
own queue: `--queue default` runs everything else (and the scheduler), `--queue federation` only them, and
`hotline serve` runs one of each, so a slow partner never holds up deadline escalation. `--queue all` (the
default of a lone `hotline worker`) drains both in one process."""

import logging
import threading

from django.core.management import call_command
from django.db import close_old_connections

from hotline.node import schedule

log = logging.getLogger(__name__)


def _scheduler(stop: threading.Event, interval: float) -> None:
    while not stop.wait(interval):
        try:
            schedule.enqueue_due()
        except Exception:
            log.exception("periodic scheduling failed; will retry")
        finally:
            close_old_connections()


QUEUES = ("all", "default", "federation")
FEDERATION_QUEUE = "federation"


def run(*, poll_interval: float = 0.2, schedule_interval: float = 1.0, queue: str = "all") -> None:
    if queue not in QUEUES:
        raise ValueError(f"unknown queue {queue!r} (one of {', '.join(QUEUES)})")
    from hotline.audit import context

    context.set_process_entry_point(context.WORKER)
    options = {"queue_name": "*"}
    if queue == "default":
        options["exclude_queues"] = FEDERATION_QUEUE
    elif queue == FEDERATION_QUEUE:
        options["queue_name"] = FEDERATION_QUEUE
        # The scheduler runs in the other worker (scheduling is claimed, so running it here too is harmless).
        call_command("db_worker", interval=poll_interval, startup_delay=False, verbosity=1, **options)
        return
    stop = threading.Event()
    schedule.enqueue_due()
    thread = threading.Thread(
        target=_scheduler, args=(stop, schedule_interval), name="scheduler", daemon=True
    )
    thread.start()
    try:
        call_command("db_worker", interval=poll_interval, startup_delay=False, verbosity=1, **options)
    finally:
        stop.set()
