"""A different object under an id and version already stored is a failure; the stored one stays as it was
(a changed object needs a newer `modified`)."""

from tests.taxii.support import envelope, indicator, when


def test_same_id_and_modified_with_other_content_fails(node, intel):
    original = indicator(name="Original")
    intel.add_objects(envelope(original))
    before = intel.get_manifest(id=original["id"], version="all")["objects"]

    changed = {**original, "name": "Tampered"}
    status = intel.add_objects(envelope(changed))
    assert (status.status, status.success_count, status.failure_count) == ("complete", 0, 1)
    failure = status.failures[0]
    assert failure["id"] == original["id"]
    assert when(failure["version"]) == when(original["modified"])
    assert failure["message"]

    assert intel.get_object(original["id"], version="all")["objects"] == [original]
    assert intel.get_manifest(id=original["id"], version="all")["objects"] == before


def test_a_newer_modified_is_a_new_version(node, intel):
    original = indicator(name="Original")
    newer = {**original, "name": "Updated", "modified": "2024-05-01T00:00:00.000Z"}
    intel.add_objects(envelope(original))
    assert intel.add_objects(envelope(newer)).success_count == 1
    assert intel.get_object(original["id"])["objects"] == [newer]
    assert intel.get_object(original["id"], version="first")["objects"] == [original]


def test_same_id_and_modified_with_other_content_in_one_envelope_fails(node, intel):
    original = indicator(name="Original")
    changed = {**original, "name": "Tampered"}
    status = intel.add_objects(envelope(original, changed))
    assert intel.get_object(original["id"], version="all")["objects"] == [original]
    assert (status.success_count, status.failure_count) == (1, 1)
    assert status.failures[0]["id"] == original["id"]


def test_a_conflicting_object_sent_twice_is_two_failures(node, intel):
    original = indicator(name="Original")
    intel.add_objects(envelope(original))
    changed = {**original, "name": "Tampered"}
    status = intel.add_objects(envelope(changed, changed))
    assert status.status == "complete"
    assert (status.success_count, status.failure_count, status.pending_count) == (0, 2, 0)
