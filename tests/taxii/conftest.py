"""Fixtures of the TAXII conformance suite: the shared node, a node with small limits, new collections."""

import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from taxii2client.common import TokenAuth
from taxii2client.v21 import ApiRoot, Collection, Server

from tests.live import make_node, node_environment
from tests.taxii.support import (
    TOKENS,
    get,
    identity,
    indicator,
    ipv4,
    malware,
    post_all,
    relationship,
    versions_of,
    when,
)

ROOT = Path(__file__).resolve().parents[2]

# The second node: envelopes of more than 2 objects go to the worker (status "pending" until stored),
# requests over 4096 bytes are refused, and no page holds more than 5 objects.
SMALL_NODE_ENV = {
    "HOTLINE_TAXII_INLINE_OBJECTS": "2",
    "HOTLINE_TAXII_MAX_CONTENT_LENGTH": "4096",
    "HOTLINE_TAXII_MAX_PAGE_SIZE": "5",
}


def on_node(target, code: str) -> str:
    """Run Python with Django set up against a node's data directory (as tests/live.py creates the actors);
    one process instead of one `hotline` command per step keeps the suite fast. Returns what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        capture_output=True, text=True, check=True, cwd=ROOT,
        env=node_environment(target.data_dir, {**target.env, "DJANGO_SETTINGS_MODULE": "hotline.settings"}),
    )  # fmt: skip
    return done.stdout


def _register_tokens(target) -> None:
    """The API token of each actor on the node (the suite's authentication: see support.TOKENS)."""
    for name in ("alice", "bob", "charlie"):
        TOKENS[(target.url, name)] = target.token(name)


@pytest.fixture(scope="session")
def node(live_node):
    if (live_node.url, "alice") not in TOKENS:
        _register_tokens(live_node)
    return live_node


@pytest.fixture(scope="session")
def small_node(tmp_path_factory):
    started = make_node(tmp_path_factory.mktemp("small") / "bnpt", env=SMALL_NODE_ENV)
    try:
        _register_tokens(started)
        yield started
    finally:
        started.stop()


@pytest.fixture(scope="session")
def collection_ids(node) -> dict[str, str]:
    """alias -> id of the node's collections (as alice sees them: she sees all four)."""
    found = get(node.api_root + "collections/").json()["collections"]
    return {c["alias"]: c["id"] for c in found}


@pytest.fixture(scope="session")
def collection_url(node, collection_ids):
    """collection_url(alias) -> the URL of that collection on the shared node (addressed by id)."""

    def url(alias: str) -> str:
        return f"{node.api_root}collections/{collection_ids[alias]}/"

    return url


@pytest.fixture(scope="session")
def client():
    """client(node, user) -> taxii2client ApiRoot; client(node, user, alias) -> that user's Collection."""

    def make(target, user: str = "alice", alias: str | None = None):
        api = ApiRoot(target.api_root, auth=TokenAuth(TOKENS[(target.url, user)]))
        if alias is None:
            return api
        return next(c for c in api.collections if c.alias == alias)

    return make


@pytest.fixture(scope="session")
def server(node):
    return Server(node.url + "/taxii2/", auth=TokenAuth(node.token("alice")))


@pytest.fixture(scope="session")
def intel(client, node) -> Collection:
    """alice's `intel` collection on the shared node (tests keep apart by using fresh ids)."""
    return client(node, "alice", "intel")


@pytest.fixture(scope="session")
def new_collection():
    """new_collection(node) -> a new empty collection alice may read and write (a taxii2client Collection).

    For tests that count everything in a collection (paging, headers, filters)."""

    def make(target) -> Collection:
        alias = f"t-{uuid.uuid4().hex[:12]}"
        collection_id = on_node(
            target,
            "from django.contrib.auth import get_user_model\n"
            "from hotline.access.services import grant\n"
            "from hotline.intel.services import create_collection\n"
            f"collection = create_collection({alias!r}, 'Test {alias}')\n"
            "grant(collection, user=get_user_model().objects.get(username='alice'), read=True, write=True)\n"
            "print(collection.id)\n",
        ).strip()
        url = f"{target.api_root}collections/{collection_id}/"
        return Collection(url, auth=TokenAuth(TOKENS[(target.url, "alice")]))

    return make


A_VERSIONS = ("2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z")
M_VERSIONS = ("2024-01-15T00:00:00.000Z", "2024-02-15T00:00:00.000Z")


@dataclass
class Corpus:
    """A collection holding exactly: indicator `a` (3 versions), malware `m` (2), SCO `s`, identity `i`
    (one version, the same timestamp as a's second) and relationship `r`, added in three POSTs:
    [a1, m1, s, i], [a2, m2, r], [a3]."""

    collection: Collection
    a: str
    m: str
    s: str
    i: str
    r: str
    # Every entry of the collection (manifest with match[version]=all), in date_added order.
    manifest: list[dict] = field(default_factory=list)

    def date_added(self, stix_id: str, version: str | None = None) -> str:
        matches = [
            e
            for e in self.manifest
            if e["id"] == stix_id and (version is None or when(e["version"]) == when(version))
        ]
        assert len(matches) == 1, matches
        return matches[0]["date_added"]

    @property
    def url(self) -> str:
        return self.collection.url


@pytest.fixture(scope="session")
def corpus(node, new_collection) -> Corpus:
    collection = new_collection(node)
    a, m = indicator(), malware()
    s, i = ipv4("203.0.113.9"), identity(modified=A_VERSIONS[1])
    r = relationship(a["id"], m["id"], modified=A_VERSIONS[2])
    a1, a2, a3 = versions_of(a, *A_VERSIONS)
    m1, m2 = versions_of(m, *M_VERSIONS)
    post_all(collection, a1, m1, s, i)
    post_all(collection, a2, m2, r)
    post_all(collection, a3)
    manifest = collection.get_manifest(version="all")
    assert len(manifest["objects"]) == 8 and manifest["more"] is False
    return Corpus(collection, a["id"], m["id"], s["id"], i["id"], r["id"], manifest["objects"])
