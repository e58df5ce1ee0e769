"""Shared parts of the benchmarks: the generated STIX objects, the two servers (a Hotline node and medallion)
run as child processes on loopback, timing statistics, progress and the machine report.

Benchmarks are run by hand (`make bench`, `python bench/million.py`), never by `make test`. Every request goes
to 127.0.0.1, and every loop is bounded in count and in time.
"""

import hashlib
import json
import os
import platform
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path

import requests
from taxii2client.v21 import Collection, Server

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
LOOPBACK = "127.0.0.1"
TAXII = "application/taxii+json;version=2.1"
PASSWORD = "bench-password-2025-jwg"

# --- the objects --------------------------------------------------------------------------------------------

# STIX 2.1 section 2.9: the namespace of deterministic (UUIDv5) SCO identifiers.
SCO_NAMESPACE = uuid.UUID("00abedb4-aa42-466c-9c01-fed23315a9b7")
# TLP 2.0, as Hotline ships it. The marked objects are TLP:CLEAR so that the HTTP Basic account reads the
# same pages as the token's analyst: Basic is open only to ambassadors (the one role without a second
# factor), and an ambassador reads TLP:CLEAR only. The analyst's queries filter on the readable levels
# whatever the marking.
TLP_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
EPOCH = datetime(2025, 6, 18, 9, 0, tzinfo=UTC)

# One block of 20 objects, repeated: 30% indicators, 30% SCOs, 20% relationships, 20% other SDOs.
BLOCK = (
    "identity", "threat-actor", "campaign", "malware",
    "indicator", "indicator", "indicator", "indicator", "indicator", "indicator",
    "domain-name", "domain-name", "url", "url", "ipv4-addr", "ipv4-addr",
    "relationship", "relationship", "relationship", "relationship",
)  # fmt: skip
# (source slot, relationship_type, target slot) of the four relationships of a block.
RELATIONSHIPS = ((2, "attributed-to", 1), (4, "indicates", 2), (5, "indicates", 3), (1, "uses", 3))
PATTERN_SOURCES = {4: 10, 5: 12, 6: 14, 7: 11, 8: 13, 9: 15}  # indicator slot -> SCO slot it watches for
TYPE_SHARE = {t: BLOCK.count(t) / len(BLOCK) for t in BLOCK}


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


