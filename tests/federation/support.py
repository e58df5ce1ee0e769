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
