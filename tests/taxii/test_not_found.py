"""404 as a TAXII error message: an unknown API root, collection, object or status, and a collection the user
has no right on at all (it does not exist for them: its name does not leak)."""

import uuid

import pytest

from tests.taxii.support import assert_taxii_error, delete, envelope, get, indicator, post

UNKNOWN_OBJECT = "indicator--00000000-0000-4000-8000-000000000000"


@pytest.mark.parametrize(
    "collection",
    [str(uuid.uuid4()), "no-such-alias", "12345", "{intel}x"],
)
@pytest.mark.parametrize(
    "path", ["", "objects/", "manifest/", f"objects/{UNKNOWN_OBJECT}/", f"objects/{UNKNOWN_OBJECT}/versions/"]
)
def test_unknown_collection(node, collection_ids, collection, path):
    url = node.api_root + f"collections/{collection.format(intel=collection_ids['intel'])}/{path}"
    assert_taxii_error(get(url), 404)


def test_unknown_collection_for_writes(node):
    url = node.api_root + f"collections/{uuid.uuid4()}/objects/"
    assert_taxii_error(post(url, envelope(indicator())), 404)
    assert_taxii_error(delete(url + f"{UNKNOWN_OBJECT}/"), 404)


@pytest.mark.parametrize("path", [f"objects/{UNKNOWN_OBJECT}/", f"objects/{UNKNOWN_OBJECT}/versions/"])
def test_unknown_object(node, collection_url, path):
    assert_taxii_error(get(collection_url("intel") + path), 404)


def test_unknown_object_answer_is_the_same_whatever_the_filter(node, collection_url):
    url = collection_url("intel") + f"objects/{UNKNOWN_OBJECT}/"
    for params in ({"match[version]": "all"}, {"added_after": "2000-01-01T00:00:00Z"}, {"limit": "1"}):
        assert_taxii_error(get(url, params=params), 404)
    assert_taxii_error(get(url + "versions/", params={"added_after": "2000-01-01T00:00:00Z"}), 404)


def test_collection_without_rights_looks_unknown(node, collection_ids):
    intel = node.api_root + f"collections/{collection_ids['intel']}/"
    unknown = node.api_root + f"collections/{uuid.uuid4()}/"
    hidden, missing = get(intel, user="charlie"), get(unknown, user="charlie")
    assert_taxii_error(hidden, 404)
    assert hidden.json()["title"] == missing.json()["title"]


def test_unknown_api_root(node):
    assert_taxii_error(get(node.url + "/taxii2/api2/"), 404)
    assert_taxii_error(get(node.url + "/taxii2/api2/collections/"), 404)


@pytest.mark.parametrize(
    "path",
    [
        "api/status/",
        "api/collections/{intel}/nothing/",
        "api/collections/{intel}/objects/{obj}/versions/more/",
        "api/collections/{intel}/nothing",  # without the slash: redirected to it, then the same 404
        "a/b/c/d/e/f/",
    ],
)
def test_any_other_taxii_address_is_a_taxii_404(node, collection_ids, path):
    url = node.url + "/taxii2/" + path.format(intel=collection_ids["intel"], obj=UNKNOWN_OBJECT)
    assert_taxii_error(get(url), 404)
