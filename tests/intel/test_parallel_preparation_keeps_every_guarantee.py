"""Objects prepared (validated, canonicalised) in a second process while the first writes: the same outcome,
in the same order, as preparing everything in one process, and every guarantee of the store kept."""

from hotline.intel import services
from hotline.intel.models import CollectionEntry, StixObject
from tests.factories import sco, sdo


def _submission():
    """Four chunks of 10: valid objects, invalid ones, a later version of an object of the first chunk in
    the third, a conflicting duplicate inside one chunk, and versionless SCOs."""
    first = sdo(name="first version")
    objects = []
    for i in range(40):
        if i == 0:
            objects.append(first)
        elif i == 25:
            objects.append({**first, "modified": "2025-06-19T09:00:00.000Z", "name": "second version"})
        elif i % 7 == 3:
            bad = sdo("indicator")
            del bad["pattern"]
            objects.append(bad)
        elif i % 9 == 4:
            objects.append(sco(f"host{i}.example"))
        else:
            objects.append(sdo("campaign"))
    clash = sdo()
    objects[12:12] = [clash, {**clash, "name": "same id and version, other content"}]
    return objects, first


def test_parallel_outcome_is_the_serial_outcome_object_by_object(db):
    assert services._can_fork(), "this machine runs the parallel path (two CPUs, fork, one thread)"
    objects, _ = _submission()
    serial = services._prepare_chunk(objects)

    result = services.add_objects(services.create_collection("c", "C"), objects, chunk_size=10, parallel=True)

    assert [o.id for o in result.failures] == [o.id for o in serial.failures]
    assert [o.message for o in result.failures] == [o.message for o in serial.failures]
    assert [o.id for o in result.successes] == [key[0] for key in serial.order]
    assert len(result.successes) + len(result.failures) == len(objects)
    assert len(result.failures) == 7  # six without a pattern, one clashing duplicate


def test_parallel_ingest_keeps_every_version_with_flags_and_increasing_date_added(db):
    collection = services.create_collection("c", "C")
    objects, first = _submission()

    result = services.add_objects(collection, objects, chunk_size=10, parallel=True)

    versions = CollectionEntry.objects.filter(collection=collection, stix_id=first["id"]).order_by("version")
    assert [(e.is_first, e.is_latest) for e in versions] == [(True, False), (False, True)]
    added = list(
        CollectionEntry.objects.filter(collection=collection)
        .order_by("pk")
        .values_list("date_added", flat=True)
    )
    assert added == sorted(added) and len(set(added)) == len(added)
    assert CollectionEntry.objects.filter(collection=collection).count() == len(result.successes)
    assert StixObject.objects.count() == len(result.successes)
    refused = {f.id for f in result.failures}
    assert not StixObject.objects.filter(stix_id__in=refused - {objects[12]["id"]}).exists()


def test_parallel_and_serial_store_the_same_bodies(db):
    objects, _ = _submission()
    services.add_objects(services.create_collection("p", "P"), objects, chunk_size=10, parallel=True)
    parallel = dict(StixObject.objects.values_list("stix_id", "body"))
    CollectionEntry.objects.all().delete()
    StixObject.objects.all().delete()

    services.add_objects(services.create_collection("s", "S"), objects, chunk_size=10, parallel=False)

    assert dict(StixObject.objects.values_list("stix_id", "body")) == parallel
