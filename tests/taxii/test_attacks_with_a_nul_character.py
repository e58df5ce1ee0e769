"""A NUL character (U+0000) where no TAXII value can hold one: in the address (a filter, a path) it is a 400
TAXII error before anything is read, for every actor; in the id of a posted object it is a failure in the
status, with the id written as the escape \\u0000, and nothing stored; in HTTP Basic credentials it is a 401
like wrong ones. The same on SQLite and PostgreSQL (which refuses it as a query parameter or in a column)."""

import base64

import pytest
import requests

from tests.actors import PASSWORD
from tests.taxii.support import TAXII, assert_taxii_error, envelope, get, indicator, post

ACTORS = ["alice", "bob", "charlie"]
FILTERS = {
    "match[id]": "indicator--\x00",
    "match[type]": "indicator\x00",
    "match[version]": "all\x00",
    "added_after": "2024-01-01T00:00:00Z\x00",
    "next": "\x00",
}


@pytest.mark.parametrize("user", ACTORS)
@pytest.mark.parametrize("name", FILTERS)
def test_a_nul_in_a_filter_is_a_400(node, collection_url, name, user):
    response = get(collection_url("intel") + "objects/", user=user, params={name: FILTERS[name]})
    assert "NUL" in assert_taxii_error(response, 400)["description"]


@pytest.mark.parametrize("user", ACTORS)
@pytest.mark.parametrize("tail", ["objects/indicator--%00/", "objects/%00/versions/", "manifest/?%00=1"])
def test_a_nul_in_the_path_or_a_parameter_name_is_a_400(node, collection_url, tail, user):
    response = get(collection_url("intel") + tail, user=user)
    assert "NUL" in assert_taxii_error(response, 400)["description"]


def test_a_nul_in_a_posted_id_is_a_failure_with_the_id_escaped_and_nothing_stored(node, collection_url):
    bad, good = indicator(), indicator()
    bad["id"] = bad["id"][:-1] + "\x00"

    status = post(collection_url("intel") + "objects/", envelope(bad, good)).json()

    assert status["success_count"] == 1 and status["successes"][0]["id"] == good["id"]
    [failure] = status["failures"]
    assert failure["id"] == bad["id"][:-1] + "\\u0000" and "id" in failure["message"]
    listed = get(collection_url("intel") + "objects/", params={"match[id]": bad["id"][:-1]}).json()
    assert not listed.get("objects")


@pytest.mark.parametrize("credentials", ["alice\x00:" + PASSWORD, "alice:" + PASSWORD + "\x00"])
def test_a_nul_in_basic_credentials_is_refused_like_wrong_ones(node, collection_url, credentials):
    basic = base64.b64encode(credentials.encode()).decode()
    response = requests.get(
        collection_url("intel") + "objects/",
        headers={"Accept": TAXII, "Authorization": f"Basic {basic}"},
        timeout=30,
    )
    assert_taxii_error(response, 401)
