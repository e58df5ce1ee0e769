"""The access matrix through the TAXII API: objects, manifest and each object's own URL show each person
exactly the markings the table says; an object they may not see is a 404, as if it did not exist."""

import json

import pytest
from django.test import Client

from hotline.access.services import create_token
from tests.access import matrix

TAXII = "application/taxii+json;version=2.1"


def _get(world, who: str, path: str):
    """GET as `who` with an API token (HTTP Basic is refused for the roles that need a second factor)."""
    tokens = world.__dict__.setdefault("tokens", {})
    if who not in tokens:
        tokens[who] = create_token(world.people[who], "matrix")[1]
    return Client().get(path, HTTP_AUTHORIZATION=f"Token {tokens[who]}", HTTP_ACCEPT=TAXII)


def _base(world) -> str:
    return f"/taxii2/api/collections/{world.collection.id}/"


@pytest.mark.parametrize("who", matrix.EVERYONE)
def test_objects_and_manifest_list_exactly_what_the_table_says(world, who):
    want = matrix.expected("taxii", who)

    objects = json.loads(_get(world, who, _base(world) + "objects/").content).get("objects", [])
    manifest = json.loads(_get(world, who, _base(world) + "manifest/").content).get("objects", [])

    assert matrix.markings_of(world, [o["id"] for o in objects]) == want
    assert matrix.markings_of(world, [o["id"] for o in manifest]) == want


@pytest.mark.parametrize("who", matrix.EVERYONE)
@pytest.mark.parametrize("marking", matrix.MARKINGS)
def test_each_object_is_there_or_does_not_exist(world, who, marking):
    stix_id = world.objects[marking]["id"]

    detail = _get(world, who, _base(world) + f"objects/{stix_id}/")
    versions = _get(world, who, _base(world) + f"objects/{stix_id}/versions/")

    if marking in matrix.expected("taxii", who):
        assert (detail.status_code, versions.status_code) == (200, 200)
        assert json.loads(detail.content)["objects"][0]["id"] == stix_id
    else:
        unknown = _get(world, who, _base(world) + "objects/campaign--00000000-0000-4000-8000-000000000000/")
        assert (detail.status_code, versions.status_code, unknown.status_code) == (404, 404, 404)
        assert json.loads(detail.content)["title"] == json.loads(unknown.content)["title"] == "Unknown object"
        assert f"Campaign {marking}" not in detail.content.decode()
