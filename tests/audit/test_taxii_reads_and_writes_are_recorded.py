"""Through TAXII, a write (POST), a removal (DELETE) and every read of a marked object are recorded with the
user, the address and the entry point `taxii`; reading only unmarked or TLP:CLEAR objects is not a read of
marked intelligence, and a request the policy refuses reads nothing."""

import json
import uuid

import pytest
from django.contrib.auth import get_user_model

from hotline import stix
from hotline.access.services import create_token
from tests.audit.conftest import records

TAXII = "application/taxii+json;version=2.1"
CREATED = "2024-01-01T00:00:00.000Z"


def indicator(tlp: str | None = None) -> dict:
    obj = {
        "type": "indicator", "spec_version": "2.1", "id": f"indicator--{uuid.uuid4()}", "created": CREATED,
        "modified": CREATED, "name": "Channel", "pattern": "[url:value = 'https://example.org/c']",
        "pattern_type": "stix", "valid_from": CREATED,
    }  # fmt: skip
    return stix.mark(obj, tlp) if tlp else obj


def call(client, method: str, path: str, user: str, body: dict | None = None):
    token = create_token(get_user_model().objects.get(username=user), "audit-test")[1]
    auth = f"Token {token}"
    extra = {"HTTP_ACCEPT": TAXII, "HTTP_AUTHORIZATION": auth, "REMOTE_ADDR": "203.0.113.5"}
    if body is not None:
        return client.generic(method, path, json.dumps(body), content_type=TAXII, **extra)
    return client.generic(method, path, **extra)


@pytest.fixture
def stored(client, actors):
    objects = {"amber": indicator("amber"), "plain": indicator(), "clear": indicator("clear")}
    response = call(
        client, "POST", "/taxii2/api/collections/intel/objects/", "alice", {"objects": list(objects.values())}
    )
    assert response.status_code == 202 and response.json()["success_count"] == 3
    return objects


def test_a_write_is_recorded_with_its_status(stored):
    (write,) = records("object.write")
    assert (write.actor, write.entry_point, write.ip, write.target) == (
        "alice",
        "taxii",
        "203.0.113.5",
        "intel",
    )
    assert write.detail["stored"] == 3 and write.detail["refused"] == 0


def test_reading_marked_objects_records_exactly_their_ids(client, stored):
    response = call(client, "GET", "/taxii2/api/collections/intel/objects/", "alice")

    assert response.status_code == 200
    (read,) = records("object.read")
    assert (read.actor, read.entry_point, read.target) == ("alice", "taxii", "intel")
    assert read.detail["objects"] == [stored["amber"]["id"]]


def test_reading_only_unmarked_objects_records_no_read(client, stored):
    for key in ("plain", "clear"):
        call(client, "GET", f"/taxii2/api/collections/intel/objects/{stored[key]['id']}/", "alice")

    assert records("object.read") == []


@pytest.mark.parametrize("user", ["bob", "charlie"])
def test_a_refused_read_reads_nothing(client, stored, user):
    response = call(client, "GET", "/taxii2/api/collections/intel/objects/", user)

    assert response.status_code == 404
    assert records("object.read") == []


def test_a_removal_is_recorded(client, stored):
    amber = stored["amber"]["id"]
    response = call(client, "DELETE", f"/taxii2/api/collections/intel/objects/{amber}/", "alice")

    assert response.status_code == 200
    (removal,) = records("object.delete")
    assert (removal.actor, removal.target, removal.detail) == ("alice", amber, {"collection": "intel"})
