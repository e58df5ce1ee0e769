"""The worker's scheduler runs the deadline check and the notification sweep every minute."""

from datetime import UTC, datetime, timedelta

from hotline.node import schedule


def test_enqueued_once_per_minute(db):
    t0 = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)

    def desk_jobs(enqueued):  # the federation's jobs run every few seconds (tests/federation)
        return [name for name in enqueued if name.startswith("desk-")]

    first = desk_jobs(schedule.enqueue_due(t0))
    same_minute = desk_jobs(schedule.enqueue_due(t0 + timedelta(seconds=30)))
    next_minute = desk_jobs(schedule.enqueue_due(t0 + timedelta(minutes=1)))

    assert {"desk-check-deadlines", "desk-deliver-notifications"} <= set(first)
    assert same_minute == []
    assert set(next_minute) == {"desk-check-deadlines", "desk-deliver-notifications"}


def test_the_task_runs_the_check(desk_tasks=None):
    from hotline.desk import tasks

    assert tasks.check_deadlines.func.__module__ == "hotline.desk.tasks"
