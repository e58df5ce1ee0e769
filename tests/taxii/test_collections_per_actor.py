"""Get Collections / Get a Collection (TAXII 2.1 sections 5.1, 5.2): each actor sees exactly the collections
they may read or write, with can_read / can_write telling which."""

import pytest
from taxii2client.common import TokenAuth
from taxii2client.v21 import Collection

from tests.live import TAXII
from tests.taxii.support import STIX, TOKENS, assert_taxii_error, get, standard

EXPECTED = {
    "alice": {
        "intel": (True, True),
        "public": (True, False),
        "to-mps": (True, True),
        "from-mps": (True, False),
    },
    "bob": {"to-mps": (True, False), "from-mps": (False, True)},
    "charlie": {"public": (True, False)},
}


@pytest.mark.parametrize("user", sorted(EXPECTED))
def test_collections_list_shows_each_actor_their_rights(node, client, user):
    found = standard(client(node, user).collections)
    assert {c.alias: (c.can_read, c.can_write) for c in found} == EXPECTED[user]
    for collection in found:
        assert collection.title
        assert collection.media_types == [STIX]


@pytest.mark.parametrize("user", sorted(EXPECTED))
def test_each_collection_resource_matches_the_list(node, client, collection_ids, user):
    for alias, rights in EXPECTED[user].items():
        url = node.api_root + f"collections/{collection_ids[alias]}/"
        collection = Collection(url, auth=TokenAuth(TOKENS[(node.url, user)]))
        collection.refresh()
        assert (collection.id, collection.alias) == (collection_ids[alias], alias)
        assert (collection.can_read, collection.can_write) == rights


def test_a_collection_is_also_addressed_by_alias(node, collection_ids):
    response = get(node.api_root + "collections/to-mps/", user="bob")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TAXII
    assert response.json()["id"] == collection_ids["to-mps"]


@pytest.mark.parametrize(
    ("user", "alias"),
    [("charlie", "intel"), ("charlie", "to-mps"), ("bob", "intel"), ("bob", "public")],
)
def test_a_collection_without_any_right_does_not_exist(node, collection_ids, user, alias):
    collection = node.api_root + f"collections/{collection_ids[alias]}/"
    for url in (collection, collection + "objects/", collection + "manifest/"):
        assert_taxii_error(get(url, user=user), 404)
    assert_taxii_error(get(node.api_root + f"collections/{alias}/", user=user), 404)
