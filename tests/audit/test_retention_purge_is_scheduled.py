"""The worker runs the retention purge every hour (once, however many workers run); the task purges."""

from datetime import UTC, datetime, timedelta

from hotline.node import schedule


def purge_jobs(enqueued):
    return [name for name in enqueued if name == "retention-purge"]


def test_the_purge_is_enqueued_once_an_hour(db):
    t0 = datetime(2026, 7, 1, 8, 0, tzinfo=UTC)

    assert purge_jobs(schedule.enqueue_due(t0)) == ["retention-purge"]
    assert purge_jobs(schedule.enqueue_due(t0 + timedelta(minutes=59))) == []
    assert purge_jobs(schedule.enqueue_due(t0 + timedelta(hours=1))) == ["retention-purge"]


def test_the_task_runs_the_purge(actors):
    from hotline.audit import tasks

    assert tasks.purge_expired.func() == 0
