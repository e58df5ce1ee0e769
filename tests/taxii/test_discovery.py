"""Server discovery and API root information (TAXII 2.1 sections 4.1 and 4.2), with taxii2-client."""

import uuid

import pytest
import requests
from taxii2client.common import TokenAuth
from taxii2client.v21 import ApiRoot

from tests.live import TAXII
from tests.taxii.support import assert_taxii_error, get


def test_discovery_names_the_one_api_root(node, server):
    assert server.title
    assert server.default.url == node.api_root
    assert [root.url for root in server.api_roots] == [node.api_root]


def test_discovery_is_taxii_json(node):
    response = get(node.url + "/taxii2/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TAXII
    assert set(response.json()) >= {"title", "default", "api_roots"}


@pytest.mark.parametrize("user", ["alice", "bob", "charlie"])
def test_api_root_information(node, user):
    api = ApiRoot(node.api_root, auth=TokenAuth(node.token(user)))
    api.refresh_information()
    assert api.title
    assert api.versions == [TAXII]
    assert api.max_content_length == 50 * 1024 * 1024


def test_api_root_is_taxii_json(node):
    response = get(node.api_root)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TAXII
    assert set(response.json()) >= {"title", "versions", "max_content_length"}


@pytest.mark.parametrize(
    "path",
    ["nope/", "nope/collections/", "nope/status/{status}/", "nope/collections/{intel}/objects/"],
)
def test_unknown_api_root_is_404(node, collection_ids, path):
    url = node.url + "/taxii2/" + path.format(status=uuid.uuid4(), intel=collection_ids["intel"])
    assert_taxii_error(get(url), 404)


def test_client_sees_404_for_an_unknown_api_root(node):
    api = ApiRoot(node.url + "/taxii2/nope/", auth=TokenAuth(node.token("alice")))
    with pytest.raises(requests.HTTPError) as raised:
        api.refresh_information()
    assert raised.value.response.status_code == 404