class ObjectFactory:
    """Deterministic, realistic STIX 2.1 objects, object `i` always the same for a given seed, made one at a
    time (so a million never sit in memory unless the caller keeps them)."""

    def __init__(self, seed: str = "hotline-bench"):
        self.seed = seed
        self.offset = int.from_bytes(hashlib.blake2b(seed.encode(), digest_size=4).digest(), "big")

    def _uuid(self, i: int) -> str:
        return str(uuid.UUID(bytes=hashlib.md5(f"{self.seed}:{i}".encode()).digest(), version=4))  # noqa: S324

    def _sco_value(self, slot: int, i: int) -> str:
        h = hashlib.blake2b(f"{self.seed}:{i}".encode(), digest_size=8).hexdigest()
        if slot in (10, 11):
            return f"{h[:10]}.cdn-{h[10:]}.example"
        if slot in (12, 13):
            return f"https://{h[:8]}.example/{h[8:]}/payload.php?id={i}"
        # A bijection of i onto 32 bits (Knuth's multiplicative hash plus the seed's offset): distinct
        # objects get distinct addresses, which random ones would not (a million draws collide a few times).
        octets = (i * 2654435761 + self.offset) % 2**32
        return f"{octets >> 24}.{(octets >> 16) & 255}.{(octets >> 8) & 255}.{octets & 255}"

    def id_of(self, i: int) -> str:
        slot = i % len(BLOCK)
        kind = BLOCK[slot]
        if kind in ("domain-name", "url", "ipv4-addr"):
            value = json.dumps({"value": self._sco_value(slot, i)}, separators=(",", ":"), ensure_ascii=False)
            return f"{kind}--{uuid.uuid5(SCO_NAMESPACE, value)}"
        return f"{kind}--{self._uuid(i)}"

    def make(self, i: int) -> dict:
        slot = i % len(BLOCK)
        kind = BLOCK[slot]
        base = i - slot
        if kind in ("domain-name", "url", "ipv4-addr"):
            return {
                "type": kind,
                "spec_version": "2.1",
                "id": self.id_of(i),
                "value": self._sco_value(slot, i),
            }
        created = _stamp(EPOCH + timedelta(seconds=i))
        obj = {
            "type": kind,
            "spec_version": "2.1",
            "id": self.id_of(i),
            "created": created,
            "modified": created,
        }
        if kind != "identity":
            obj["created_by_ref"] = self.id_of(base)
        block = i // len(BLOCK)
        if kind == "identity":
            obj |= {
                "name": f"Regional CT desk {block}",
                "identity_class": "organization",
                "sectors": ["government-national"],
                "contact_information": f"desk{block}@example.org",
            }
        elif kind == "threat-actor":
            obj |= {
                "name": f"Network {block:06d}",
                "threat_actor_types": ["terrorist"],
                "aliases": [f"N{block}", f"Cell-{block % 97}"],
                "roles": ["agent"],
                "sophistication": "intermediate",
                "resource_level": "organization",
                "primary_motivation": "ideology",
                "first_seen": created,
            }
        elif kind == "campaign":
            obj |= {
                "name": f"Propaganda wave {block}",
                "description": "Coordinated posting of recruitment material across messaging channels.",
                "first_seen": created,
                "objective": "recruitment",
            }
        elif kind == "malware":
            obj |= {"name": f"dropper-{block}", "is_family": True, "malware_types": ["remote-access-trojan"]}
        elif kind == "indicator":
            sco = PATTERN_SOURCES[slot]
            value = self._sco_value(sco, base + sco)
            obj |= {
                "name": f"Watch {BLOCK[sco]} {value[:40]}",
                "description": "Seen in the distribution of propaganda material; block on sight.",
                "indicator_types": ["malicious-activity", "attribution"],
                "pattern": f"[{BLOCK[sco]}:value = '{value}']",
                "pattern_type": "stix",
                "valid_from": created,
                "confidence": 60 + i % 40,
                "labels": ["jwg-ct"],
                "object_marking_refs": [TLP_CLEAR],
            }
        else:  # relationship
            source, rel_type, target = RELATIONSHIPS[slot - 16]
            obj |= {
                "relationship_type": rel_type,
                "source_ref": self.id_of(base + source),
                "target_ref": self.id_of(base + target),
                "object_marking_refs": [TLP_CLEAR],
            }
        return obj

    def stream(self, start: int, stop: int) -> Iterator[dict]:
        for i in range(start, stop):
            yield self.make(i)

    def batches(self, start: int, stop: int, size: int) -> Iterator[list[dict]]:
        for low in range(start, stop, size):
            yield [self.make(i) for i in range(low, min(low + size, stop))]


# --- processes ----------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def _wait_until_up(process: subprocess.Popen, url: str, log: Path, auth=None, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{url}: the server exited ({process.returncode}); log tail:\n{log.read_text()[-3000:]}"
            )
        try:
            if requests.get(url, auth=auth, headers={"Accept": TAXII}, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s; log: {log}")


def _stop(process: subprocess.Popen | None) -> None:
    """Stop a server we started (its process group: the server and the children it started)."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class TokenAuth(requests.auth.AuthBase):
    """`Authorization: Token …` for Hotline's API tokens (taxii2-client takes any requests auth)."""

    def __init__(self, token: str):
        self.token = token

    def __call__(self, request):
        request.headers["Authorization"] = f"Token {self.token}"
        return request


def hotline_cli(data_dir: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hotline.cli", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, check=True, env={**os.environ, **(env or {})},
    )  # fmt: skip


@dataclass
class HotlineNode:
    """A Hotline node as an operator runs it: `hotline init`, `hotline user add`, `hotline serve`."""

    data_dir: Path
    name: str = "bench"
    user: str = "bencher"
    # HTTP Basic is refused for every role that requires a second factor (docs/security.md); the "basic"
    # measurements use an account of the one role without it, given the intel collection by a user grant.
    basic_user: str = "bencher-basic"
    workers: int = 2
    threads: int = 4
    env: dict = field(default_factory=dict)
    port: int = 0
    token: str = ""
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def init(self) -> "HotlineNode":
        hotline_cli(self.data_dir, "init", "--node", self.name, env=self.env)
        hotline_cli(
            self.data_dir, "user", "add", self.user, "--role", "analyst",
            env={**self.env, "HOTLINE_PASSWORD": PASSWORD},
        )  # fmt: skip
        self.token = hotline_cli(
            self.data_dir, "token", "create", self.user, "--name", "bench", "--read", "--write", env=self.env
        ).stdout.split()[0]
        hotline_cli(
            self.data_dir, "user", "add", self.basic_user, "--role", "ambassador",
            env={**self.env, "HOTLINE_PASSWORD": PASSWORD},
        )  # fmt: skip
        hotline_cli(
            self.data_dir, "collection", "grant", "intel", "--user", self.basic_user, "--read", "--write",
            env=self.env,
        )  # fmt: skip
        return self

    def start(self) -> "HotlineNode":
        self.port = self.port or free_port()
        log = self.data_dir / "serve.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hotline.cli", "serve", "--data-dir", str(self.data_dir),
             "--bind", f"{LOOPBACK}:{self.port}",
             "--workers", str(self.workers), "--threads", str(self.threads)],
            stdout=log.open("ab"), stderr=subprocess.STDOUT, env={**os.environ, **self.env},
            start_new_session=True,
        )  # fmt: skip
        _wait_until_up(self.process, self.url + "/healthz", log)
        return self

    def stop(self) -> None:
        _stop(self.process)

    def auth(self, mode: str) -> dict:
        return (
            {"auth": TokenAuth(self.token)}
            if mode == "token"
            else {"user": self.basic_user, "password": PASSWORD}
        )

    def collection(self, mode: str = "token", alias: str = "intel") -> Collection:
        """The `intel` collection, found as a client would: discovery, default API root, collections."""
        server = Server(self.url + "/taxii2/", **self.auth(mode))
        found = next(c for c in server.default.collections if c.alias == alias)
        return Collection(found.url, **self.auth(mode))


