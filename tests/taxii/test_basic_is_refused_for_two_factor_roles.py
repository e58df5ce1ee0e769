"""HTTP Basic is a password alone: a live node refuses it for every user whose role requires a second factor
(alice, an officer; bob, a partner's account without a role), with a 401 that says to use an API token, and
the same user's token works. charlie (an ambassador, whose role needs no second factor) keeps Basic, with
taxii2-client's user and password as any TAXII client sends them."""

import pytest
import requests
from taxii2client.v21 import ApiRoot

from tests.actors import PASSWORD
from tests.live import TAXII
from tests.taxii.support import assert_taxii_error, get, standard


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_the_right_password_of_a_two_factor_role_is_a_401_saying_to_use_an_api_token(node, who):
    for url in (node.url + "/taxii2/", node.api_root + "collections/"):
        response = requests.get(url, auth=(who, PASSWORD), headers={"Accept": TAXII}, timeout=30)

        body = assert_taxii_error(response, 401)
        assert "two-factor" in body["description"] and "API token" in body["description"]
        assert "hotline token create" in body["description"]
        assert response.headers["WWW-Authenticate"].startswith("Basic ")
    assert get(node.api_root + "collections/", user=who).status_code == 200  # the same user's token


def test_taxii2_client_with_a_password_is_refused_for_alice(node):
    with pytest.raises(requests.HTTPError) as raised:
        ApiRoot(node.api_root, user="alice", password=PASSWORD).refresh_information()

    assert raised.value.response.status_code == 401


def test_a_role_without_a_second_factor_keeps_http_basic(node):
    api = ApiRoot(node.api_root, user="charlie", password=PASSWORD)

    assert [c.alias for c in standard(api.collections)] == ["public"]
