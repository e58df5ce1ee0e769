"""HMA's content endpoint of a bank against a live node: GET shows an entry, DELETE revokes it (HMA deletes;
a node keeps a tombstone and the entry stops matching: {"deleted": 1}, then {"deleted": 0}), PUT edits its
labels (a Hotline addition). Bad input changes nothing; only coordinators curate; alice, bob and charlie
get 403."""

import pytest
import requests

from tests.peace.live_support import peace_node

pytestmark = pytest.mark.live
MD5 = "00112233445566778899aabbccddeeff"


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    live = peace_node(tmp_path_factory.mktemp("hma-content") / "bnpt")
    yield live
    live.stop()


def _call(node, method: str, path: str, user: str = "coordinator", **kwargs) -> requests.Response:
    headers = {**node.auth(user), **kwargs.pop("headers", {})}
    return requests.request(method, f"{node.url}/hma/{path}", headers=headers, timeout=60, **kwargs)


@pytest.fixture(scope="module")
def content(node):
    assert _call(node, "POST", "c/banks", json={"name": "CURATED_BANK"}).status_code == 201
    added = _call(node, "POST", "c/bank/CURATED_BANK/signal", json={"video_md5": MD5})
    assert added.status_code == 200, added.text
    return f"c/bank/CURATED_BANK/content/{added.json()['id']}"


def _lookup(node) -> list[str]:
    return _call(
        node, "GET", "m/lookup", user="reviewer", params={"signal_type": "video_md5", "signal": MD5}
    ).json()


def test_an_entry_is_shown(node, content):
    shown = _call(node, "GET", content, user="reviewer")
    assert shown.status_code == 200
    body = shown.json()
    assert (body["bank"], body["signals"], body["enabled"], body["tlp"]) == (
        "CURATED_BANK", {"md5": MD5}, True, "amber",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"colour": "red"}, "unexpected keys: colour"),
        ({}, "give any of"),
        ({"behaviour": "praise"}, "behaviour 'praise'"),
        ({"tags": "one,two"}, "a list of strings"),
        ({"notes": 5}, "are strings"),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(node, content, payload, message):
    response = _call(node, "PUT", content, json=payload)
    assert response.status_code == 400 and message in response.json()["message"]
    assert _call(node, "GET", content).json()["behaviour"] == ""


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "reviewer"])
def test_only_coordinators_edit_or_revoke(node, content, who):
    assert _call(node, "PUT", content, user=who, json={"behaviour": "threat"}).status_code == 403
    assert _call(node, "DELETE", content, user=who).status_code == 403
    if who != "reviewer":
        assert _call(node, "GET", content, user=who).status_code == 403
    assert _call(node, "GET", content).json()["enabled"] is True


def test_unknown_content_is_not_found(node, content):
    assert _call(node, "GET", "c/bank/CURATED_BANK/content/999999").status_code == 404
    assert _call(node, "DELETE", "c/bank/NO_SUCH_BANK/content/1").status_code == 404


def test_a_coordinator_edits_then_revokes_and_the_entry_stops_matching(node, content):
    edited = _call(node, "PUT", content, json={"behaviour": "threat", "tags": ["clip"], "notes": "re-upload"})
    assert edited.status_code == 200, edited.text
    assert (edited.json()["behaviour"], edited.json()["tags"], edited.json()["notes"]) == (
        "threat", ["clip"], "re-upload",
    )  # fmt: skip
    assert _lookup(node) == ["CURATED_BANK"]
    assert _call(node, "DELETE", content).json() == {"deleted": 1}
    assert _lookup(node) == []
    after = _call(node, "GET", content).json()
    assert after["enabled"] is False and after["revoked_at"]
    assert _call(node, "DELETE", content).json() == {"deleted": 0}
    refused = _call(node, "PUT", content, json={"behaviour": "recruitment"})
    assert refused.status_code == 400 and "revoked" in refused.json()["message"]
