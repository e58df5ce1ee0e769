"""A page of objects is answered from SQL compiled once per filter shape, with only the values replaced
(`queries.prepared_object_bodies`): every filter, with new values at each request, gives exactly the rows
of the ORM query, for each actor's view of a collection (the policy's part of the query stays in it)."""

from datetime import UTC, datetime

from hotline.access import policy
from hotline.intel import queries, services
from hotline.intel.models import Collection
from hotline.stix import markings
from tests.factories import sdo

NEWER = "2030-01-01T00:00:00.000Z"


def _store(collection):
    indicators = [sdo("indicator") for _ in range(30)]
    malware = [sdo("malware") for _ in range(10)]
    services.add_objects(collection, indicators + malware)
    services.add_objects(collection, [{**o, "modified": NEWER} for o in indicators[:5] + malware[:3]])
    return indicators, malware


def _filters(indicators, malware, middle):
    newer = datetime(2030, 1, 1, tzinfo=UTC)
    return [
        queries.EntryFilter(),
        queries.EntryFilter(types=("indicator",)),
        queries.EntryFilter(types=("malware",)),
        queries.EntryFilter(types=("malware", "indicator"), versions=(queries.ALL,)),
        queries.EntryFilter(added_after=middle),
        queries.EntryFilter(added_after=middle, types=("malware",)),
        queries.EntryFilter(after=middle, versions=(queries.FIRST, queries.LAST)),
        *[queries.EntryFilter(ids=(o["id"],)) for o in indicators[:3] + malware[:2]],
        *[queries.EntryFilter(ids=(o["id"],), versions=(queries.ALL,)) for o in indicators[:3]],
        queries.EntryFilter(ids=(indicators[0]["id"], malware[0]["id"], indicators[0]["id"])),
        queries.EntryFilter(ids=(indicators[1]["id"], malware[1]["id"])),
        queries.EntryFilter(ids=(indicators[0]["id"],), versions=(newer,)),
        queries.EntryFilter(ids=(indicators[9]["id"],), versions=(newer,)),
        queries.EntryFilter(spec_versions=("2.1",), types=("indicator",), versions=(queries.FIRST,)),
        queries.EntryFilter(spec_versions=("2.0",)),
        queries.EntryFilter(ids=("indicator--00000000-0000-4000-8000-000000000000",)),
    ]


def test_every_filter_gives_the_orm_rows_for_every_actor(actors):
    for alias in ("intel", "to-mps", "public"):
        collection = Collection.objects.get(alias=alias)
        indicators, malware = _store(collection)
        middle = queries.object_bodies(
            queries.select_entries(collection, queries.EntryFilter()), 20
        ).last_added
        for name, user in actors.items():
            base = policy.visible_entries(user, queries.collection_entries(collection))
            memo = {}
            for limit in (1, 7, 100):
                for spec in _filters(indicators, malware, middle):
                    expected = queries.object_bodies(queries.filter_entries(base, spec), limit)
                    prepared = queries.prepared_object_bodies(base, spec, limit, memo)
                    assert (prepared.rows, prepared.more) == (expected.rows, expected.more), (
                        alias,
                        name,
                        spec,
                    )
            assert memo and None not in memo.values()  # compiled once per shape, never the fallback


def test_the_policy_part_of_the_query_stays_in_the_prepared_sql(actors):
    collection = Collection.objects.get(alias="intel")
    _store(collection)
    marked = [
        sdo("indicator", object_marking_refs=[markings.TLP_MARKINGS[level]["id"]])
        for level in ("amber", "red")
    ]
    services.add_objects(collection, marked)
    seen = {}
    for name, user in actors.items():
        base = policy.visible_entries(user, queries.collection_entries(collection))
        for spec in (queries.EntryFilter(), queries.EntryFilter(ids=tuple(o["id"] for o in marked))):
            rows = queries.prepared_object_bodies(base, spec, 100, {}).rows
            assert rows == queries.object_bodies(queries.filter_entries(base, spec), 100).rows
            seen[name, len(spec.ids)] = len(rows)
    # TLP:AMBER is the home officer's to read, not the uncleared user's; TLP:RED is for named recipients.
    assert seen["alice", 2] == 1 and seen["charlie", 2] == 0
    assert seen["charlie", 0] < seen["alice", 0]
