"""Every look-up of collection entries by STIX id is answered from indexes (EXPLAIN QUERY PLAN), with and
without the planner's statistics. The entries table has no index keyed by the id (a random UUID puts each
new entry on a random leaf page, docs/benchmarks.md 3k): these look-ups go through the object table's
`(stix_id, version)` index and the entries' `obj_id`, and none may read a whole table instead."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hotline.access import policy, roles
from hotline.access.services import create_user, grant
from hotline.intel import queries, services
from hotline.intel.models import Collection, CollectionEntry, StixObject
from tests.intel.test_every_filter_is_an_index_search import _plan, _reads_a_whole_table, small_store

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="EXPLAIN QUERY PLAN is SQLite's")


@pytest.fixture
def store(db):
    return small_store()


def _reader(collection):
    reader = create_user("reader", roles.OFFICER, "correct-horse-battery-staple-42")
    grant(collection, user=reader, read=True, write=False)
    return reader


# Each takes the collection and ids of objects it holds; the answer is checked, so that the plan checked
# is that of a look-up that found something.
LOOK_UPS = {
    "held versions (a received page)": lambda c, ids: set(queries.held_versions(c, ids)[0]) == set(ids),
    "entry versions": lambda c, ids: {row[0] for row in queries.entry_versions(c, ids)} == set(ids),
    "collections holding an object": lambda c, ids: (
        queries.collections_holding(ids[0], Collection.objects.values("pk")) == [c]
    ),
    "latest versions within collections": lambda c, ids: (
        set(queries.latest_objects(ids, Collection.objects.filter(pk=c.pk))) == set(ids)
    ),
    "newer versions of members": lambda c, ids: queries.newer_versions_of_members(c, 0, 50)[1] > 0,
    "objects a user may see": lambda c, ids: policy.can_see_object_ids(_reader(c), ids) == set(ids),
    "a TAXII DELETE re-flags what remains": lambda c, ids: (
        services.remove_object(
            c, queries.with_ids(queries.collection_entries(c), ids[:1]).filter(is_latest=True)
        )
        == 1
    ),
    "a purge by retention": lambda c, ids: {i for i, _ in services.purge_objects(ids[:2])} == set(ids[:2]),
}


def stored_ids(collection, count: int) -> list[str]:
    """Ids of objects with two versions in the collection (the store fixture updates its first twenty)."""
    entries = CollectionEntry.objects.filter(collection=collection, is_first=False)
    return list(entries.order_by("date_added").values_list("stix_id", flat=True)[:count])


def plans_of(look_up, collection, ids, *, explain=_plan) -> list[tuple]:
    with CaptureQueriesContext(connection) as run:
        assert look_up(collection, ids)
    statements = [q["sql"] for q in run.captured_queries]
    on_entries = [sql for sql in statements if "intel_collectionentry" in sql and "INSERT" not in sql]
    assert on_entries
    return [(sql, explain(sql, ())) for sql in on_entries if sql.startswith(("SELECT", "UPDATE", "DELETE"))]


@pytest.mark.parametrize("statistics", [False, True], ids=["no statistics", "with statistics"])
@pytest.mark.parametrize("name", list(LOOK_UPS))
def test_each_look_up_by_id_reads_indexes_only(store, name, statistics):
    if statistics:
        assert services.update_statistics()
    ids = stored_ids(store, 5)
    assert StixObject.objects.filter(stix_id__in=ids).count() == 10

    for sql, plan in plans_of(LOOK_UPS[name], store, ids):
        # The collections table has a row per collection, not per object: reading it whole is cheap.
        whole = [step for step in _reads_a_whole_table(plan) if step != "SCAN intel_collection"]
        assert not whole, (sql, plan)
