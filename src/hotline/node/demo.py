"""`hotline demo`: two nodes, bnpt and mps, on loopback, with demo users and data from the seed."""

import base64
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from hotline.federation import keys
from hotline.node import processes

NODES = (("bnpt", "BNPT (Indonesia)"), ("mps", "Ministry of Public Security (Viet Nam)"))
DEMO_USERS = (
    ("admin", "admin"),
    ("officer", "officer"),
    ("analyst", "analyst"),
    ("supervisor", "supervisor"),
    ("coordinator", "coordinator"),
    ("secretariat", "secretariat"),
    ("ambassador", "ambassador"),
)


def _embedded(node_dir: Path) -> dict:
    # The demo is the embedded default: each node its own SQLite file, whatever HOTLINE_DATABASE_URL says.
    return {"HOTLINE_DATABASE_URL": "", "HOTLINE_DATA_DIR": str(node_dir)}


def _hotline(*args: str, node_dir: Path, env: dict | None = None) -> None:
    subprocess.run(
        [sys.executable, "-m", "hotline.cli", *args],
        check=True,
        env={**os.environ, **(env or {}), **_embedded(node_dir)},
    )


TOTP_FILE = "demo-totp.json"


def totp_keys(data_dir: Path) -> dict[str, str]:
    """The demo users' authenticator keys (hex), kept in DATA_DIR/demo-totp.json so that an authenticator
    app set up once keeps working for every later `hotline demo`; the same on both nodes."""
    path = data_dir / TOTP_FILE
    keys = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if set(keys) != {u for u, _ in DEMO_USERS}:
        keys = {username: keys.get(username) or secrets.token_hex(20) for username, _ in DEMO_USERS}
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(keys, indent=2), encoding="utf-8")
        path.chmod(0o600)
    return keys


def seed(password: str) -> None:
    """Create (or reset) the demo users and store the demo data; runs inside one node's Django process.
    Each demo user gets an authenticator with the key in HOTLINE_DEMO_TOTP ({user: hex key}, which `demo`
    passes), else a new one, whose secret is printed."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from hotline.access.services import create_user
    from hotline.intel import services as intel
    from hotline.intel.models import Collection
    from hotline.node.demo_data import objects_for

    users = get_user_model()
    for username, role in DEMO_USERS:
        user = users.objects.filter(username=username).first()
        if user is None:
            email = f"{username}@{settings.NODE_NAME}.demo.invalid"  # emails appear in the worker's log
            create_user(username, role, password, email=email, check_password=False)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
    _enrol_demo_users(json.loads(os.environ.get("HOTLINE_DEMO_TOTP") or "{}"))
    if os.environ.get("HOTLINE_DEMO_API_TOKEN"):
        _analyst_token(os.environ["HOTLINE_DEMO_API_TOKEN"])
    for alias, objects in objects_for(settings.NODE_NAME).items():
        result = intel.add_objects(Collection.objects.get(alias=alias), objects)
        if result.failures:
            raise RuntimeError(f"demo data rejected: {result.failures}")
    _seed_desk(settings.NODE_NAME)
    from hotline.peace import demo as peace_demo

    peace_demo.seed(settings.NODE_NAME)
    from hotline.peace.campaigns import registry_demo

    registry_demo.seed(settings.NODE_NAME)
    from hotline.peace.campaigns import workflow_demo

    workflow_demo.seed(settings.NODE_NAME)
    from hotline.programme import seed as programme_seed

    programme_seed.seed()
    from hotline.peace.campaigns import reach_demo

    reach_demo.seed(settings.NODE_NAME)


def _enrol_demo_users(keys: dict[str, str]) -> None:
    from django.contrib.auth import get_user_model

    from hotline.access import second_factor

    for username, _ in DEMO_USERS:
        user = get_user_model().objects.get(username=username)
        device = second_factor.enrol_with_key(user, keys.get(username) or second_factor.random_key_hex())
        if username not in keys:
            print(f"{username}: authenticator secret {second_factor.secret_text(device)}")


API_USER = "analyst"


def _analyst_token(token: str) -> None:
    """The demo analyst's API token for scripts (taxii2-client, curl): HTTP Basic is refused for roles that
    require a second factor, so the demo hands out a token (new each run; the previous one is revoked)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hotline.access.models import ApiToken
    from hotline.access.services import create_token

    user = get_user_model().objects.get(username=API_USER)
    ApiToken.objects.filter(user=user, name="demo", revoked_at=None).update(revoked_at=timezone.now())
    create_token(user, "demo", raw=token)


def totp_secret(key_hex: str) -> str:
    return base64.b32encode(bytes.fromhex(key_hex)).decode("ascii").rstrip("=")


def current_codes(data_dir: Path) -> dict[str, str]:
    """`hotline demo-codes`: each demo user's code now (for trying the demo without an authenticator app)."""
    from django_otp.oath import totp

    return {user: f"{totp(bytes.fromhex(key)):06d}" for user, key in totp_keys(data_dir).items()}


