"""A real node for tests: `hotline serve` (gunicorn + worker) in a subprocess on a free loopback port."""

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.actors import PASSWORD

TAXII = "application/taxii+json;version=2.1"
REPOSITORY = Path(__file__).resolve().parent.parent
SETTINGS = "hotline.settings"

_SETUP = """
import django; django.setup()
from tests.actors import create_actors
create_actors()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hotline(
    data_dir: Path, *args: str, env: dict | None = None, check: bool = True, input: str | None = None
):
    return subprocess.run(
        [sys.executable, "-m", "hotline.cli", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, check=check, input=input,
        env={**os.environ, **(env or {}), "HOTLINE_DATA_DIR": str(data_dir)},
    )  # fmt: skip


@dataclass
class LiveNode:
    data_dir: Path
    port: int
    process: subprocess.Popen | None = None
    env: dict = field(default_factory=dict)
    scheme: str = "http"
    serve_args: list = field(default_factory=list)  # e.g. --certfile/--keyfile/--ca-certs
    health_kwargs: dict = field(default_factory=dict)  # requests options for the health check (TLS)

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    @property
    def api_root(self) -> str:
        return f"{self.url}/taxii2/api/"

    def collection_url(self, alias: str, user: str = "alice") -> str:
        found = self.get("collections/", user=user).json()["collections"]
        return self.api_root + "collections/" + next(c["id"] for c in found if c["alias"] == alias) + "/"

    def get(self, path: str, user: str = "alice", **kwargs) -> requests.Response:
        headers = {"Accept": TAXII, **kwargs.pop("headers", {})}
        return requests.get(
            self.api_root + path, auth=(user, PASSWORD), headers=headers, timeout=30, **kwargs
        )

    def start(self) -> "LiveNode":
        log = (self.data_dir / "serve.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hotline.cli", "serve", "--data-dir", str(self.data_dir),
             "--bind", f"127.0.0.1:{self.port}", "--workers", "2", "--threads", "4", *self.serve_args],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **self.env},
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
    subprocess.run(
        [sys.executable, "-c", _SETUP], check=True, capture_output=True, cwd=REPOSITORY,
        env={**os.environ, **env, "HOTLINE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": SETTINGS},
    )  # fmt: skip
    return LiveNode(data_dir=data_dir, port=free_port(), env=env).start()
