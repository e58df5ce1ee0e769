"""Add Objects (TAXII 2.1 section 5.4) with taxii2-client: the status resource, and what gets stored."""

import uuid

from tests.live import TAXII
from tests.taxii.support import envelope, identity, indicator, ipv4, malware, post, relationship, when


def test_add_objects_returns_a_complete_status(node, intel):
    objects = [indicator(), malware(), ipv4("192.0.2.44")]
    status = intel.add_objects(envelope(*objects))
    assert status.status == "complete"
    assert (status.total_count, status.success_count, status.failure_count, status.pending_count) == (
        3,
        3,
        0,
        0,
    )
    assert [s["id"] for s in status.successes] == [o["id"] for o in objects]
    assert when(status.successes[0]["version"]) == when(objects[0]["modified"])
    assert status.failures == [] and status.pendings == []
    stored = intel.get_manifest(id=objects[0]["id"])["objects"][0]
    assert when(status.request_timestamp) <= when(stored["date_added"])


def test_the_status_can_be_read_again(node, client, intel):
    status = intel.add_objects(envelope(indicator(), indicator()))
    again = client(node, "alice").get_status(status.id)
    assert (again.id, again.status, again.total_count, again.success_count) == (status.id, "complete", 2, 2)
    assert again.successes == status.successes


def test_the_post_answers_202_with_a_status(node, collection_url):
    response = post(collection_url("intel") + "objects/", envelope(indicator()))
    assert response.status_code == 202
    assert response.headers["Content-Type"] == TAXII
    body = response.json()
    assert uuid.UUID(body["id"])
    assert body["status"] == "complete"
    for key in ("total_count", "success_count", "failure_count", "pending_count"):
        assert isinstance(body[key], int)


def test_objects_are_stored_exactly_as_sent(node, intel):
    a = indicator(
        description="Kanal propaganda; kênh tuyên truyền — “quoted” \\ and \u00e9",
        labels=["propaganda", "telegram"],
        external_references=[{"source_name": "jwg", "external_id": "JWG-2025-0007"}],
        confidence=85,
    )
    m = malware(aliases=["Pemuat", "Trình tải"])
    r = relationship(a["id"], m["id"])
    who = identity(sectors=["government-national"])
    intel.add_objects(envelope(a, m, r, who))
    got = intel.get_objects(id=[a["id"], m["id"], r["id"], who["id"]])["objects"]
    assert sorted(got, key=lambda o: o["id"]) == sorted([a, m, r, who], key=lambda o: o["id"])


def test_a_stix_bundle_is_accepted_as_well(node, intel):
    obj = indicator()
    status = intel.add_objects({"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": [obj]})
    assert status.success_count == 1
    assert intel.get_object(obj["id"])["objects"] == [obj]


def test_an_empty_envelope_is_a_complete_empty_status(node, intel):
    for body in ({}, {"objects": []}):
        status = intel.add_objects(body)
        assert (status.status, status.total_count, status.success_count, status.failure_count) == (
            "complete",
            0,
            0,
            0,
        )


def test_several_versions_in_one_envelope(node, intel):
    first = indicator()
    second = {**first, "modified": "2024-06-01T00:00:00.000Z", "name": "Renamed"}
    status = intel.add_objects(envelope(first, second))
    assert status.success_count == 2
    assert intel.get_object(first["id"])["objects"] == [second]
    assert [when(v) for v in intel.object_versions(first["id"])["versions"]] == [
        when(first["modified"]),
        when(second["modified"]),
    ]


def test_a_sco_gets_its_date_added_as_version(node, intel):
    sco = ipv4("192.0.2.200")
    status = intel.add_objects(envelope(sco))
    manifest = intel.get_manifest(id=sco["id"])["objects"]
    assert len(manifest) == 1
    assert when(manifest[0]["version"]) == when(manifest[0]["date_added"])
    assert when(status.successes[0]["version"]) == when(manifest[0]["version"])
