"""PostgreSQL's twin of test_every_filter_is_an_index_search.py: every TAXII filter, and every look-up of the
ingest path, is answered from an index (EXPLAIN (FORMAT JSON)) once the planner has statistics of a store
big enough for a whole-table read to cost more than an index search. PostgreSQL reads a small table whole
because that is cheaper, so the store here holds 100,000 entries of another collection beside the one
under test, as a node's does."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hotline import stix
from hotline.intel import queries, services, text
from hotline.intel.models import CollectionEntry, StixObject
from tests.factories import sdo
from tests.intel.test_every_filter_is_an_index_search import FILTERS
from tests.intel.test_every_look_up_by_id_uses_an_index import LOOK_UPS, plans_of, stored_ids

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="EXPLAIN (FORMAT JSON) is PostgreSQL's"
)

STORE_TABLES = {"intel_collectionentry", "intel_stixobject"}


FILLER = 100_000

# Rows of other collections, written straight into the tables (validating 100,000 objects through the store
# would take minutes): object versions of several types, added over the same moments as the collection under
# test, as collections filled side by side are. Each row's date_added is its version plus its id in
# microseconds: both grow with the row, so no two rows of the collection share one (a unique key).
FILLER_OBJECTS = """
INSERT INTO intel_stixobject
    (stix_id, type, spec_version, version, created, modified, revoked, created_by_ref, tlp,
     content_hash, body, stored_at)
SELECT kind || '--' || gen_random_uuid(), kind, '2.1', moment, moment, moment, false, '', '', md5(i::text),
       json_build_object('type', kind, 'name', repeat(md5(i::text), 8))::text, moment
FROM (SELECT i, (ARRAY['indicator', 'malware', 'domain-name', 'relationship'])[1 + i %% 4] AS kind,
             %(first)s::timestamptz + (%(last)s::timestamptz - %(first)s::timestamptz) * i / %(n)s AS moment
      FROM generate_series(1, %(n)s) AS i) AS filler
"""
FILLER_ENTRIES = """
INSERT INTO intel_collectionentry
    (collection_id, obj_id, stix_id, type, spec_version, version, date_added, is_first, is_latest)
SELECT %(collection)s, id, stix_id, type, spec_version, version,
       version + id * interval '1 microsecond', true, true
FROM intel_stixobject WHERE id > %(after)s
"""


@pytest.fixture(scope="module")
def _big_store(django_db_setup, django_db_blocker):
    """Built once for the module and committed, so removed at the end; each test runs in a transaction of
    its own on top of it."""
    with django_db_blocker.unblock():
        before = StixObject.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        collection = services.create_collection("c", "C")
        other = services.create_collection("other", "Other")
        try:
            objects = [sdo("indicator") for _ in range(1500)] + [sdo("malware") for _ in range(500)]
            services.add_objects(collection, objects)
            newer = [{**o, "modified": "2030-01-01T00:00:00.000Z"} for o in objects[:200]]
            services.add_objects(collection, newer)
            added = CollectionEntry.objects.filter(collection=collection).order_by("date_added")
            after = StixObject.objects.order_by("-pk").values_list("pk", flat=True).first()
            with connection.cursor() as cursor:
                span = {"first": added.first().date_added, "last": added.last().date_added, "n": FILLER}
                cursor.execute(FILLER_OBJECTS, span)
                cursor.execute(FILLER_ENTRIES, {"collection": other.pk, "after": after})
            assert services.update_statistics()
            yield collection
        finally:  # also when building it failed: the rows are committed, later tests must not see them
            with connection.cursor() as cursor:
                cursor.execute(
                    "DELETE FROM intel_collectionentry WHERE collection_id IN (%s, %s)",
                    (collection.pk, other.pk),
                )
                cursor.execute("DELETE FROM intel_stixobject WHERE id > %s", (before,))
            collection.delete()
            other.delete()


@pytest.fixture
def store(db, _big_store):
    _big_store.refresh_from_db()
    return _big_store


def _plan(sql: str, params) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        return cursor.fetchone()[0][0]["Plan"]


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", ()):
        yield from _nodes(child)


def _whole_table_reads(plan: dict) -> list[str]:
    return [
        node["Relation Name"]
        for node in _nodes(plan)
        if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in STORE_TABLES
    ]


def _page_plan(collection, spec) -> dict:
    if isinstance(spec, str):
        entries = CollectionEntry.objects.filter(collection=collection).order_by("date_added")
        middle = entries[1000].date_added - timedelta(microseconds=1)
        types = ("indicator",) if spec.startswith("type") else ()
        spec = queries.EntryFilter(added_after=middle, types=types)
    entries = queries.select_entries(collection, spec)
    return _plan(*entries.values_list("date_added", "obj__body")[:101].query.sql_with_params())


@pytest.mark.parametrize("name", list(FILTERS))
def test_each_filter_reads_its_page_from_an_index(store, name):
    plan = _page_plan(store, FILTERS[name])

    assert not _whole_table_reads(plan), plan
    entry_reads = [node for node in _nodes(plan) if node.get("Relation Name") == "intel_collectionentry"]
    assert entry_reads and all("Index" in node["Node Type"] for node in entry_reads), plan
    # The selective part of the filter is looked up in the index, not checked row by row.
    looked_up = " ".join(node.get("Index Cond", "") for node in entry_reads)
    if name.startswith("id"):
        # In the object table's index: no index of the entries is keyed by the random id (3k).
        assert "stix_id" in " ".join(node.get("Index Cond", "") for node in _nodes(plan)), plan
    elif "type" in name:
        assert "type" in looked_up, plan
    if not name.startswith("id"):
        # A page is read in date_added order straight from the index, never sorted.
        assert not any(node["Node Type"] == "Sort" for node in _nodes(plan)), plan


def test_every_query_of_an_ingest_uses_an_index(store):
    stored = [
        stix.loads(body)
        for body in StixObject.objects.filter(entries__collection=store).values_list("body", flat=True)[:30]
    ]
    again = stored[:10] + [{**o, "modified": "2031-01-01T00:00:00.000Z"} for o in stored[10:]]

    with CaptureQueriesContext(connection) as run:
        result = services.add_objects(store, again)

    assert len(result.successes) == 30 and not result.failures
    reads = [q["sql"] for q in run.captured_queries if q["sql"].startswith(("SELECT", "UPDATE"))]
    assert any("intel_stixobject" in sql for sql in reads) and any("is_latest" in sql for sql in reads)
    for sql in reads:
        plan = _plan(sql, ())
        assert not _whole_table_reads(plan), (sql, plan)


@pytest.mark.parametrize("name", list(LOOK_UPS))
def test_each_look_up_by_id_reads_indexes_only(store, name):
    ids = stored_ids(store, 5)

    for sql, plan in plans_of(LOOK_UPS[name], store, ids, explain=_plan):
        assert not _whole_table_reads(plan), (sql, plan)


@pytest.mark.parametrize("query", ["nowhere", "xyzzy plugh"])
def test_a_word_search_is_looked_up_in_the_full_text_index(store, query):
    entries = text.containing_words(queries.collection_entries(store).filter(is_latest=True), query)

    plan = _plan(*entries.values_list("stix_id", flat=True)[:200].query.sql_with_params())

    assert "intel_object_text" in {node.get("Index Name") for node in _nodes(plan)}, plan
    assert "intel_stixobject" not in _whole_table_reads(plan), plan
