"""SQL injection in TAXII filters and addresses: every filter value is a bound parameter of the one store
query, so a payload is only ever a value that matches nothing (or a 400 where the value must be a timestamp, a
number or a token), never a 500, never more objects than the filter allows; the store is unchanged."""

import pytest

from tests.taxii.support import assert_taxii_error, get

PAYLOADS = [
    "' OR '1'='1",
    "indicator' OR 1=1 --",
    "x'); DROP TABLE intel_stixobject; --",
    '" OR ""="',
    "1 UNION SELECT id, body FROM intel_stixobject --",
    "%' OR type LIKE '%",
    "indicator--00000000-0000-4000-8000-000000000000' OR 'a'='a",
    "\\'; SELECT sqlite_version(); --",
]


def _everything(corpus) -> list[dict]:
    response = get(corpus.url + "manifest/", params={"match[version]": "all"})
    assert response.status_code == 200
    return response.json()["objects"]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("name", ["match[id]", "match[type]"])
def test_an_injected_id_or_type_matches_nothing(corpus, name, payload):
    for endpoint in ("objects/", "manifest/"):
        response = get(corpus.url + endpoint, params={name: payload})
        assert response.status_code == 200, response.text
        assert "objects" not in response.json()  # nothing matches; in particular not everything
    assert _everything(corpus) == corpus.manifest


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("name", ["added_after", "match[version]", "match[spec_version]", "limit", "next"])
def test_an_injected_timestamp_number_or_token_is_a_400(corpus, name, payload):
    body = assert_taxii_error(get(corpus.url + "objects/", params={name: payload}), 400)
    assert name.split("[")[0] in body["description"] or name in body["description"]
    assert _everything(corpus) == corpus.manifest


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_injected_object_id_is_unknown(corpus, payload):
    for endpoint in ("objects/{}/", "objects/{}/versions/"):
        response = get(corpus.url + endpoint.format(payload.replace("/", "%2F")))
        assert_taxii_error(response, 404)
    assert _everything(corpus) == corpus.manifest


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_injected_collection_or_status_id_is_unknown(node, payload):
    quoted = payload.replace("/", "%2F").replace("?", "%3F").replace("#", "%23")
    for address in (f"collections/{quoted}/", f"collections/{quoted}/objects/", f"status/{quoted}/"):
        assert_taxii_error(get(node.api_root + address), 404)


def test_an_injected_type_among_real_ones_still_matches_only_the_real_ones(corpus):
    """ORed values stay separate values: the payload adds nothing to what `indicator` matches."""
    alone = get(corpus.url + "manifest/", params={"match[type]": "indicator"}).json()["objects"]
    mixed = get(corpus.url + "manifest/", params={"match[type]": "indicator,' OR '1'='1"}).json()["objects"]
    assert mixed == alone and {o["id"] for o in alone} == {corpus.a}
