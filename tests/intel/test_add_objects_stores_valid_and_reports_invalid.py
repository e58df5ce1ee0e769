from hotline.intel import services
from hotline.intel.models import CollectionEntry, StixObject
from tests.factories import sdo


def test_valid_objects_are_stored_and_invalid_ones_reported_by_id(db):
    collection = services.create_collection("c", "C")
    good = sdo()
    bad = sdo("indicator")
    del bad["pattern"]

    result = services.add_objects(collection, [good, bad, "not an object"])

    assert [s.id for s in result.successes] == [good["id"]]
    assert [f.id for f in result.failures] == [bad["id"], None]
    assert "pattern" in result.failures[0].message
    assert result.failures[0].version == bad["modified"]
    assert set(StixObject.objects.values_list("stix_id", flat=True)) == {good["id"]}
    assert CollectionEntry.objects.filter(collection=collection).count() == 1


def test_the_same_object_twice_is_one_object(db):
    collection = services.create_collection("c", "C")
    obj = sdo()

    services.add_objects(collection, [obj])
    again = services.add_objects(collection, [obj, dict(obj)])

    assert len(again.successes) == 2 and not again.failures
    assert StixObject.objects.filter(stix_id=obj["id"]).count() == 1
    assert CollectionEntry.objects.filter(stix_id=obj["id"]).count() == 1


def test_same_version_with_other_content_is_refused_and_the_stored_one_kept(db):
    collection = services.create_collection("c", "C")
    obj = sdo(name="original")
    services.add_objects(collection, [obj])

    result = services.add_objects(collection, [{**obj, "name": "tampered"}])

    assert result.failures and "already stored" in result.failures[0].message
    assert '"original"' in StixObject.objects.get(stix_id=obj["id"]).body


def test_one_stored_version_joins_a_second_collection_without_a_copy(db):
    first = services.create_collection("a", "A")
    second = services.create_collection("b", "B")
    obj = sdo()

    services.add_objects(first, [obj])
    services.add_objects(second, [obj])

    assert StixObject.objects.filter(stix_id=obj["id"]).count() == 1
    assert CollectionEntry.objects.filter(stix_id=obj["id"]).count() == 2