MEDALLION_API_ROOT = "api1"
MEDALLION_COLLECTION = "91a7b528-80eb-42ed-a74d-c6fbd5a26116"


@dataclass
class MedallionServer:
    """medallion, the OASIS reference TAXII 2.1 server, memory backend, run as `medallion CONFIG` runs it."""

    work_dir: Path
    user: str = "bencher"
    max_page_size: int = 1000
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def start(self) -> "MedallionServer":
        executable = Path(sys.executable).with_name("medallion")
        if not executable.exists():
            raise RuntimeError("medallion is not installed: .venv/bin/pip install -e '.[test,bench]'")
        self.port = self.port or free_port()
        self.work_dir.mkdir(parents=True, exist_ok=True)
        data = {
            "/discovery": {
                "title": "medallion (benchmark)",
                "default": f"{self.url}/{MEDALLION_API_ROOT}/",
                "api_roots": [f"{self.url}/{MEDALLION_API_ROOT}/"],
            },
            MEDALLION_API_ROOT: {
                "information": {
                    "title": "Benchmark API root",
                    "versions": [TAXII],
                    "max_content_length": 100 * 1024 * 1024,
                },
                "status": [],
                "collections": [
                    {
                        "id": MEDALLION_COLLECTION,
                        "title": "Benchmark collection",
                        "can_read": True,
                        "can_write": True,
                        "media_types": ["application/stix+json;version=2.1"],
                        "objects": [],
                        "manifest": [],
                    }
                ],
            },
        }
        (self.work_dir / "data.json").write_text(json.dumps(data, indent=1))
        config = {
            "backend": {
                "module": "medallion.backends.memory_backend",
                "module_class": "MemoryBackend",
                "filename": str(self.work_dir / "data.json"),
                # medallion keeps `next` cursors this long; its slow pages need more than the default 30 s.
                "session_timeout": 3600,
            },
            "users": {self.user: PASSWORD},
            "taxii": {"max_page_size": self.max_page_size},
        }
        (self.work_dir / "config.json").write_text(json.dumps(config, indent=1))
        log = self.work_dir / "medallion.log"
        self.process = subprocess.Popen(
            [str(executable), "--host", LOOPBACK, "--port", str(self.port), "--log-level", "WARN",
             str(self.work_dir / "config.json")],
            stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        _wait_until_up(self.process, self.url + "/taxii2/", log, auth=(self.user, PASSWORD))
        return self

    def stop(self) -> None:
        _stop(self.process)

    def collection(self) -> Collection:
        url = f"{self.url}/{MEDALLION_API_ROOT}/collections/{MEDALLION_COLLECTION}/"
        return Collection(url, user=self.user, password=PASSWORD)


def post_batches(
    collection: Collection, batches: Iterable[list[dict]], total: int, label: str, *, timeout: float = 3600
) -> tuple[float, int]:
    """POST each batch through taxii2-client, waiting for completion; return (seconds, objects stored).
    Only the POSTs (and status polls) are timed, not the making of the objects. A batch with any failure
    stops the run: the benchmark's objects are all valid STIX 2.1."""
    progress = Progress(label, total)
    elapsed = 0.0
    stored = 0
    for batch in batches:
        started = time.perf_counter()
        status = collection.add_objects(
            {"objects": batch}, wait_for_completion=True, poll_interval=0.2, timeout=timeout
        )
        elapsed += time.perf_counter() - started
        if status.status != "complete" or status.failure_count:
            failures = getattr(status, "failures", None) or []
            raise RuntimeError(f"{label}: status {status.status}, failures {failures[:3]}")
        stored += status.success_count
        progress.update(stored)
    progress.done()
    return elapsed, stored


# --- measuring ----------------------------------------------------------------------------------------------


class Progress:
    """A one-line progress report on stderr: done/total, rate, and time left."""

    def __init__(self, label: str, total: int, unit: str = "objects"):
        self.label, self.total, self.unit = label, total, unit
        self.started = time.monotonic()
        self.last = 0.0

    def update(self, done: int, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < 0.5 and done < self.total:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-9)
        rate = done / elapsed
        left = (self.total - done) / rate if rate and self.total else 0
        counts = f"{done:,}/{self.total:,} {self.unit}"
        line = f"{self.label}: {counts} ({rate:,.0f}/s, {elapsed:,.0f} s, ~{left:,.0f} s left)"
        print(f"\r  {line}  ", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        self.update(self.total, force=True)
        print(file=sys.stderr, flush=True)


@dataclass
class Timing:
    samples: list[float]

    @property
    def n(self) -> int:
        return len(self.samples)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        """Nearest-rank 95th percentile (with fewer than 20 samples this is the slowest one)."""
        return percentile(self.samples, 95)

    def as_dict(self) -> dict:
        return {
            "n": self.n,
            "median_s": self.median,
            "p95_s": self.p95,
            "p99_s": percentile(self.samples, 99),
            "min_s": min(self.samples),
        }


def percentile(values: list, q: int):
    """Nearest-rank percentile: the smallest value with at least q% of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, -(-q * len(ordered) // 100) - 1)]


def measure(
    call: Callable[[int], object], *, repeat: int, budget: float, warmup: int = 1, label: str = ""
) -> Timing:
    """Time `call(k)` for k = 0, 1, …: `repeat` times, or fewer if `budget` seconds run out (at least once).
    The warm-up calls (not timed) open connections and fill caches, as a client that keeps polling would."""
    for k in range(warmup):
        call(-1 - k)
    samples: list[float] = []
    started = time.monotonic()
    for k in range(repeat):
        t0 = time.perf_counter()
        call(k)
        samples.append(time.perf_counter() - t0)
        if label:
            print(
                f"\r  {label}: {k + 1}/{repeat} (last {samples[-1] * 1000:,.1f} ms)   ",
                end="",
                file=sys.stderr,
            )
        if time.monotonic() - started > budget:
            break
    if label:
        print(file=sys.stderr, flush=True)
    return Timing(samples)


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


# --- the machine and the report -----------------------------------------------------------------------------


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict:
    cpu = ""
    if shutil.which("lscpu"):
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                cpu = line.split(":", 1)[1].strip()
    mem = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "src"], capture_output=True, text=True
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "memory": mem,
        "python": platform.python_version(),
        "os": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "hotline_commit": commit.stdout.strip() + (" + uncommitted src/" if dirty.stdout.strip() else ""),
        "packages": {p: _version(p) for p in ("Django", "gunicorn", "taxii2-client", "medallion", "Flask")},
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_before": load_average(),
    }


def machine_lines(info: dict) -> list[str]:
    packages = ", ".join(f"{k} {v}" for k, v in info["packages"].items())
    return [
        f"- machine: `nproc` = {info['nproc']}, CPU {info['cpu']}, {info['memory']} RAM; {info['os']}",
        f"- Python {info['python']}, SQLite {info['sqlite']}; {packages}",
        f"- Hotline commit {info['hotline_commit']}; run {info['date']}; load average (1, 5, 15 min) "
        f"before the run {info['load_before']}"
        + (f", after it {info['load_after']}" if "load_after" in info else ""),
    ]


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def command_line() -> str:
    return "python " + " ".join([os.path.relpath(sys.argv[0], ROOT), *sys.argv[1:]])


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def save_results(name: str, payload: dict) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(payload, indent=2, default=str))
    return path


def work_dir(given: str | None, prefix: str) -> Path:
    if given:
        path = Path(given).resolve()
        if path.exists() and any(path.iterdir()):
            raise SystemExit(f"{path} is not empty; give a new or empty --work-dir")
        path.mkdir(parents=True, exist_ok=True)
        return path
    return Path(tempfile.mkdtemp(prefix=prefix))
