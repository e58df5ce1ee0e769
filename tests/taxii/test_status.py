"""Get Status (TAXII 2.1 section 4.3): the status of an add, read back with taxii2-client; unknown, malformed
or someone else's status ids are a TAXII 404."""

import uuid

import pytest

from tests.live import TAXII
from tests.taxii.support import assert_taxii_error, envelope, get, indicator, post, when


def test_get_status_after_an_add(node, client, intel):
    good, bad = indicator(), indicator(pattern="[not a pattern")
    added = intel.add_objects(envelope(good, bad))
    status = client(node, "alice").get_status(added.id)
    assert (status.id, status.status) == (added.id, "complete")
    assert (status.total_count, status.success_count, status.failure_count, status.pending_count) == (
        2,
        1,
        1,
        0,
    )
    assert status.successes == [{"id": good["id"], "version": status.successes[0]["version"]}]
    assert when(status.successes[0]["version"]) == when(good["modified"])
    assert status.failures[0]["id"] == bad["id"] and status.failures[0]["message"]
    assert when(status.request_timestamp) <= when(
        intel.get_manifest(id=good["id"])["objects"][0]["date_added"]
    )


def test_status_resource_is_taxii_json(node, collection_url):
    status_id = post(collection_url("intel") + "objects/", envelope(indicator())).json()["id"]
    response = get(node.api_root + f"status/{status_id}/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TAXII
    body = response.json()
    assert body["id"] == status_id
    assert {"id", "status", "total_count", "success_count", "failure_count", "pending_count"} <= set(body)


def test_status_url_without_trailing_slash_is_redirected(node, collection_url):
    status_id = post(collection_url("intel") + "objects/", envelope(indicator())).json()["id"]
    response = get(node.api_root + f"status/{status_id}")
    assert response.status_code == 200
    assert response.json()["id"] == status_id


@pytest.mark.parametrize("status_id", [str(uuid.uuid4()), "not-a-uuid", "12345", "2d086da7-4bdc-4f91-900e"])
def test_unknown_status_is_a_taxii_404(node, status_id):
    assert_taxii_error(get(node.api_root + f"status/{status_id}/"), 404)


def test_unknown_status_needs_credentials_first(node):
    response = get(node.api_root + "status/not-a-uuid/", user=None)
    assert_taxii_error(response, 401)
