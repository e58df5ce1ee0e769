"""A real node for tests: `hotline serve` (gunicorn + worker) in a subprocess on a free loopback port."""

import contextlib
import hashlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import requests

TAXII = "application/taxii+json;version=2.1"
REPOSITORY = Path(__file__).resolve().parent.parent
SETTINGS = "hotline.settings"

_SETUP = """
import django; django.setup()
from tests.actors import create_actors
from hotline.access.services import create_token
for name, user in create_actors().items():
    print(name, create_token(user, "live-tests")[1])
"""

# An API token for a user of a live node (printed by the script; the token is its last line).
_TOKEN = """
import django; django.setup()
from django.contrib.auth import get_user_model
from hotline.access.services import create_token
print(create_token(get_user_model().objects.get(username={user!r}), "live-tests")[1])
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def node_environment(data_dir: Path, extra: dict | None = None) -> dict:
    """The environment of a process that works on the node in `data_dir` (a `hotline` command, a live node,
    Python run inside it). When the suite runs on PostgreSQL, each node gets a database of its own, as each
    node has its own SQLite file by default."""
    env = {**os.environ, **(extra or {}), "HOTLINE_DATA_DIR": str(data_dir)}
    if env.get("HOTLINE_DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        env["HOTLINE_DATABASE_URL"] = postgres_database_for(Path(data_dir), env["HOTLINE_DATABASE_URL"])
    return env


def embedded_environment(extra: dict | None = None) -> dict:
    """The environment of `hotline demo`, which always runs the embedded default (SQLite)."""
    return {**os.environ, **(extra or {}), "HOTLINE_DATABASE_URL": ""}


def postgres_database_for(data_dir: Path, server_url: str, template: str | None = None) -> str:
    """The URL of the node's own database on the test server, created on first use (as a copy of
    `template`, a database name, if given)."""
    import psycopg  # only on the PostgreSQL run

    name = "node_" + hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:20]
    server = urlparse(server_url)
    with psycopg.connect(server._replace(path="/postgres").geturl(), autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return server._replace(path="/" + name).geturl()


# A database with every migration applied and no rows, made once per test run by Django's real `migrate`
# of this checkout. `hotline init` of a test node starts from a copy of it, so its own `migrate` finds
# nothing to do: applying 80 migrations costs about 10 s of CPU, hundreds of nodes start in a run, and
# their schema is the same. `hotline demo` (tests/node) still migrates from nothing, as `make demo` does.
_TEMPLATE_DIR = Path(tempfile.mkdtemp(prefix="hotline-test-template-"))
_templates: dict[str, str] = {}


def _migrated_template(server_url: str) -> str:
    """The template's SQLite file, or its PostgreSQL database name on `server_url`'s server."""
    if server_url not in _templates:
        data_dir = _TEMPLATE_DIR / f"template-{len(_templates)}"
        data_dir.mkdir()
        database_url = postgres_database_for(data_dir, server_url) if server_url else ""
        subprocess.run(
            [sys.executable, "-m", "django", "migrate", "--no-input", "-v", "0"],
            check=True, capture_output=True, cwd=REPOSITORY,
            env={**os.environ, "HOTLINE_DATA_DIR": str(data_dir), "HOTLINE_DATABASE_URL": database_url,
                 "DJANGO_SETTINGS_MODULE": SETTINGS},
        )  # fmt: skip
        if server_url:
            _templates[server_url] = urlparse(database_url).path[1:]
        else:
            with contextlib.closing(sqlite3.connect(data_dir / "hotline.sqlite3")) as db:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the one file that is copied
            _templates[server_url] = str(data_dir / "hotline.sqlite3")
    return _templates[server_url]


def _from_template(data_dir: Path, env: dict | None) -> None:
    """Before a node's first `hotline init`: its database as a copy of the migrated template."""
    server_url = {**os.environ, **(env or {})}.get("HOTLINE_DATABASE_URL", "")
    if server_url.startswith(("postgres://", "postgresql://")):
        postgres_database_for(Path(data_dir), server_url, template=_migrated_template(server_url))
    elif not server_url and not (Path(data_dir) / "hotline.sqlite3").exists():
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_migrated_template(""), Path(data_dir) / "hotline.sqlite3")


