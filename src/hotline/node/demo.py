"""`hotline demo`: two nodes, bnpt and mps, on loopback, with demo users and data from the seed."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from hotline.node import processes

NODES = (("bnpt", "BNPT (Indonesia)"), ("mps", "Ministry of Public Security (Viet Nam)"))
DEMO_USERS = (
    ("admin", "admin"),
    ("officer", "officer"),
    ("analyst", "analyst"),
    ("supervisor", "supervisor"),
)


def _hotline(*args: str, env: dict | None = None) -> None:
    subprocess.run(
        [sys.executable, "-m", "hotline.cli", *args], check=True, env={**os.environ, **(env or {})}
    )


def seed(password: str) -> None:
    """Create (or reset) the demo users and store the demo data; runs inside one node's Django process."""
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
    for alias, objects in objects_for(settings.NODE_NAME).items():
        result = intel.add_objects(Collection.objects.get(alias=alias), objects)
        if result.failures:
            raise RuntimeError(f"demo data rejected: {result.failures}")
    _seed_desk(settings.NODE_NAME)


def _seed_desk(node: str) -> None:
    """The other demo node as a partner, and the demo officer on duty around the clock for 30 days."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hotline.desk.models import DutyShift
    from hotline.federation import services as federation
    from hotline.federation.models import Partner

    for name, title in NODES:
        if name != node and not Partner.objects.filter(name=name).exists():
            federation.create_partner(name, title)
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


def run(data_dir: Path, *, base_port: int, host: str) -> int:
    password = os.environ.get("HOTLINE_DEMO_PASSWORD") or secrets.token_urlsafe(12)
    children = []
    for offset, (name, title) in enumerate(NODES):
        node_dir = data_dir / name
        bind = f"{host}:{base_port + offset}"
        print(f"Setting up node {name} in {node_dir} …", file=sys.stderr)
        _hotline(
            "init",
            "--data-dir",
            str(node_dir),
            "--node",
            name,
            "--title",
            title,
            "--base-url",
            f"http://{bind}",
        )
        _hotline("demo-seed", "--data-dir", str(node_dir), env={"HOTLINE_DEMO_PASSWORD": password})
        env = {
            "HOTLINE_DATA_DIR": str(node_dir),
            "HOTLINE_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        }
        children.append((f"{name} web", processes.web_command(bind, workers=2, threads=4), env))
        children.append((f"{name} worker", processes.worker_command(node_dir), env))

    def announce():
        lines = ["", "Hotline demo is running (Ctrl-C stops both nodes):"]
        for offset, (name, title) in enumerate(NODES):
            url = f"http://{host}:{base_port + offset}"
            lines.append(f"  {name:<5} {title:<40} {url}/  TAXII {url}/taxii2/")
        lines += [
            f"  users on both nodes: {', '.join(u for u, _ in DEMO_USERS)}   password: {password}",
            "  try:",
            f"    curl -u analyst:{password} -H 'Accept: application/taxii+json;version=2.1' "
            f"http://{host}:{base_port}/taxii2/api/collections/intel/objects/",
            "",
        ]
        print("\n".join(lines), flush=True)

    return processes.supervise(children, announce=announce)
