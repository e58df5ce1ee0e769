"""Live federations for the tests: nodes started with `hotline serve` on loopback, each the other's partner,
with an account and token for the partner, its URL and public key, all set up before they serve."""

import json
import secrets
import subprocess
import sys
import time
from pathlib import Path

from hotline.federation import keys
from tests.live import REPOSITORY, SETTINGS, LiveNode, free_port, hotline, node_environment

TITLES = {"bnpt": "BNPT (Indonesia)", "mps": "Ministry of Public Security (Viet Nam)", "somtc": "SOMTC"}
# Fast retries and sync so a test never waits long; every wait below is bounded.
FAST = {"HOTLINE_FEDERATION_INTERVAL": "1", "HOTLINE_FEDERATION_MAX_BACKOFF": "2"}

_SETUP = """
import json, os, django
django.setup()
from tests.actors import create_actors
from hotline.access.services import create_token, create_user
from hotline.federation import services as federation
create_actors()
for peer in json.loads(os.environ["PEERS"]):
    account = create_user(peer["name"] + "-node", "analyst", "unused-password-1234", check_password=False)
    account.groups.clear()
    create_token(account, "federation", raw=peer["token_here"])
    link = federation.Link(**peer["link"])
    federation.create_partner(peer["name"], peer["title"], account=account, link=link)
"""


# Scripts run inside a node (`run_python`) by the tests that pull by hand.
# At bnpt: share N threat actors with mps; prints [[id, date_added], …] of outbound-mps in date_added order.
SHARE = """
import json, uuid
from hotline.federation import services as federation
home = federation.node_identity_id()
stamp = "2025-06-18T09:00:00.000Z"
green = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
objects = [{"type": "threat-actor", "spec_version": "2.1", "id": f"threat-actor--{uuid.uuid4()}",
            "created": stamp, "modified": stamp, "created_by_ref": home, "object_marking_refs": [green],
            "name": f"Paged actor {i}"} for i in range(%d)]
federation.share(federation.get_partner("mps"), objects)
from hotline.intel.models import CollectionEntry
entries = CollectionEntry.objects.filter(collection__alias="outbound-mps", type="threat-actor")
entries = entries.order_by("date_added", "pk")
print(json.dumps([[e.stix_id, e.date_added.isoformat()] for e in entries]))
"""

# At mps: pull from bnpt now; the desk fails on the object whose id is given ("none": on none).
PULL = """
import json
from hotline.federation import sync
from hotline.federation.models import Partner
from hotline.federation.signals import objects_received
POISON = %r

def desk_fails(sender, objects, **kwargs):
    if any(o["id"] == POISON for o in objects):
        raise RuntimeError("the desk failed while filing")

objects_received.connect(desk_fails, weak=False)
# Pull now, as `hotline sync` does: the backoff after the previous, failed pull is not under test.
Partner.objects.filter(name="bnpt").update(next_pull_at=None)
print(json.dumps(sync.pull(Partner.objects.get(name="bnpt"))))
"""

# At mps: what inbound-bnpt holds of the threat actors, the pull cursor, replays, receipts.
STATE = """
import json
from hotline import stix
from hotline.audit.models import Record
from hotline.federation.models import Partner, Quarantine
from hotline.intel.models import CollectionEntry, StixObject
partner = Partner.objects.get(name="bnpt")
entries = CollectionEntry.objects.filter(collection__alias="inbound-bnpt", type="threat-actor")
print(json.dumps({
    "entries": sorted(entries.values_list("stix_id", flat=True)),
    "versions": StixObject.objects.filter(type="threat-actor").count(),
    "cursor": stix.parse_timestamp(partner.pull_cursor).isoformat() if partner.pull_cursor else None,
    "last_pull_ok": partner.last_pull_ok, "last_error": partner.last_error, "replays": partner.replays,
    "quarantined": Quarantine.objects.count(),
    "receipts": [sorted(i for i in r.detail["stored"] if i.startswith("threat-actor--"))
                 for r in Record.objects.filter(action="federation.receive").order_by("seq")
                 if any(i.startswith("threat-actor--") for i in r.detail["stored"])],
}))
"""


