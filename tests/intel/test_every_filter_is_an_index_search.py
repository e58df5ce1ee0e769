"""Every TAXII filter, and every look-up of the ingest path, is answered from an index (EXPLAIN QUERY PLAN),
with and without the planner's statistics: the store has as few indexes as it can afford (each is a B-tree
insert per object), so none of these may fall back to reading a whole table."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hotline import stix
from hotline.intel import queries, services
from hotline.intel.models import CollectionEntry, StixObject
from tests.factories import sdo

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="EXPLAIN QUERY PLAN is SQLite's")

FILTERS = {
    "latest": queries.EntryFilter(),
    "type": queries.EntryFilter(types=("indicator",)),
    "added_after": "added_after",
    "type and added_after": "type and added_after",
    "id": queries.EntryFilter(ids=("malware--00000000-0000-4000-8000-000000000000",)),
    "id, all versions": queries.EntryFilter(
        ids=("malware--00000000-0000-4000-8000-000000000000",), versions=(queries.ALL,)
    ),
    "all versions": queries.EntryFilter(versions=(queries.ALL,)),
    "first versions of a type": queries.EntryFilter(types=("malware",), versions=(queries.FIRST,)),
    "all versions of a type": queries.EntryFilter(types=("malware",), versions=(queries.ALL,)),
}


def small_store():
    """200 objects of two types in one collection, the first 20 of them in two versions."""
    collection = services.create_collection("c", "C")
    objects = [sdo("indicator") for _ in range(150)] + [sdo("malware") for _ in range(50)]
    services.add_objects(collection, objects)
    newer = [{**o, "modified": "2030-01-01T00:00:00.000Z"} for o in objects[:20]]
    services.add_objects(collection, newer)
    collection.refresh_from_db()
    return collection


@pytest.fixture
def store(db):
    return small_store()


def _plan(sql: str, params) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[-1] for row in cursor.fetchall()]


def _page_plan(collection, spec) -> list[str]:
    if isinstance(spec, str):
        middle = CollectionEntry.objects.order_by("date_added")[100].date_added - timedelta(microseconds=1)
        types = ("indicator",) if spec.startswith("type") else ()
        spec = queries.EntryFilter(added_after=middle, types=types)
    entries = queries.select_entries(collection, spec)
    return _plan(*entries.values_list("date_added", "obj__body")[:101].query.sql_with_params())


# SQLite's own catalog (the schema, the planner's statistics: a row per table or index, however large the
# store) is read whole; the check after an add that the statistics are not outgrown reads it.
_CATALOG = ("SCAN sqlite_master", "SCAN sqlite_stat1")


def _reads_a_whole_table(plan: list[str]) -> list[str]:
    return [step for step in plan if step.startswith("SCAN") and "USING" not in step and step not in _CATALOG]


@pytest.mark.parametrize("statistics", [False, True], ids=["no statistics", "with statistics"])
@pytest.mark.parametrize("name", list(FILTERS))
def test_each_filter_reads_its_page_from_an_index(store, name, statistics):
    if statistics:
        assert services.update_statistics()

    plan = _page_plan(store, FILTERS[name])

    assert not _reads_a_whole_table(plan), plan
    assert any("intel_collectionentry USING" in step for step in plan), plan
    if not name.startswith("id"):
        # A page is read in date_added order straight from the index, never sorted.
        assert not any("TEMP B-TREE" in step for step in plan), plan


@pytest.mark.parametrize("statistics", [False, True], ids=["no statistics", "with statistics"])
def test_every_query_of_an_ingest_uses_an_index(store, statistics):
    if statistics:
        assert services.update_statistics()
    stored = [stix.loads(body) for body in StixObject.objects.values_list("body", flat=True)[:30]]
    again = stored[:10] + [{**o, "modified": "2031-01-01T00:00:00.000Z"} for o in stored[10:]]

    with CaptureQueriesContext(connection) as run:
        result = services.add_objects(store, again)

    assert len(result.successes) == 30 and not result.failures
    reads = [q["sql"] for q in run.captured_queries if q["sql"].startswith(("SELECT", "UPDATE"))]
    assert any("intel_stixobject" in sql for sql in reads) and any("is_latest" in sql for sql in reads)
    for sql in reads:
        plan = _plan(sql, ())
        assert not _reads_a_whole_table(plan), (sql, plan)
