"""Helpers for the TAXII conformance suite: STIX objects with unique ids, and plain-HTTP calls to a live node.

The tests drive a real node (tests/live.py) with the real clients: `taxii2-client` for the TAXII operations,
`requests` where headers, status codes and error bodies are what is being checked.
"""

import base64
import json
import uuid
from datetime import datetime
from urllib.parse import urlsplit

import requests

from tests.actors import PASSWORD
from tests.live import TAXII

STIX = "application/stix+json;version=2.1"
CREATED = "2024-01-01T00:00:00.000Z"


def stix_id(type_: str) -> str:
    return f"{type_}--{uuid.uuid4()}"


def when(text: str) -> datetime:
    """A STIX timestamp as a datetime, so that 2024-01-01T00:00:00Z and ...00.000000Z compare equal."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def indicator(id_: str | None = None, modified: str = CREATED, **extra) -> dict:
    return {
        "type": "indicator",
        "spec_version": "2.1",
        "id": id_ or stix_id("indicator"),
        "created": CREATED,
        "modified": modified,
        "name": "Propaganda channel handle",
        "pattern": "[url:value = 'https://example.org/channel']",
        "pattern_type": "stix",
        "valid_from": CREATED,
        **extra,
    }


def malware(id_: str | None = None, modified: str = CREATED, **extra) -> dict:
    return {
        "type": "malware",
        "spec_version": "2.1",
        "id": id_ or stix_id("malware"),
        "created": CREATED,
        "modified": modified,
        "name": "Loader",
        "is_family": True,
        **extra,
    }


def identity(id_: str | None = None, modified: str = CREATED, **extra) -> dict:
    return {
        "type": "identity",
        "spec_version": "2.1",
        "id": id_ or stix_id("identity"),
        "created": CREATED,
        "modified": modified,
        "name": "Badan Nasional Penanggulangan Terorisme",
        "identity_class": "organization",
        **extra,
    }


def relationship(source: str, target: str, modified: str = CREATED, **extra) -> dict:
    return {
        "type": "relationship",
        "spec_version": "2.1",
        "id": stix_id("relationship"),
        "created": CREATED,
        "modified": modified,
        "relationship_type": "indicates",
        "source_ref": source,
        "target_ref": target,
        **extra,
    }


def ipv4(value: str | None = None) -> dict:
    """An SCO: it has no created/modified, so its TAXII version is its date_added."""
    return {
        "type": "ipv4-addr",
        "spec_version": "2.1",
        "id": stix_id("ipv4-addr"),
        "value": value or "198.51.100.7",
    }


def versions_of(obj: dict, *modified: str) -> list[dict]:
    return [{**obj, "modified": m} for m in modified]


def envelope(*objects: dict) -> dict:
    return {"objects": list(objects)}


# --- plain HTTP -------------------------------------------------------------------------------------------

# API tokens of the actors on each live node, {(node url, user): token}, filled by the `node` fixtures.
# HTTP Basic is refused for roles that require a second factor (alice, bob) and runs Django's password
# hasher per request, so the suite authenticates with tokens and tests Basic where Basic is the point
# (test_authentication, test_basic_is_refused_for_two_factor_roles).
TOKENS: dict[tuple[str, str], str] = {}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def auth_headers(url: str, user: str | None) -> dict:
    if user is None:
        return {}
    token = TOKENS.get((_origin(url), user))
    if token is None:
        basic = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
        return {"Authorization": f"Basic {basic}"}
    return {"Authorization": f"Token {token}"}


def get(url: str, user: str | None = "alice", params=None, headers: dict | None = None) -> requests.Response:
    headers = {"Accept": TAXII, **auth_headers(url, user), **(headers or {})}
    return requests.get(url, params=params, headers=headers, timeout=30)


def post(url: str, body, user: str | None = "alice", headers: dict | None = None) -> requests.Response:
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    headers = {"Accept": TAXII, "Content-Type": TAXII, **auth_headers(url, user), **(headers or {})}
    return requests.post(url, data=data, headers=headers, timeout=60)


def delete(url: str, user: str | None = "alice", params=None) -> requests.Response:
    headers = {"Accept": TAXII, **auth_headers(url, user)}
    return requests.delete(url, params=params, headers=headers, timeout=30)


def assert_taxii_error(response: requests.Response, status: int) -> dict:
    """The response is a TAXII 2.1 error message (section 3.6.1) with the given HTTP status."""
    assert response.status_code == status, response.text[:500]
    assert response.headers["Content-Type"] == TAXII
    body = response.json()
    assert isinstance(body.get("title"), str) and body["title"].strip()
    assert body.get("http_status") == str(status)
    return body


def stored_ids(envelope_: dict) -> list[str]:
    return [o["id"] for o in envelope_.get("objects", [])]


def post_all(collection, *objects: dict):
    """Add objects with taxii2-client (waiting for completion) and insist that every one was stored."""
    status = collection.add_objects(envelope(*objects), poll_interval=0.2, timeout=60)
    assert status.status == "complete"
    assert (status.success_count, status.failure_count) == (len(objects), 0), status.failures
    return status


def standard(collections: list) -> list:
    """The node's own collections, without those the suite adds for alice (aliases "t-…": new_collection)."""
    alias = (
        (lambda c: c["alias"]) if collections and isinstance(collections[0], dict) else (lambda c: c.alias)
    )
    return [c for c in collections if not alias(c).startswith("t-")]