def run_python(node: LiveNode, code: str):
    """Run Python inside a node's environment (its database); returns what the code prints, parsed as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code], capture_output=True, text=True,
        cwd=REPOSITORY, timeout=60,
        env=node_environment(node.data_dir, {**node.env, "DJANGO_SETTINGS_MODULE": SETTINGS}),
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else None


def cli(node: LiveNode, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return hotline(node.data_dir, *args, env=node.env, check=check)


def federate(
    tmp: Path,
    names=("bnpt", "mps"),
    *,
    push: bool = True,
    env: dict | None = None,
    link_extra: dict | None = None,
    scheme: dict | None = None,
    serve_args: dict | None = None,
    start: bool = True,
) -> dict[str, LiveNode]:
    """Nodes that are all each other's partners. `link_extra[a][b]`: more Link fields for a's link to b;
    `scheme[name]`: "https" for a node served over TLS (with `serve_args[name]`)."""
    env = {**FAST, **(env or {})}
    scheme, serve_args, link_extra = scheme or {}, serve_args or {}, link_extra or {}
    nodes = {}
    for name in names:
        node = LiveNode(data_dir=tmp / name, port=free_port(), env=dict(env))
        node.scheme = scheme.get(name, "http")
        node.serve_args = serve_args.get(name, [])
        hotline(node.data_dir, "init", "--node", name, "--title", TITLES[name], env=node.env)
        nodes[name] = node
    tokens = {(a, b): "htl_" + secrets.token_urlsafe(32) for a in names for b in names if a != b}
    for name, node in nodes.items():
        peers = [
            {
                "name": peer,
                "title": TITLES[peer],
                "token_here": tokens[(peer, name)],  # what `peer` uses on this node
                "link": {
                    "url": f"{scheme.get(peer, 'http')}://127.0.0.1:{nodes[peer].port}/taxii2/",
                    "token": tokens[(name, peer)],
                    "public_keys": [keys.public_key_text(nodes[peer].data_dir)],
                    "push_enabled": push,
                    **link_extra.get(name, {}).get(peer, {}),
                },
            }
            for peer in names
            if peer != name
        ]
        subprocess.run(
            [sys.executable, "-c", _SETUP], check=True, capture_output=True, cwd=REPOSITORY, timeout=120,
            env=node_environment(
                node.data_dir, {**node.env, "DJANGO_SETTINGS_MODULE": SETTINGS, "PEERS": json.dumps(peers)}
            ),
        )  # fmt: skip
    if start:
        for node in nodes.values():
            node.start()
    return nodes


def stop_all(nodes: dict[str, LiveNode]) -> None:
    for node in nodes.values():
        node.stop()


def wait_for(check, *, timeout: float = 30, interval: float = 0.5, what: str = "the condition"):
    """Poll `check()` until it returns something truthy (returned), at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"{what} not reached within {timeout} s (last: {last!r})")


def send(node: LiveNode, to: str, subject: str, **options) -> str:
    args = ["send", "--to", to, "--kind", options.get("kind", "alert"), "--priority",
            options.get("priority", "flash"), "--subject", subject, "--body", options.get("body", "…"),
            "--tlp", options.get("tlp", "amber"), "--as", "alice"]  # fmt: skip
    return cli(node, *args).stdout.strip()


def messages(node: LiveNode) -> list[dict]:
    """Every desk message of a node: id, direction, state, subject, partner."""
    return run_python(
        node,
        "import json\nfrom hotline.desk.models import Message\n"
        "print(json.dumps(list(Message.objects.values('stix_id', 'direction', 'state', 'subject', "
        "'partner__name', 'in_reply_to_ref'))))",
    )


def message(node: LiveNode, stix_id: str) -> dict | None:
    return next((m for m in messages(node) if m["stix_id"] == stix_id), None)


def link(node: LiveNode, partner: str) -> dict:
    return json.loads(cli(node, "partner", "show", partner, "--json").stdout)["link"]
