"""Live linked nodes for the federation benchmark: `hotline serve` (gunicorn + worker) on loopback, each
node the other's partner (an account and a token for the partner, its URL and public key),
set up before they serve.

The same approach as tests/federation/support.py, copied here because a benchmark does not import the tests.
Every request goes to 127.0.0.1 and every wait is bounded.

The nodes use the database configured by HOTLINE_DATABASE_URL: unset, each its own SQLite file; a PostgreSQL
URL (a server where that role may create databases), each a database of its own created on that server, and
dropped at the end. The bench reads a node's database through that same configuration (`Node.query`).
"""

import json
import math
import os
import platform
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import requests

from hotline.federation import keys

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "hotline.settings"
PASSWORD = "bench-federation-password-2025"
TITLES = {"bnpt": "BNPT (Indonesia)", "mps": "Ministry of Public Security (Viet Nam)", "somtc": "SOMTC"}

_SETUP = """
import json, os, django
django.setup()
from hotline.access import roles
from hotline.access.services import create_token, create_user
from hotline.federation import services as federation
from hotline.node.services import create_defaults
create_defaults()
create_user("officer", roles.OFFICER, os.environ["BENCH_PASSWORD"], check_password=False)
for peer in json.loads(os.environ["PEERS"]):
    account = create_user(peer["name"] + "-node", "analyst", "unused-password-1234", check_password=False)
    account.groups.clear()
    create_token(account, "federation", raw=peer["token_here"])
    link = federation.Link(**peer["link"])
    federation.create_partner(peer["name"], peer["title"], account=account, link=link)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hotline(data_dir: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hotline.cli", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, check=True,
        env={**os.environ, **(env or {}), "HOTLINE_DATA_DIR": str(data_dir)},
    )  # fmt: skip


@dataclass
class Node:
    name: str
    data_dir: Path
    port: int
    env: dict = field(default_factory=dict)
    process: subprocess.Popen | None = None

    @property
    def database_url(self) -> str:
        """The node's PostgreSQL database, or "" for its SQLite file."""
        url = self.env.get("HOTLINE_DATABASE_URL", "")
        return url if url.startswith(("postgres://", "postgresql://")) else ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self) -> Path:
        return self.data_dir / "hotline.sqlite3"

    def django_env(self, **extra) -> dict:
        return {**os.environ, **self.env, "HOTLINE_DATA_DIR": str(self.data_dir),
                "DJANGO_SETTINGS_MODULE": SETTINGS, **extra}  # fmt: skip

    def start(self, timeout: float = 120) -> float:
        """Serve (web + worker); returns when /healthz answers, with the seconds it took."""
        began = time.monotonic()
        log = (self.data_dir / "serve.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hotline.cli", "serve", "--data-dir", str(self.data_dir),
             "--bind", f"127.0.0.1:{self.port}", "--workers", "2", "--threads", "4"],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **self.env},
        )  # fmt: skip
        while time.monotonic() - began < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {(self.data_dir / 'serve.log').read_text()[-3000:]}")
            try:
                if requests.get(self.url + "/healthz", timeout=5).ok:
                    return time.monotonic() - began
            except (requests.ConnectionError, requests.Timeout):
                pass  # not listening yet
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.name} did not start within {timeout} s")

    def cpu_seconds(self) -> float:
        """CPU seconds (user + system) used so far by the node: `hotline serve` and every live descendant
        (gunicorn master and workers, the task workers), plus the children they already reaped (/proc)."""
        if not self.process or self.process.poll() is not None:
            return 0.0
        parents, times = {}, {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # exited meanwhile
            pid = int(entry.name)
            parents[pid] = int(fields[1])
            times[pid] = sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
        tree, grew = {self.process.pid}, True
        while grew:
            more = {pid for pid, parent in parents.items() if parent in tree} - tree
            tree |= more
            grew = bool(more)
        return sum(times.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def python(self, code: str, *, timeout: float = 3600, extra_env: dict | None = None, stream=None):
        """Run Python inside the node's environment (its database). The last line printed is parsed as JSON
        and returned; stderr goes to `stream` (progress) or is kept for the error message."""
        done = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()\n" + code], stdout=subprocess.PIPE,
            stderr=stream if stream is not None else subprocess.PIPE, text=True, cwd=ROOT, timeout=timeout,
            env=self.django_env(**(extra_env or {})),
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"python in {self.name} failed: {(done.stderr or '')[-3000:]}")
        out = done.stdout.strip()
        return json.loads(out.splitlines()[-1]) if out else None

    def query(self, sql: str, params=()) -> list[tuple]:
        """Read the node's database (`?` placeholders on either): its SQLite file directly, read-only (WAL
        lets us read while it writes), or its PostgreSQL database."""
        if not self.database_url:
            with sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=30) as db:
                return db.execute(sql, params).fetchall()
        import psycopg  # only with a PostgreSQL database

        with psycopg.connect(self.database_url, autocommit=True) as db:
            return db.execute(sql.replace("?", "%s"), tuple(params)).fetchall()

    def drop_database(self) -> None:
        """Drop the node's PostgreSQL database (the node stopped); nothing for SQLite (its data dir)."""
        if self.database_url:
            _postgres(self.database_url, 'DROP DATABASE IF EXISTS "{}" WITH (FORCE)')


def _postgres(database_url: str, statement: str) -> None:
    """Run `statement` ({} = the database's name) on the server's `postgres` database."""
    import psycopg

    url = urlparse(database_url)
    with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as db:
        db.execute(statement.format(url.path[1:]))


def federate(tmp: Path, names=("bnpt", "mps"), *, env: dict | None = None) -> dict[str, Node]:
    """Initialised nodes that are each other's partners (not started)."""
    nodes = {}
    server = {**os.environ, **(env or {})}.get("HOTLINE_DATABASE_URL", "")
    for name in names:
        node_env = dict(env or {})
        if server.startswith(("postgres://", "postgresql://")):
            database = f"bench_{name}_{uuid.uuid4().hex[:12]}"
            node_env["HOTLINE_DATABASE_URL"] = urlparse(server)._replace(path="/" + database).geturl()
            _postgres(node_env["HOTLINE_DATABASE_URL"], 'CREATE DATABASE "{}"')
        node = Node(name, tmp / name, free_port(), node_env)
        hotline(node.data_dir, "init", "--node", name, "--title", TITLES[name], env=node.env)
        nodes[name] = node
    tokens = {(a, b): "htl_" + secrets.token_urlsafe(32) for a in names for b in names if a != b}
    for name, node in nodes.items():
        peers = [
            {
                "name": peer,
                "title": TITLES[peer],
                "token_here": tokens[(peer, name)],
                "link": {
                    "url": f"{nodes[peer].url}/taxii2/",
                    "token": tokens[(name, peer)],
                    "public_keys": [keys.public_key_text(nodes[peer].data_dir)],
                },
            }
            for peer in names
            if peer != name
        ]
        subprocess.run(
            [sys.executable, "-c", _SETUP], check=True, capture_output=True, cwd=ROOT, timeout=300,
            env=node.django_env(PEERS=json.dumps(peers), BENCH_PASSWORD=PASSWORD),
        )  # fmt: skip
    return nodes


def machine() -> dict:
    model = ""
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": load,
        "database": "postgresql"
        if os.environ.get("HOTLINE_DATABASE_URL", "").startswith("postgres")
        else "sqlite",
    }


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), nearest rank."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]
