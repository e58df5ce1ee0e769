"""Malformed requests are a 400 (bad URL parameters, bad JSON) or a 422 (JSON that is not an envelope),
answered as a TAXII error message, and change nothing."""

import json

import pytest

from tests.taxii.support import assert_taxii_error, envelope, get, indicator, post

BAD_PARAMETERS = [
    {"added_after": "yesterday"},
    {"added_after": "2024-13-01T00:00:00Z"},
    {"added_after": "2024-01-01 00:00:00"},
    {"added_after": "2024-01-01T00:00:00+07:00"},
    {"limit": "0"},
    {"limit": "-5"},
    {"limit": "abc"},
    {"limit": "1.5"},
    {"next": "not-a-token"},
    {"next": "!!!"},
    {"match[foo]": "bar"},
    {"match[version]": "latest"},
    {"match[version]": "first,"},
    {"match[spec_version]": "3.0"},
    {"match[type]": ""},
    {"matchtype": "indicator"},
]


@pytest.mark.parametrize("params", BAD_PARAMETERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
@pytest.mark.parametrize("endpoint", ["objects/", "manifest/", "objects/{a}/"])
def test_bad_filter_is_400(corpus, endpoint, params):
    body = assert_taxii_error(get(corpus.url + endpoint.format(a=corpus.a), params=params), 400)
    assert body.get("description")


@pytest.mark.parametrize(
    "params", [{"added_after": "soon"}, {"limit": "0"}, {"next": "x"}, {"match[spec_version]": "9"}]
)
def test_bad_filter_on_versions_is_400(corpus, params):
    assert_taxii_error(get(corpus.url + f"objects/{corpus.a}/versions/", params=params), 400)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{",
        b'{"objects": [',
        b"{'objects': []}",
        b'{"objects": [], "objects": []}',
        b'{"objects": [NaN]}',
        b"\xff\xfe{}",
        b'{"objects": []} trailing',
    ],
)
def test_malformed_json_is_400(node, collection_url, body):
    assert_taxii_error(post(collection_url("intel") + "objects/", body), 400)


@pytest.mark.parametrize(
    "payload",
    [
        [],
        "objects",
        42,
        None,
        {"objects": {}},
        {"objects": "indicator"},
        {"type": "bundle", "id": "bundle--not-a-uuid", "objects": []},
        {"foo": "bar"},
    ],
)
def test_json_that_is_not_an_envelope_is_422(node, collection_url, payload):
    assert_taxii_error(post(collection_url("intel") + "objects/", json.dumps(payload)), 422)


def test_a_single_object_instead_of_an_envelope_is_422_and_not_stored(node, collection_url, intel):
    obj = indicator()
    assert_taxii_error(post(collection_url("intel") + "objects/", json.dumps(obj)), 422)
    assert intel.get_objects(id=obj["id"]) == {"more": False}


def test_a_malformed_post_is_not_stored(node, collection_url, intel):
    obj = indicator()
    body = json.dumps(envelope(obj))[:-2]
    assert_taxii_error(post(collection_url("intel") + "objects/", body), 400)
    assert intel.get_objects(id=obj["id"]) == {"more": False}
