"""Objects prepared (validated, canonicalised) in a second process while the first writes: the same outcome,
in the same order, as preparing everything in one process, and every guarantee of the store kept."""

from hotline.intel import services
from hotline.intel.models import CollectionEntry, StixObject
from tests.factories import mixed_submission


def test_parallel_outcome_is_the_serial_outcome_object_by_object(db):
    assert services._can_fork(), "this machine runs the parallel path (two CPUs, fork, one thread)"
    objects, _ = mixed_submission()
    serial = services._prepare_chunk(objects)

    result = services.add_objects(services.create_collection("c", "C"), objects, chunk_size=10, parallel=True)

    assert [o.id for o in result.failures] == [o.id for o in serial.failures]
    assert [o.message for o in result.failures] == [o.message for o in serial.failures]
    assert [o.id for o in result.successes] == [key[0] for key in serial.order]
    assert len(result.successes) + len(result.failures) == len(objects)
    assert len(result.failures) == 7  # six without a pattern, one clashing duplicate


def test_parallel_ingest_keeps_every_version_with_flags_and_increasing_date_added(db):
    collection = services.create_collection("c", "C")
    objects, first = mixed_submission()

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
    objects, _ = mixed_submission()
    services.add_objects(services.create_collection("p", "P"), objects, chunk_size=10, parallel=True)
    # Every version's body (a set of pairs: the database returns rows in no set order, and an id has two).
    parallel = set(StixObject.objects.values_list("stix_id", "body"))
    CollectionEntry.objects.all().delete()
    StixObject.objects.all().delete()

    services.add_objects(services.create_collection("s", "S"), objects, chunk_size=10, parallel=False)

    assert set(StixObject.objects.values_list("stix_id", "body")) == parallel
    assert StixObject.objects.count() == len(parallel)
