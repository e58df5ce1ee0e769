"""An envelope where some objects are invalid: each failure is reported by id and version with a reason,
the valid objects are stored, and nothing else changes (conventions: "a bad STIX object in a bundle of 1,000
is reported by id; the other 999 are handled as the spec says")."""

from tests.taxii.support import envelope, indicator, ipv4, malware, when


def test_invalid_objects_are_reported_and_the_rest_stored(node, new_collection):
    collection = new_collection(node)
    existing = malware(name="Already here")
    collection.add_objects(envelope(existing))
    manifest_before = collection.get_manifest(version="all")["objects"]

    good_1, good_2, good_sco = indicator(), indicator(), ipv4("192.0.2.9")
    no_pattern = indicator()
    del no_pattern["pattern"]
    bad_timestamp = indicator(modified="yesterday")
    modified_before_created = indicator(modified="2023-01-01T00:00:00.000Z")
    wrong_spec = {**indicator(), "spec_version": "2.0"}
    conflicting = {**existing, "name": "Overwritten"}
    unknown_type = {
        "type": "not-a-stix-type",
        "spec_version": "2.1",
        "id": "not-a-stix-type--0d0c5e4e-1f3f-4b1e-8c6e-0c6e2d1c2b3a",
    }
    bad = [no_pattern, bad_timestamp, modified_before_created, wrong_spec, conflicting, unknown_type]
    submitted = [good_1, *bad[:3], good_2, *bad[3:], good_sco, "not an object", {"type": "indicator"}]

    status = collection.add_objects(envelope(*submitted))
    assert status.status == "complete"
    assert (status.total_count, status.success_count, status.failure_count) == (
        len(submitted),
        3,
        len(bad) + 2,
    )
    assert {s["id"] for s in status.successes} == {good_1["id"], good_2["id"], good_sco["id"]}

    failures = {f["id"]: f for f in status.failures if f["id"]}
    assert set(failures) == {o["id"] for o in bad}
    for obj in bad:
        assert failures[obj["id"]]["message"]
    for obj in (no_pattern, modified_before_created, wrong_spec, conflicting):
        assert when(failures[obj["id"]]["version"]) == when(obj["modified"])
    assert sum(1 for f in status.failures if not f["id"]) == 2

    # Re-read everything: the valid ones were added after what was there; nothing else changed.
    manifest_after = collection.get_manifest(version="all")["objects"]
    assert manifest_after[: len(manifest_before)] == manifest_before
    assert {e["id"] for e in manifest_after[len(manifest_before) :]} == {
        good_1["id"],
        good_2["id"],
        good_sco["id"],
    }
    assert collection.get_object(existing["id"], version="all")["objects"] == [existing]
    stored = collection.get_objects(version="all")["objects"]
    assert sorted(stored, key=lambda o: o["id"]) == sorted(
        [existing, good_1, good_2, good_sco], key=lambda o: o["id"]
    )