def _seed_desk(node: str) -> None:
    """The other demo node as a partner (federated when `demo` passes HOTLINE_DEMO_PEERS: its URL, the token
    our node uses there, the token it uses here, its public key), and the demo officer on duty around the
    clock for 30 days."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hotline.desk.models import DutyShift
    from hotline.federation import services as federation
    from hotline.federation.models import Partner

    peers = json.loads(os.environ.get("HOTLINE_DEMO_PEERS") or "{}")
    for name, title in NODES:
        if name == node:
            continue
        peer = peers.get(name)
        link = federation.Link(
            url=peer["url"], token=peer["token_there"], public_keys=[peer["public_key"]]
        ) if peer else federation.Link()  # fmt: skip
        partner = Partner.objects.filter(name=name).first()
        if partner is None:
            partner = federation.create_partner(name, title, link=link)
        elif peer:
            federation.update_link(partner, link)
        if peer:
            federation.set_account(partner, _partner_account(name, peer["token_here"]))
    if not DutyShift.objects.exists():
        users = get_user_model().objects
        start = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
        DutyShift.objects.create(
            officer=users.get(username="officer"),
            starts_at=start,
            ends_at=start + timedelta(days=30),
            handover_note="Demo: one shift covers the whole month.",
            created_by=users.get(username="supervisor"),
        )


def _partner_account(peer: str, token: str):
    """The peer node's user here (no role: the partner grants alone let it read and write), with the token
    the peer was given (the demo makes new tokens each run and revokes the old)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hotline.access.models import ApiToken
    from hotline.access.services import create_token, create_user

    username = f"{peer}-node"
    account = get_user_model().objects.filter(username=username).first()
    if account is None:
        account = create_user(username, "analyst", secrets.token_urlsafe(24), check_password=False)
        account.groups.clear()
    ApiToken.objects.filter(user=account, revoked_at=None).update(revoked_at=timezone.now())
    create_token(account, "federation", raw=token)
    return account


def run(data_dir: Path, *, base_port: int, host: str) -> int:
    password = os.environ.get("HOTLINE_DEMO_PASSWORD") or secrets.token_urlsafe(12)
    otp_keys = totp_keys(data_dir)
    children = []
    urls = {name: f"http://{host}:{base_port + offset}" for offset, (name, _) in enumerate(NODES)}
    for name, title in NODES:
        print(f"Setting up node {name} in {data_dir / name} …", file=sys.stderr)
        _hotline(
            "init",
            "--data-dir",
            str(data_dir / name),
            "--node",
            name,
            "--title",
            title,
            "--base-url",
            urls[name],
            node_dir=data_dir / name,
        )
    # Each node gets the other as a partner: URL, a token for each direction, the other's public key.
    tokens = {(a, b): "htl_" + secrets.token_urlsafe(32) for a, _ in NODES for b, _ in NODES if a != b}
    api_tokens = {name: "htl_" + secrets.token_urlsafe(32) for name, _ in NODES}  # the analyst's, per node
    for offset, (name, _) in enumerate(NODES):
        node_dir = data_dir / name
        bind = f"{host}:{base_port + offset}"
        peers = {
            peer: {
                "url": urls[peer] + "/taxii2/",
                "token_there": tokens[(name, peer)],
                "token_here": tokens[(peer, name)],
                "public_key": keys.public_key_text(data_dir / peer),
            }
            for peer, _ in NODES
            if peer != name
        }
        _hotline(
            "demo-seed", "--data-dir", str(node_dir), node_dir=node_dir,
            env={"HOTLINE_DEMO_PASSWORD": password, "HOTLINE_DEMO_PEERS": json.dumps(peers),
                 "HOTLINE_DEMO_TOTP": json.dumps(otp_keys), "HOTLINE_DEMO_API_TOKEN": api_tokens[name]},
        )  # fmt: skip
        env = {
            **_embedded(node_dir),
            "HOTLINE_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        }
        children.append((f"{name} web", processes.web_command(bind, workers=2, threads=4), env))
        children += [
            (f"{name} {what}", command, env) for what, command in processes.worker_commands(node_dir)
        ]

    def announce():
        lines = ["", "Hotline demo is running (Ctrl-C stops both nodes):"]
        for offset, (name, title) in enumerate(NODES):
            url = f"http://{host}:{base_port + offset}"
            lines.append(f"  {name:<5} {title:<40} {url}/  TAXII {url}/taxii2/")
        lines += [
            f"  users on both nodes: {', '.join(u for u, _ in DEMO_USERS)}   password: {password}",
            "  then a code from an authenticator app (the same on both nodes; kept for later demos):",
            *(f"    {u:<11} secret {totp_secret(otp_keys[u])}" for u, _ in DEMO_USERS),
            f"    no app at hand? `hotline demo-codes --data-dir {data_dir}` prints the codes of this moment",
            "  scripts use an API token (HTTP Basic is refused for roles that need a second factor):",
            *(f"    {API_USER}'s API token on {name}: {api_tokens[name]}" for name, _ in NODES),
            "  try:",
            f"    curl -H 'Authorization: Token {api_tokens[NODES[0][0]]}' "
            "-H 'Accept: application/taxii+json;version=2.1' "
            f"http://{host}:{base_port}/taxii2/api/collections/intel/objects/",
            "  send a flash alert from bnpt to mps, then look at mps's inbox (see README):",
            f"    hotline send --data-dir {data_dir / 'bnpt'} --to mps --kind alert --priority flash "
            "--subject 'Ancaman serangan' --body '…'",
            f"    hotline inbox --data-dir {data_dir / 'mps'}",
            f"  the nodes' logs: {data_dir}/*.log",
            "",
        ]
        print("\n".join(lines), flush=True)

    return processes.supervise(
        children, announce=announce, log_dir=data_dir, health_urls=[url + "/healthz" for url in urls.values()]
    )
