"""The worker refreshes the query planner's statistics of the store every 15 minutes."""

from datetime import UTC, datetime, timedelta

from django.db import connection

from hotline.intel import services, tasks
from hotline.intel.models import CollectionEntry
from hotline.node import schedule
from tests.factories import sdo

INDEXES = ("intel_entry_type", "intel_entry_latest", "intel_entry_latest_type")


def _statistics() -> dict[str, str]:
    """The row count each index of the collection entries is planned with."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # ANALYZE sets the table's row estimate (transactionally)
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'intel_collectionentry'")
            (rows,) = cursor.fetchone()
            return {index: str(int(rows)) for index in INDEXES}
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchall():
            return {}
        cursor.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'intel_collectionentry'")
        return dict(cursor.fetchall())


def test_the_statistics_job_is_scheduled_every_fifteen_minutes(db):
    t0 = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)

    first = schedule.enqueue_due(t0)
    within = schedule.enqueue_due(t0 + timedelta(minutes=14))
    after = schedule.enqueue_due(t0 + timedelta(minutes=15))

    assert "intel-statistics" in first
    assert "intel-statistics" not in within
    assert "intel-statistics" in after


def test_the_job_records_statistics_for_every_index_of_the_entries(db):
    collection = services.create_collection("c", "C")
    services.add_objects(collection, [sdo("indicator") for _ in range(40)])

    assert tasks.update_statistics.call() is True

    recorded = _statistics()
    rows = str(CollectionEntry.objects.count())
    for index in INDEXES:
        assert recorded[index].split()[0] == rows  # sqlite_stat1 starts with the row count
