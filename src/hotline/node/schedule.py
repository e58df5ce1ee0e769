"""Periodic work. Each worker calls `enqueue_due()` in a loop; a conditional UPDATE lets one worker win each
period, so the job is scheduled once however many workers run."""

import contextlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from hotline.node.models import PeriodicJob


@dataclass(frozen=True)
class Periodic:
    name: str
    every: timedelta
    task_path: str  # "module:attribute" of a django-tasks task


def _periodic_jobs() -> list[Periodic]:
    federation_every = timedelta(seconds=settings.FEDERATION_INTERVAL)
    return [
        Periodic("federation-push", federation_every, "hotline.federation.tasks:push_all"),
        Periodic("federation-pull", federation_every, "hotline.federation.tasks:pull_all"),
        Periodic("purge-taxii-statuses", timedelta(hours=1), "hotline.taxii.tasks:purge_old_statuses"),
        # The query planner's statistics, as the store grows (also refreshed after `hotline import`).
        Periodic("intel-statistics", timedelta(minutes=15), "hotline.intel.tasks:update_statistics"),
        Periodic("desk-check-deadlines", timedelta(minutes=1), "hotline.desk.tasks:check_deadlines"),
        Periodic(
            "programme-check-deadlines", timedelta(minutes=1), "hotline.programme.tasks:check_deadlines"
        ),
        # Notifications are delivered as they are made; this sweep catches any whose job was lost.
        Periodic(
            "desk-deliver-notifications", timedelta(minutes=1), "hotline.desk.tasks:deliver_notifications"
        ),
        Periodic("retention-purge", timedelta(hours=1), "hotline.audit.tasks:purge_expired"),
        Periodic(
            "peace-rebuild-index",
            timedelta(seconds=settings.PEACE_INDEX_INTERVAL),
            "hotline.peace.tasks:rebuild_index_if_stale",
        ),
    ]


def _task(path: str):
    import importlib

    module, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module), attribute)


def enqueue_due(now=None) -> list[str]:
    now = now or timezone.now()
    enqueued = []
    for job in _periodic_jobs():
        with contextlib.suppress(IntegrityError):  # another worker created it first
            PeriodicJob.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
        claimed = PeriodicJob.objects.filter(name=job.name, next_run_at__lte=now).update(
            next_run_at=now + job.every, last_run_at=now
        )
        if claimed:
            _task(job.task_path).enqueue()
            enqueued.append(job.name)
    return enqueued
