"""The query planner's statistics are taken again when an add leaves a store table more than twice as large as
they say (SQLite). Taken on a new node's near-empty store, they made SQLite read the whole object table for
each look-up of stored versions (TAXII POST fell from 7,400 to 860 objects/s on the way to 1,000,000) and sort
every matching row of an officer's `type` + `added_after` page (146 ms): docs/benchmarks.md, 3i."""

from datetime import timedelta

import pytest
from django.db import connection

from hotline.access import policy
from hotline.intel import queries, services
from hotline.intel.models import CollectionEntry
from tests.factories import sdo

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's statistics and plans")


def _counted(table: str) -> int:
    """The size of a table according to the statistics (0: none taken)."""
    return (services.statistics_row_counts([table]) or {table: 0})[table]


def _plan(sql: str, params) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[-1] for row in cursor.fetchall()]


def _version_lookup_plan() -> list[str]:
    ids = [f"indicator--00000000-0000-4000-8000-{i:012d}" for i in range(1000)]
    marks = ", ".join(["%s"] * len(ids))
    return _plan(f"SELECT id, version FROM intel_stixobject WHERE stix_id IN ({marks})", ids)  # noqa: S608


def _officers_page_plan(collection, officer) -> list[str]:
    middle = CollectionEntry.objects.order_by("date_added")[600].date_added - timedelta(microseconds=1)
    spec = queries.EntryFilter(added_after=middle, types=("indicator",))
    entries = queries.filter_entries(
        policy.visible_entries(officer, queries.collection_entries(collection)), spec
    )
    return _plan(*entries.values_list("date_added", "obj__body")[:101].query.sql_with_params())


def _assert_plans_read_indexes(collection, officer) -> None:
    lookup = _version_lookup_plan()
    assert any("intel_stixobject USING" in step for step in lookup), lookup
    page = _officers_page_plan(collection, officer)
    assert any("intel_collectionentry USING" in step for step in page), page
    assert not any("TEMP B-TREE" in step for step in page), page


@pytest.fixture
def young_store(db):
    """A collection of five objects whose statistics were taken then, as on a new node."""
    collection = services.create_collection("c", "C")
    services.add_objects(collection, [sdo("indicator") for _ in range(5)])
    assert services.update_statistics()
    return collection


def test_an_add_that_more_than_doubles_the_store_takes_the_statistics_again(young_store, actors):
    services.add_objects(young_store, [sdo("indicator") for _ in range(1200)])

    assert _counted("intel_stixobject") > 1000 and _counted("intel_collectionentry") > 1000
    _assert_plans_read_indexes(young_store, actors["alice"])


def test_statistics_taken_on_an_empty_store_are_taken_again(db, actors):
    assert services.update_statistics()
    collection = services.create_collection("c", "C")

    services.add_objects(collection, [sdo("indicator") for _ in range(1200)])

    assert _counted("intel_stixobject") > 1000 and _counted("intel_collectionentry") > 1000
    _assert_plans_read_indexes(collection, actors["alice"])


def test_a_small_add_leaves_the_statistics_as_they_are(young_store):
    before = _counted("intel_stixobject"), _counted("intel_collectionentry")

    services.add_objects(young_store, [sdo("indicator") for _ in range(20)])

    assert (_counted("intel_stixobject"), _counted("intel_collectionentry")) == before
    assert not services.update_statistics_if_grown()


def test_a_node_without_statistics_keeps_the_planners_defaults(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is not None:
            cursor.execute("DELETE FROM sqlite_stat1")
    collection = services.create_collection("c", "C")

    services.add_objects(collection, [sdo("indicator") for _ in range(1200)])

    assert _counted("intel_stixobject") == 0 and _counted("intel_collectionentry") == 0
