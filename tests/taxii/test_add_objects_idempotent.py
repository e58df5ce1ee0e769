"""Receiving is idempotent: the same object posted again (in another POST or in the same one) is stored once,
reported as a success, and keeps its date_added (medallion's test_object_already_present)."""

from tests.taxii.support import envelope, indicator, ipv4, post


def _manifest(collection, stix_id):
    return collection.get_manifest(id=stix_id, version="all")["objects"]


def test_posting_the_same_object_again_stores_it_once(node, intel):
    obj = indicator()
    intel.add_objects(envelope(obj))
    before = _manifest(intel, obj["id"])
    again = intel.add_objects(envelope(obj))
    assert (again.success_count, again.failure_count) == (1, 0)
    assert [s["id"] for s in again.successes] == [obj["id"]]
    assert _manifest(intel, obj["id"]) == before
    assert len(intel.object_versions(obj["id"])["versions"]) == 1


def test_the_same_object_twice_in_one_envelope_is_stored_once(node, intel):
    obj = indicator()
    status = intel.add_objects(envelope(obj, obj))
    assert (status.total_count, status.failure_count) == (2, 0)
    assert len(_manifest(intel, obj["id"])) == 1
    assert intel.get_objects(id=obj["id"], version="all")["objects"] == [obj]


def test_a_sco_posted_again_is_stored_once(node, intel):
    sco = ipv4("192.0.2.77")
    intel.add_objects(envelope(sco))
    before = _manifest(intel, sco["id"])
    assert intel.add_objects(envelope(sco)).failure_count == 0
    assert _manifest(intel, sco["id"]) == before


def test_a_repeat_adds_nothing_after_the_last_date_added(node, new_collection):
    collection = new_collection(node)
    objects = [indicator(), indicator(), ipv4("192.0.2.78")]
    collection.add_objects(envelope(*objects))
    before = collection.get_manifest(version="all")["objects"]
    response = post(collection.url + "objects/", envelope(*objects))
    assert response.json()["success_count"] == 3
    assert collection.get_manifest(version="all")["objects"] == before
    assert collection.get_objects(added_after=before[-1]["date_added"]) == {"more": False}