def _postgres_url(data_dir: Path) -> str | None:
    url = os.environ.get("HOTLINE_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    return postgres_database_for(Path(data_dir), url)


@contextlib.contextmanager
def node_database(data_dir: Path):
    """A plain DB-API connection to a node's database, as a test set-up (or an attacker holding the database)
    would use; statements take `?` placeholders on either database. Commits on leaving."""
    url = _postgres_url(data_dir)
    if url is None:
        connection = sqlite3.connect(Path(data_dir) / "hotline.sqlite3")
        connection.row_factory = sqlite3.Row
        try:
            yield _Database(connection, "?")
            connection.commit()
        finally:
            connection.close()
        return
    import psycopg
    from psycopg.rows import dict_row

    with psycopg.connect(url, row_factory=dict_row) as connection:
        connection.execute("SET TIME ZONE 'UTC'")
        yield _Database(connection, "%s")


@dataclass
class _Database:
    connection: object
    placeholder: str

    @property
    def vendor(self) -> str:
        return "sqlite" if self.placeholder == "?" else "postgresql"

    def execute(self, sql: str, params=()) -> list[dict]:
        cursor = self.connection.execute(sql.replace("?", self.placeholder), tuple(params))
        rows = cursor.fetchall() if cursor.description else []
        return [dict(row) for row in rows]


def copy_node(source: Path, target: Path) -> None:
    """A copy of a stopped node: its data directory and, on PostgreSQL, its database."""
    shutil.copytree(source, target)
    url = _postgres_url(source)
    if url is not None:
        import psycopg

        source_db = urlparse(url).path.lstrip("/")
        target_db = urlparse(postgres_database_for(Path(target), os.environ["HOTLINE_DATABASE_URL"])).path[1:]
        with psycopg.connect(urlparse(url)._replace(path="/postgres").geturl(), autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{target_db}"')
            server.execute(f'CREATE DATABASE "{target_db}" TEMPLATE "{source_db}"')


def hotline(
    data_dir: Path, *args: str, env: dict | None = None, check: bool = True, input: str | None = None
):
    if args[:1] == ("init",):
        _from_template(data_dir, env)
    return subprocess.run(
        [sys.executable, "-m", "hotline.cli", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, check=check, input=input, env=node_environment(data_dir, env),
    )  # fmt: skip


CLI_PASSWORD = "tram-lantern-orbit-9"


def cli_node(data_dir: Path, users: dict[str, str], name: str = "bnpt") -> Path:
    """A node set up as its administrator would from the command line, not served: `hotline init`, then each
    user (`{username: role}`) with the password CLI_PASSWORD."""
    hotline(data_dir, "init", "--node", name)
    for username, role in users.items():
        hotline(data_dir, "user", "add", username, "--role", role, env={"HOTLINE_PASSWORD": CLI_PASSWORD})
    return data_dir


@dataclass
class LiveNode:
    data_dir: Path
    port: int
    process: subprocess.Popen | None = None
    env: dict = field(default_factory=dict)
    scheme: str = "http"
    serve_args: list = field(default_factory=list)  # e.g. --certfile/--keyfile/--ca-certs
    health_kwargs: dict = field(default_factory=dict)  # requests options for the health check (TLS)
    # API tokens of the node's users, made on first use. HTTP Basic is refused for every role that needs a
    # second factor (access/auth.py), so tests reach the API with tokens, as those users' scripts must.
    tokens: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    @property
    def api_root(self) -> str:
        return f"{self.url}/taxii2/api/"

    def collection_url(self, alias: str, user: str = "alice") -> str:
        found = self.get("collections/", user=user).json()["collections"]
        return self.api_root + "collections/" + next(c["id"] for c in found if c["alias"] == alias) + "/"

    def token(self, user: str = "alice") -> str:
        """An API token of `user` on this node (made once, with every right of the user)."""
        if user not in self.tokens:
            env = node_environment(self.data_dir, {**self.env, "DJANGO_SETTINGS_MODULE": SETTINGS})
            done = subprocess.run(
                [sys.executable, "-c", _TOKEN.format(user=user)], check=True, capture_output=True, text=True,
                cwd=REPOSITORY, env=env,
            )  # fmt: skip
            self.tokens[user] = done.stdout.split()[-1]
        return self.tokens[user]

    def auth(self, user: str = "alice") -> dict:
        """The Authorization header of `user` (an API token)."""
        return {"Authorization": f"Token {self.token(user)}"}

    def get(self, path: str, user: str = "alice", **kwargs) -> requests.Response:
        headers = {"Accept": TAXII, **self.auth(user), **kwargs.pop("headers", {})}
        return requests.get(self.api_root + path, headers=headers, timeout=30, **kwargs)

    def start(self) -> "LiveNode":
        log = (self.data_dir / "serve.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hotline.cli", "serve", "--data-dir", str(self.data_dir),
             "--bind", f"127.0.0.1:{self.port}", "--workers", "2", "--threads", "4", *self.serve_args],
            stdout=log, stderr=subprocess.STDOUT, env=node_environment(self.data_dir, self.env),
        )  # fmt: skip
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"node exited: {(self.data_dir / 'serve.log').read_text()[-3000:]}")
            try:
                if requests.get(self.url + "/healthz", timeout=5, **self.health_kwargs).ok:
                    return self
            except (requests.ConnectionError, requests.Timeout):  # (an SSLError is a ConnectionError)
                pass  # not listening yet, or the first request is still loading the application
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("node did not start within 180 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def make_node(data_dir: Path, name: str = "bnpt", env: dict | None = None) -> LiveNode:
    env = dict(env or {})
    hotline(data_dir, "init", "--node", name, env=env)
    done = subprocess.run(
        [sys.executable, "-c", _SETUP], check=True, capture_output=True, cwd=REPOSITORY, text=True,
        env=node_environment(data_dir, {**env, "DJANGO_SETTINGS_MODULE": SETTINGS}),
    )  # fmt: skip
    tokens = {name: token for name, _, token in (line.partition(" ") for line in done.stdout.splitlines())}
    return LiveNode(data_dir=data_dir, port=free_port(), env=env, tokens=tokens).start()
