"""An API token is scoped to collections and actions: TAXII honours the scope (a read-only token cannot
POST; a token for one collection does not see the others), and a scope never widens its user's rights."""

import json

import pytest
from django.test import Client

from hotline.access.services import AccessError, create_token
from hotline.intel.models import Collection
from tests.taxii.support import envelope, indicator

TAXII = "application/taxii+json;version=2.1"


def _client(raw: str) -> Client:
    return Client(headers={"accept": TAXII, "authorization": f"Token {raw}"})


def _collections(raw: str) -> dict:
    body = json.loads(_client(raw).get("/taxii2/api/collections/").content)
    return {c["alias"]: (c["can_read"], c["can_write"]) for c in body.get("collections", [])}


def _post(raw: str, alias: str):
    return _client(raw).post(
        f"/taxii2/api/collections/{alias}/objects/", json.dumps(envelope(indicator())), content_type=TAXII
    )


def test_a_token_without_a_scope_acts_as_its_user(actors):
    _, raw = create_token(actors["alice"], "all")

    assert _collections(raw) == {
        "intel": (True, True), "public": (True, False), "to-mps": (True, True), "from-mps": (True, False),
    }  # fmt: skip
    assert _post(raw, "intel").status_code == 202


def test_a_read_only_token_cannot_post(actors):
    _, raw = create_token(actors["alice"], "reader", read=True, write=False)

    response = _post(raw, "intel")

    assert response.status_code == 403 and json.loads(response.content)["http_status"] == "403"
    assert _client(raw).get("/taxii2/api/collections/intel/objects/").status_code == 200
    assert _collections(raw)["intel"] == (True, False)


def test_a_token_for_one_collection_does_not_see_the_others(actors):
    intel = Collection.objects.get(alias="intel")
    _, raw = create_token(actors["alice"], "intel-only", collections=[intel], read=True, write=True)

    assert _collections(raw) == {"intel": (True, True)}
    assert _client(raw).get("/taxii2/api/collections/to-mps/").status_code == 404
    assert _client(raw).get("/taxii2/api/collections/to-mps/objects/").status_code == 404
    assert _post(raw, "intel").status_code == 202


def test_a_write_only_token_cannot_read(actors):
    intel = Collection.objects.get(alias="intel")
    _, raw = create_token(actors["alice"], "pusher", collections=[intel], read=False, write=True)

    assert _collections(raw) == {"intel": (False, True)}
    assert _client(raw).get("/taxii2/api/collections/intel/objects/").status_code == 403
    assert _post(raw, "intel").status_code == 202


def test_a_scope_never_widens_the_users_rights(actors):
    intel = Collection.objects.get(alias="intel")
    _, charlie = create_token(actors["charlie"], "wide", collections=[intel], read=True, write=True)
    _, bob = create_token(actors["bob"], "wide", read=True, write=True)

    assert _collections(charlie) == {}
    assert _client(charlie).get("/taxii2/api/collections/intel/objects/").status_code == 404
    assert _collections(bob) == {"to-mps": (True, False), "from-mps": (False, True)}


@pytest.mark.parametrize(
    ("options", "message"),
    [({"read": False, "write": False}, "reading, writing or both"), ({"collections": []}, "at least one")],
)
def test_an_empty_scope_is_refused_and_nothing_is_stored(actors, options, message):
    with pytest.raises(AccessError, match=message):
        create_token(actors["alice"], "nothing", **options)

    assert not actors["alice"].api_tokens.exists()
