from hotline.intel import queries, services
from hotline.intel.models import CollectionEntry
from tests.factories import sdo


def _flags(collection, stix_id):
    rows = CollectionEntry.objects.filter(collection=collection, stix_id=stix_id).order_by("version")
    return [(e.is_first, e.is_latest) for e in rows]


def test_newer_version_becomes_latest_and_oldest_stays_first(db):
    collection = services.create_collection("c", "C")
    v1 = sdo(modified="2025-06-18T09:00:00.000Z")
    v2 = {**v1, "modified": "2025-06-19T09:00:00.000Z", "name": "renamed"}
    v3 = {**v1, "modified": "2025-06-20T09:00:00.000Z", "name": "renamed again"}

    services.add_objects(collection, [v1])
    services.add_objects(collection, [v3])
    services.add_objects(collection, [v2])  # arrives late: must not become latest

    assert _flags(collection, v1["id"]) == [(True, False), (False, False), (False, True)]


def test_versions_in_one_batch_get_flags_right(db):
    collection = services.create_collection("c", "C")
    v1 = sdo(modified="2025-06-18T09:00:00.000Z")
    v2 = {**v1, "modified": "2025-06-19T09:00:00.000Z", "name": "new"}

    services.add_objects(collection, [v2, v1])

    assert _flags(collection, v1["id"]) == [(True, False), (False, True)]


def test_removing_the_latest_version_makes_the_previous_one_latest(db):
    collection = services.create_collection("c", "C")
    v1 = sdo(modified="2025-06-18T09:00:00.000Z")
    v2 = {**v1, "modified": "2025-06-19T09:00:00.000Z", "name": "new"}
    services.add_objects(collection, [v1, v2])

    latest = queries.select_entries(
        collection, queries.EntryFilter(ids=(v1["id"],), versions=(queries.LAST,))
    )
    services.remove_object(collection, latest)

    assert _flags(collection, v1["id"]) == [(True, True)]
