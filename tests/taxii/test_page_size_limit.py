"""The server's page size limit (HOTLINE_TAXII_MAX_PAGE_SIZE, 5 on the small node): a larger `limit`, or
none, gives at most that many records with more=true, and as_pages still gets everything once."""

import pytest
from taxii2client.v21 import as_pages

from tests.taxii.support import indicator, post_all


@pytest.fixture(scope="module")
def eight(small_node, new_collection):
    collection = new_collection(small_node)
    objects = [indicator() for _ in range(8)]
    post_all(collection, *objects)
    return collection, objects


@pytest.mark.parametrize("limit", [None, 6, 50, 100000])
def test_a_page_holds_at_most_the_server_limit(eight, limit):
    collection, _ = eight
    page = collection.get_objects(**({"limit": limit} if limit else {}))
    assert (len(page["objects"]), page["more"]) == (5, True)
    manifest = collection.get_manifest(**({"limit": limit} if limit else {}))
    assert (len(manifest["objects"]), manifest["more"]) == (5, True)


def test_as_pages_adapts_to_the_server_limit(eight):
    collection, objects = eight
    pages = list(as_pages(collection.get_objects, 50))
    assert [len(p["objects"]) for p in pages] == [5, 3]
    assert sorted(o["id"] for p in pages for o in p["objects"]) == sorted(o["id"] for o in objects)
