"""The query planner's statistics are taken again when an add leaves the store more than twice as large as
they say (SQLite). Taken on a near-empty node, they made SQLite sort every matching row of a `type` +
`added_after` page, as an officer asks for it (access policy included), instead of reading the index in
order: 146 ms at 1,000,000 objects (docs/benchmarks.md, 3i)."""

from datetime import timedelta

import pytest
from django.db import connection

from hotline.access import policy
from hotline.intel import queries, services
from hotline.intel.models import CollectionEntry
from tests.factories import sdo

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's statistics and plans")


def _counted() -> int:
    """The size of the collection entries according to the statistics (0: none taken)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return 0
        cursor.execute(
            "SELECT max(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl = 'intel_collectionentry'"
        )
        return cursor.fetchone()[0] or 0


def _officers_page_plan(collection, officer) -> list[str]:
    middle = CollectionEntry.objects.order_by("date_added")[600].date_added - timedelta(microseconds=1)
    spec = queries.EntryFilter(added_after=middle, types=("indicator",))
    entries = queries.filter_entries(
        policy.visible_entries(officer, queries.collection_entries(collection)), spec
    )
    sql, params = entries.values_list("date_added", "obj__body")[:101].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[-1] for row in cursor.fetchall()]


@pytest.fixture
def young_store(db):
    """A collection of five objects whose statistics were taken then, as on a new node."""
    collection = services.create_collection("c", "C")
    services.add_objects(collection, [sdo("indicator") for _ in range(5)])
    assert services.update_statistics()
    return collection


def test_an_add_that_more_than_doubles_the_store_takes_the_statistics_again(young_store, actors):
    services.add_objects(young_store, [sdo("indicator") for _ in range(1200)])

    assert _counted() > 1000
    plan = _officers_page_plan(young_store, actors["alice"])
    assert any("intel_collectionentry USING" in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan


def test_a_small_add_leaves_the_statistics_as_they_are(young_store):
    before = _counted()

    services.add_objects(young_store, [sdo("indicator") for _ in range(20)])

    assert _counted() == before
    assert not services.update_statistics_if_grown()


def test_a_node_without_statistics_keeps_the_planners_defaults(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is not None:
            cursor.execute("DELETE FROM sqlite_stat1")
    collection = services.create_collection("c", "C")

    services.add_objects(collection, [sdo("indicator") for _ in range(1200)])

    assert _counted() == 0
