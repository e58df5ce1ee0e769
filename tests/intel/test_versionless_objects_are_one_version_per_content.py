"""Objects without `modified` or `created` (most SCOs) have no version of their own: each distinct content is
stored once, and two contents of one id are two stored versions (the unique index on (stix_id, version) lets
their null versions coexist)."""

from hotline.intel import services
from hotline.intel.models import CollectionEntry, StixObject
from hotline.stix import format_timestamp
from tests.factories import sco


def test_two_contents_of_one_versionless_id_are_two_versions_and_a_repeat_is_neither(db):
    collection = services.create_collection("c", "C")
    first = sco("propaganda.example")
    second = {**first, "value": "recruiting.example"}

    services.add_objects(collection, [first])
    result = services.add_objects(collection, [second, dict(first)])

    assert len(result.successes) == 2 and not result.failures
    stored = StixObject.objects.filter(stix_id=first["id"])
    assert stored.count() == 2 and set(stored.values_list("version", flat=True)) == {None}
    entries = CollectionEntry.objects.filter(collection=collection, stix_id=first["id"]).order_by(
        "date_added"
    )
    assert entries.count() == 2
    # The later content is the latest version; its version is its date_added in the collection.
    assert [e.is_latest for e in entries] == [False, True]
    assert entries[1].version == entries[1].date_added
    # Each is reported with that version: the new content's date_added, and the repeat's earlier one.
    assert [(o.id, o.version) for o in result.successes] == [
        (first["id"], format_timestamp(entries[1].version)),
        (first["id"], format_timestamp(entries[0].version)),
    ]
