"""Envelopes larger than HOTLINE_TAXII_INLINE_OBJECTS go to the worker: the POST answers a "pending" status
listing every object, and the status becomes "complete" once stored (taxii2-client's wait_for_completion)."""

from time import monotonic, sleep

import pytest

from tests.taxii.support import assert_taxii_error, envelope, get, indicator, ipv4, post, when


@pytest.fixture(scope="module")
def small_intel(small_node, client):
    return client(small_node, "alice", "intel")


def test_a_large_envelope_is_pending_then_complete(small_node, small_intel):
    objects = [indicator(), indicator(), ipv4("198.51.100.1"), ipv4("198.51.100.2")]
    response = post(small_intel.url + "objects/", envelope(*objects))
    assert response.status_code == 202
    status = response.json()
    assert status["status"] == "pending"
    assert (status["total_count"], status["success_count"], status["failure_count"]) == (4, 0, 0)
    assert status["pending_count"] == 4
    assert [p["id"] for p in status["pendings"]] == [o["id"] for o in objects]
    assert when(status["pendings"][0]["version"]) == when(objects[0]["modified"])

    final = _wait(small_node, status["id"])
    assert (final["success_count"], final["failure_count"], final["pending_count"]) == (4, 0, 0)
    assert final["pendings"] == []
    assert {s["id"] for s in final["successes"]} == {o["id"] for o in objects}
    stored = small_intel.get_objects(id=[o["id"] for o in objects])["objects"]
    assert sorted(stored, key=lambda o: o["id"]) == sorted(objects, key=lambda o: o["id"])


def _wait(node, status_id: str) -> dict:
    """Poll the status as a client would; every answer must add up (success + failure + pending = total)."""
    deadline = monotonic() + 60
    while True:
        body = get(node.api_root + f"status/{status_id}/").json()
        assert body["success_count"] + body["failure_count"] + body["pending_count"] == body["total_count"]
        assert len(body["successes"]) == body["success_count"]
        assert len(body["pendings"]) == body["pending_count"]
        if body["status"] == "complete" or monotonic() > deadline:
            assert body["status"] == "complete", body
            return body
        sleep(0.1)


def test_taxii2_client_waits_for_completion(small_node, small_intel):
    objects = [indicator() for _ in range(5)]
    status = small_intel.add_objects(
        envelope(*objects), wait_for_completion=True, poll_interval=0.2, timeout=60
    )
    assert status.status == "complete"
    assert status.success_count == 5
    assert len(small_intel.get_objects(id=[o["id"] for o in objects])["objects"]) == 5


def test_taxii2_client_can_poll_itself(small_node, small_intel):
    objects = [indicator() for _ in range(3)]
    status = small_intel.add_objects(envelope(*objects), wait_for_completion=False)
    assert status.status == "pending"
    assert status.pending_count == 3
    status.wait_until_final(poll_interval=0.2, timeout=60)
    assert (status.status, status.success_count, status.pending_count) == ("complete", 3, 0)


def test_failures_in_a_pending_envelope_are_reported_when_complete(small_node, small_intel):
    good = [indicator(), indicator()]
    bad = indicator()
    del bad["valid_from"]
    status = small_intel.add_objects(envelope(good[0], bad, good[1]), poll_interval=0.2, timeout=60)
    assert (status.status, status.success_count, status.failure_count) == ("complete", 2, 1)
    assert status.failures[0]["id"] == bad["id"]
    assert status.failures[0]["message"]
    assert_taxii_error(get(small_intel.url + f"objects/{bad['id']}/"), 404)


def test_an_envelope_at_the_inline_limit_is_complete_at_once(small_node, small_intel):
    response = post(small_intel.url + "objects/", envelope(indicator(), indicator()))
    assert response.json()["status"] == "complete"
