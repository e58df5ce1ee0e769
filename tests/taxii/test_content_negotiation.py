"""Media types (TAXII 2.1 sections 1.6.8, 3.2): every answer is application/taxii+json;version=2.1; a client
that does not accept it gets 406, a POST in another media type gets 415 and stores nothing."""

import pytest

from tests.live import TAXII
from tests.taxii.support import assert_taxii_error, envelope, get, indicator, post

PATHS = [
    "",
    "collections/",
    "collections/{intel}/",
    "collections/{intel}/objects/",
    "collections/{intel}/manifest/",
]


def _urls(node, collection_ids):
    yield node.url + "/taxii2/"
    for path in PATHS:
        yield node.api_root + path.format(intel=collection_ids["intel"])


@pytest.mark.parametrize(
    "accept",
    [
        "application/json",
        "text/html",
        "application/taxii+json;version=2.0",
        "application/stix+json;version=2.1",
        "application/taxii+json;version=2.1;q=0",
    ],
)
def test_not_acceptable_is_406(node, collection_ids, accept):
    for url in _urls(node, collection_ids):
        assert_taxii_error(get(url, headers={"Accept": accept}), 406)


@pytest.mark.parametrize(
    "accept",
    [
        TAXII,
        "application/taxii+json",
        "application/taxii+json; version=2.1",
        "*/*",
        "application/*",
        "text/html, application/taxii+json;version=2.1;q=0.9",
    ],
)
def test_acceptable_media_ranges(node, collection_ids, accept):
    for url in _urls(node, collection_ids):
        response = get(url, headers={"Accept": accept})
        assert response.status_code == 200, (url, response.text)
        assert response.headers["Content-Type"] == TAXII


def test_no_accept_header_gets_taxii(node, collection_ids):
    for url in _urls(node, collection_ids):
        response = get(url, headers={"Accept": ""})
        assert response.status_code == 200
        assert response.headers["Content-Type"] == TAXII


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json",
        "text/plain",
        "application/stix+json;version=2.1",
        "application/taxii+json;version=2.0",
        "application/x-www-form-urlencoded",
    ],
)
def test_post_in_another_media_type_is_415(node, collection_url, intel, content_type):
    obj = indicator()
    response = post(
        collection_url("intel") + "objects/", envelope(obj), headers={"Content-Type": content_type}
    )
    assert_taxii_error(response, 415)
    assert intel.get_objects(id=obj["id"]) == {"more": False}


@pytest.mark.parametrize(
    "content_type", [TAXII, "application/taxii+json", "application/taxii+json; version=2.1"]
)
def test_post_in_taxii_media_type_is_accepted(node, collection_url, content_type):
    response = post(
        collection_url("intel") + "objects/", envelope(indicator()), headers={"Content-Type": content_type}
    )
    assert response.status_code == 202
