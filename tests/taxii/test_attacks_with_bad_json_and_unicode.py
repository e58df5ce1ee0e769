"""Attacks on the TAXII POST with malformed input: deeply nested JSON, invalid UTF-8, lone UTF-16
surrogates, a number beyond 53 bits, duplicate keys, a body far over the advertised limit: each is a TAXII
error (400, 413) and nothing is stored. NUL and control characters in valid JSON are data: stored and served
back escaped."""

import json

import pytest

from tests.taxii.support import assert_taxii_error, envelope, get, indicator, post


def stored(collection_url: str, stix_id: str) -> bool:
    return get(collection_url + f"objects/{stix_id}/").status_code == 200


@pytest.fixture
def objects_url(collection_url):
    return collection_url("intel") + "objects/"


def _text(obj: dict) -> str:
    return json.dumps(envelope(obj))


BODIES = {
    "100000-levels": lambda obj: b'{"objects":[' + b"[" * 100_000 + b"]" * 100_000 + b"]}",
    "deep-custom-property": lambda obj: _text(
        {**obj, "x_deep": "DEEP"}).replace('"DEEP"', '{"a":' * 70 + "1" + "}" * 70).encode(),
    "invalid-utf8": lambda obj: _text(obj).encode().replace(b"Propaganda", b"Prop\xffganda"),
    "lone-surrogate": lambda obj: _text({**obj, "name": "S"}).replace('"S"', '"\\ud800"').encode(),
    "number-beyond-53-bits": lambda obj: _text({**obj, "x_count": 1}).replace(
        '"x_count": 1', '"x_count": 1e16').encode(),
    "duplicate-key": lambda obj: _text(obj).replace('"type": ', '"id": 1, "type": ').encode(),
}  # fmt: skip


@pytest.mark.parametrize("attack", BODIES)
def test_malformed_json_is_a_400_and_stores_nothing(node, collection_url, objects_url, attack):
    obj = indicator()
    body = BODIES[attack](obj)
    assert body != _text(obj).encode()
    response = assert_taxii_error(post(objects_url, body), 400)
    assert response["description"].startswith("invalid JSON")
    assert not stored(collection_url("intel"), obj["id"])


def test_nul_and_control_characters_in_a_name_are_stored_escaped_and_served_back(
    node, collection_url, objects_url
):
    obj = indicator(name="bad\u0000name\u0007<script>alert(1)</script>")
    status = post(objects_url, envelope(obj)).json()
    assert status["success_count"] == 1
    served = get(collection_url("intel") + f"objects/{obj['id']}/")
    assert "\\u0000" in served.text and "\x00" not in served.text
    assert served.json()["objects"][0]["name"] == obj["name"]


def test_a_body_far_over_the_limit_is_refused_from_its_content_length(small_node, client):
    url = client(small_node, "alice", "intel").url + "objects/"
    body = json.dumps(envelope(*[indicator() for _ in range(200)])).encode()
    response = post(url, body)
    body = assert_taxii_error(response, 413)
    assert "4096" in body["description"]
