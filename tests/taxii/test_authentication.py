"""Authentication: an API token, or HTTP Basic for roles without a second factor; anything else is a 401
with WWW-Authenticate."""

import base64
import uuid

import pytest
import requests
from taxii2client.common import TokenAuth
from taxii2client.v21 import ApiRoot

from tests.actors import PASSWORD
from tests.live import TAXII, hotline
from tests.taxii.support import assert_taxii_error, envelope, indicator, standard

# One endpoint of each kind (every TAXII view goes through the same authentication).
PATHS = ["collections/", "collections/{intel}/objects/", "status/{status}/"]


def _urls(node, collection_ids):
    yield node.url + "/taxii2/"
    for path in PATHS:
        yield node.api_root + path.format(intel=collection_ids["intel"], status=uuid.uuid4())


def _assert_401(response):
    assert_taxii_error(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Basic ")


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Basic " + base64.b64encode(f"alice:{PASSWORD}x".encode()).decode(),
        "Basic " + base64.b64encode(f"mallory:{PASSWORD}".encode()).decode(),
        "Basic " + base64.b64encode(b"alice").decode(),
        "Basic not-base64!",
        "Token htl_notatoken",
        "Bearer",
        "Digest username=alice",
    ],
)
def test_missing_or_bad_credentials_are_401(node, collection_ids, authorization):
    headers = {"Accept": TAXII} | ({"Authorization": authorization} if authorization else {})
    for url in _urls(node, collection_ids):
        _assert_401(requests.get(url, headers=headers, timeout=30))
    post = requests.post(
        node.api_root + f"collections/{collection_ids['intel']}/objects/",
        data=b'{"objects": []}',
        headers=headers | {"Content-Type": TAXII},
        timeout=30,
    )
    _assert_401(post)


def _create_token(node, user: str) -> str:
    out = hotline(
        node.data_dir, "token", "create", user, "--name", f"test-{uuid.uuid4().hex[:8]}", "--read", "--write",
        env=node.env,
    )  # fmt: skip
    return out.stdout.strip().splitlines()[0]


@pytest.fixture(scope="module")
def alice_token(node) -> str:
    return _create_token(node, "alice")


@pytest.mark.parametrize("scheme", ["Token", "Bearer"])
def test_api_token_authenticates(node, collection_ids, alice_token, scheme):
    headers = {"Accept": TAXII, "Authorization": f"{scheme} {alice_token}"}
    response = requests.get(node.api_root + "collections/", headers=headers, timeout=30)
    assert response.status_code == 200
    assert {c["alias"] for c in standard(response.json()["collections"])} == {
        "intel",
        "public",
        "to-mps",
        "from-mps",
    }


def test_taxii2_client_works_with_a_token(node, alice_token):
    api = ApiRoot(node.api_root, auth=TokenAuth(alice_token))
    intel = next(c for c in api.collections if c.alias == "intel")
    obj = indicator()
    status = intel.add_objects(envelope(obj))
    assert status.success_count == 1
    assert api.get_status(status.id).success_count == 1
    assert intel.get_object(obj["id"])["objects"] == [obj]


def test_a_token_acts_as_its_user(node):
    token = _create_token(node, "bob")
    api = ApiRoot(node.api_root, auth=TokenAuth(token))
    assert {c.alias: (c.can_read, c.can_write) for c in standard(api.collections)} == {
        "to-mps": (True, False),
        "from-mps": (False, True),
    }


def test_a_revoked_token_is_401(node, collection_ids):
    token = _create_token(node, "alice")
    headers = {"Accept": TAXII, "Authorization": f"Token {token}"}
    assert requests.get(node.api_root + "collections/", headers=headers, timeout=30).status_code == 200
    hotline(node.data_dir, "token", "revoke", token[:10], env=node.env)
    for url in _urls(node, collection_ids):
        _assert_401(requests.get(url, headers=headers, timeout=30))
