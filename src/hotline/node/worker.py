"""`hotline worker`: django-tasks' database worker, plus the loop that enqueues periodic jobs."""

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


def run(*, poll_interval: float = 0.2, schedule_interval: float = 1.0) -> None:
    from hotline.audit import context

    context.set_process_entry_point(context.WORKER)
    stop = threading.Event()
    schedule.enqueue_due()
    thread = threading.Thread(
        target=_scheduler, args=(stop, schedule_interval), name="scheduler", daemon=True
    )
    thread.start()
    try:
        call_command("db_worker", interval=poll_interval, startup_delay=False, queue_name="*", verbosity=1)
    finally:
        stop.set()
