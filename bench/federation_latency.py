"""Federation speed between two live linked nodes on loopback (bnpt -> mps), as issue 4 asks:

latency   N flash alerts (`--alerts`, default 1,000) sent at bnpt through the desk (`desk.services.send`, in
          one Python process inside bnpt's Django, so no per-alert start-up), one every 1/`--rate` seconds;
          each alert's latency runs from just before `send` to the moment it is visible in mps's desk (a
          committed incoming Message row, polled every 20 ms from mps's SQLite).
          Target: p50 <= 500 ms, p95 <= 2 s.
catch-up  mps is stopped; M objects (`--objects`, default 100,000) are shared with mps at bnpt through
          `federation.services.share` (policy checked, signed with bnpt's key); mps is started and we
          measure objects/s until every one is in mps's `inbound-bnpt` (each verified on arrival), then
          check that each arrived exactly once (entries = distinct ids = stored versions = M, and the id
          set is the one shared). Target: >= 5,000 objects/s.
profile   (`--profile N`) cProfile of `federation.receive.receive` on a copy of mps's data directory: N
          fresh objects signed with bnpt's key, in batches of HOTLINE_FEDERATION_BATCH.

Run by hand, never by `make test`:
    .venv/bin/python bench/federation_latency.py --alerts 1000 --objects 100000 --profile 5000
On PostgreSQL (each node a database of its own on that server, read by the bench through psycopg; the
profile copies a data directory, so it is SQLite only):
    HOTLINE_DATABASE_URL=postgres://hotline@127.0.0.1:55434/hotline \
        .venv/bin/python bench/federation_latency.py --alerts 0 --objects 20000
Results (JSON) go to bench/results/federation_latency-<time>.json; progress goes to stderr.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from federation_common import ROOT, federate, machine, percentile  # noqa: E402

RESULTS = ROOT / "bench" / "results"
# Production-like sync settings except the retry backoff (a stopped partner is retried every <= 2 s, so the
# catch-up does not start up to HOTLINE_FEDERATION_MAX_BACKOFF = 300 s late).
ENV = {"HOTLINE_FEDERATION_MAX_BACKOFF": "2"}

_SEND = """
import json, os, sys, time
from django.contrib.auth import get_user_model
from hotline.desk import services
user = get_user_model().objects.get(username="officer")
count, interval = int(os.environ["ALERTS"]), 1 / float(os.environ["RATE"])
sent = []
began = time.monotonic()
for i in range(count):
    delay = began + i * interval - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    at = time.time()
    draft = services.Draft(to="mps", kind="alert", priority="flash", subject=f"Bench flash alert {i}",
                           body="Uji coba hotline: ancaman serangan.", language="id")
    message = services.send(user, draft)
    sent.append([message.stix_id, at, time.time()])
    if (i + 1) % 100 == 0:
        print(f"  sent {i + 1}/{count}", file=sys.stderr, flush=True)
print(json.dumps(sent))
"""

_QUEUE = """
import json, os, sys, time, uuid
from hotline.federation import services as federation
partner = federation.get_partner("mps")
home = federation.node_identity_id()
count, chunk = int(os.environ["OBJECTS"]), 5000
namespace = uuid.UUID(os.environ["NAMESPACE"])
stamp = "2025-06-18T09:00:00.000Z"
green = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"

def make(i):
    ident = str(uuid.uuid5(namespace, str(i)))
    kind = i % 4
    if kind == 3:
        return {"type": "domain-name", "spec_version": "2.1", "id": "domain-name--" + ident,
                "value": f"d{i}.propaganda.example"}
    common = {"spec_version": "2.1", "created": stamp, "modified": stamp, "created_by_ref": home,
              "object_marking_refs": [green]}
    if kind == 0:
        return {"type": "indicator", "id": "indicator--" + ident, **common, "name": f"Bench indicator {i}",
                "pattern": f"[domain-name:value = 'd{i}.propaganda.example']", "pattern_type": "stix",
                "valid_from": stamp}
    if kind == 1:
        return {"type": "campaign", "id": "campaign--" + ident, **common, "name": f"Bench campaign {i}"}
    return {"type": "threat-actor", "id": "threat-actor--" + ident, **common, "name": f"Bench actor {i}"}

began = time.monotonic()
ids = []
for start in range(0, count, chunk):
    objects = [make(i) for i in range(start, min(count, start + chunk))]
    federation.share(partner, objects)
    ids += [o["id"] for o in objects]
    done = start + len(objects)
    rate = done / (time.monotonic() - began)
    print(f"  queued {done}/{count} ({rate:,.0f}/s)", file=sys.stderr, flush=True)
print(json.dumps({"seconds": time.monotonic() - began, "ids": ids}))
"""

_PROFILE = """
import cProfile, io, json, os, pstats, sys, time, uuid
from django.conf import settings
from hotline.federation import keys, receive
from hotline.federation.models import Partner
from hotline.stix import signatures
partner = Partner.objects.get(name="bnpt")
key = keys.load_key(os.environ["BNPT_DIR"])
count, batch = int(os.environ["OBJECTS"]), settings.FEDERATION_BATCH
home = partner.identity_id
stamp = "2025-06-18T09:00:00.000Z"
def make(i):
    ident = str(uuid.uuid4())
    if i % 2:
        return {"type": "campaign", "spec_version": "2.1", "id": "campaign--" + ident, "created": stamp,
                "modified": stamp, "created_by_ref": home, "name": f"Profiled campaign {i}"}
    return {"type": "indicator", "spec_version": "2.1", "id": "indicator--" + ident, "created": stamp,
            "modified": stamp, "created_by_ref": home, "pattern_type": "stix", "valid_from": stamp,
            "pattern": f"[domain-name:value = 'p{i}.example']"}
objects = [signatures.sign(make(i), key) for i in range(count)]
profiler = cProfile.Profile()
began = time.perf_counter()
profiler.enable()
for start in range(0, count, batch):
    result = receive.receive(partner, objects[start:start + batch], via="push")
    assert not result.failures, result.failures[:3]
profiler.disable()
seconds = time.perf_counter() - began
out = io.StringIO()
pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
text = out.getvalue()
out = io.StringIO()
pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
print(json.dumps({"objects": count, "seconds": seconds, "cumulative": text, "tottime": out.getvalue()}))
"""


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _timestamp(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


def _up(node) -> bool:
    """Whether the node's web server still answers (if not, only its worker's pull brought objects)."""
    try:
        return requests.get(node.url + "/healthz", timeout=5).ok
    except requests.RequestException:
        return False


def measure_latency(nodes, alerts: int, rate: float, timeout: float) -> dict:
    bnpt, mps = nodes["bnpt"], nodes["mps"]
    log(f"latency: {alerts} flash alerts at {rate}/s from bnpt to mps")
    (last_row,) = mps.query("SELECT coalesce(max(id), 0) FROM desk_message")[0]
    # The sender's output (every id and time) goes to a file: a pipe would fill and block it.
    sent_file = (bnpt.data_dir / "sent.json").open("w+")
    sender = subprocess.Popen(
        [sys.executable, "-c", "import django; django.setup()\n" + _SEND], stdout=sent_file,
        text=True, cwd=ROOT, env=bnpt.django_env(ALERTS=str(alerts), RATE=str(rate)),
    )  # fmt: skip
    seen: dict[str, tuple[float, float]] = {}  # stix id -> (seen by the poll, received_at in mps's database)
    deadline = time.monotonic() + alerts / rate + timeout
    output = None
    while time.monotonic() < deadline:
        rows = mps.query(
            "SELECT id, stix_id, received_at FROM desk_message WHERE id > ? AND direction = 'incoming' "
            "ORDER BY id",
            (last_row,),
        )
        now = time.time()
        for row_id, stix_id, received_at in rows:
            seen[stix_id] = (now, _timestamp(received_at))
            last_row = max(last_row, row_id)
        if output is None and sender.poll() is not None:
            sent_file.seek(0)
            output = sent_file.read()
            if sender.returncode != 0:
                raise RuntimeError("the sender failed (see stderr)")
        if output is not None and len(seen) >= alerts:
            break
        time.sleep(0.02)
    if output is None:
        sender.kill()
        raise RuntimeError("the sender did not finish in time")
    sent = json.loads(output.strip().splitlines()[-1])
    visible = [(seen[i][0] - at) * 1000 for i, at, _ in sent if i in seen]
    filed = [(seen[i][1] - at) * 1000 for i, at, _ in sent if i in seen]
    send_ms = [(done - at) * 1000 for _, at, done in sent]
    (delivered,) = bnpt.query(
        "SELECT count(*) FROM desk_message WHERE direction = 'outgoing' AND delivered_at IS NOT NULL"
    )[0]

    def stats(values):
        if not values:
            return {}
        return {
            "p50": round(percentile(values, 50), 1), "p95": round(percentile(values, 95), 1),
            "p99": round(percentile(values, 99), 1), "max": round(max(values), 1),
            "mean": round(statistics.fmean(values), 1),
        }  # fmt: skip

    result = {
        "mps_web_up": _up(mps), "alerts": alerts, "rate_per_s": rate, "arrived": len(visible),
        "missing": alerts - len(visible),
        "receipts_back_at_bnpt": delivered,
        "end_to_end_ms": stats(visible), "to_received_at_ms": stats(filed), "send_call_ms": stats(send_ms),
    }  # fmt: skip
    log(f"latency: {json.dumps(result)}")
    return result


def measure_catch_up(nodes, objects: int, timeout: float, by: str = "both") -> dict:
    """`by`: "both" (production: bnpt pushes, mps pulls), "push" (no pull), "pull" (no push)."""
    import uuid

    bnpt, mps = nodes["bnpt"], nodes["mps"]
    log(f"catch-up ({by}): stopping mps, queueing {objects:,} objects at bnpt")
    mps.stop()
    switch = (
        "from hotline.federation.models import Partner\nPartner.objects.filter(name={!r}).update({}=False)"
    )
    if by == "push":
        mps.python(switch.format("bnpt", "pull_enabled"))
    elif by == "pull":
        bnpt.python(switch.format("mps", "push_enabled"))
    queued = bnpt.python(
        _QUEUE, extra_env={"OBJECTS": str(objects), "NAMESPACE": str(uuid.uuid4())}, stream=sys.stderr
    )
    shared = set(queued["ids"])
    (queue,) = bnpt.query(
        "SELECT count(*) FROM intel_collectionentry e JOIN intel_collection c ON c.id = e.collection_id "
        "JOIN federation_partner p ON p.outbound_id = c.id WHERE p.name = 'mps' AND (p.push_cursor IS NULL "
        "OR e.date_added > p.push_cursor) AND (p.pulled_until IS NULL OR e.date_added > p.pulled_until)"
    )[0]
    log(f"catch-up: queued in {queued['seconds']:.1f} s; bnpt's queue for mps: {queue:,}; starting mps")
    types = ("indicator", "campaign", "threat-actor", "domain-name")
    count_sql = (
        "SELECT count(*), count(DISTINCT e.stix_id) FROM intel_collectionentry e JOIN intel_collection c "
        "ON c.id = e.collection_id WHERE c.alias = 'inbound-bnpt' AND e.type IN (?, ?, ?, ?)"
    )
    began = time.monotonic()
    boot = mps.start()
    up = time.monotonic()
    first = None
    progress = []
    entries = distinct = 0
    while time.monotonic() - up < timeout:
        entries, distinct = mps.query(count_sql, types)[0]
        now = time.monotonic()
        if entries and first is None:
            first = now
        progress.append((round(now - up, 2), entries))
        if len(progress) % 10 == 0 or distinct >= objects:
            log(f"  arrived {distinct:,}/{objects:,} after {now - up:.1f} s")
        if distinct >= objects:
            break
        time.sleep(0.5)
    done = time.monotonic()
    cpu = mps.cpu_seconds()  # from mps's start to the last object: start-up included
    time.sleep(3)  # anything arriving twice (push and pull of the same objects) shows up now
    entries, distinct = mps.query(count_sql, types)[0]
    arrived_ids = {
        row[0]
        for row in mps.query(
            "SELECT e.stix_id FROM intel_collectionentry e JOIN intel_collection c ON c.id = e.collection_id "
            "WHERE c.alias = 'inbound-bnpt' AND e.type IN (?, ?, ?, ?)",
            types,
        )
    }
    (versions,) = mps.query("SELECT count(*) FROM intel_stixobject WHERE type IN (?, ?, ?, ?)", types)[0]
    (quarantined,) = mps.query("SELECT count(*) FROM federation_quarantine")[0]
    # Copies that arrived twice (push and pull overlapping when mps came back) are counted as replays.
    (replays,) = mps.query("SELECT replays FROM federation_partner WHERE name = 'bnpt'")[0]
    complete = distinct >= objects
    result = {
        "mps_web_up": _up(mps),
        "by": by,
        "objects": objects, "queue_seconds": round(queued["seconds"], 1), "queued_for_mps": queue,
        "mps_start_seconds": round(boot, 1), "complete": complete,
        "seconds_from_up": round(done - up, 2) if complete else None,
        "seconds_from_start": round(done - began, 2) if complete else None,
        "seconds_first_to_last": round(done - first, 2) if complete and first else None,
        "objects_per_s": round(objects / (done - up)) if complete else None,
        "objects_per_s_first_to_last": round(objects / (done - first)) if complete and first else None,
        "mps_cpu_seconds": round(cpu, 1),
        "objects_per_mps_cpu_s": round(objects / cpu) if complete and cpu else None,
        "entries": entries, "distinct_ids": distinct, "same_id_set": arrived_ids == shared,
        "stored_versions": versions, "quarantined": quarantined, "replays_at_mps": replays,
        "exactly_once": complete and entries == distinct == objects and arrived_ids == shared
        and versions == objects,
        "progress": progress[:: max(1, len(progress) // 40)],
    }  # fmt: skip
    log(f"catch-up: {json.dumps({k: v for k, v in result.items() if k != 'progress'})}")
    return result


def profile_receive(nodes, objects: int, tmp: Path) -> dict:
    """cProfile of receive() on a copy of mps's data directory (mps stopped while copying)."""
    mps = nodes["mps"]
    mps.stop()
    copy = tmp / "mps-profile"
    shutil.copytree(mps.data_dir, copy, ignore=shutil.ignore_patterns("*.log"))
    mps.data_dir, original = copy, mps.data_dir
    try:
        log(f"profile: receive() of {objects:,} signed objects on a copy of mps's data")
        found = mps.python(
            _PROFILE, extra_env={"OBJECTS": str(objects), "BNPT_DIR": str(nodes["bnpt"].data_dir)}
        )
    finally:
        mps.data_dir = original
    found["objects_per_s"] = round(found["objects"] / found["seconds"])
    log(f"profile: {found['objects_per_s']:,} objects/s inside receive()\n{found['tottime']}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--alerts", type=int, default=1000, help="flash alerts for the latency (1,000)")
    parser.add_argument("--rate", type=float, default=5.0, help="alerts sent per second (5)")
    parser.add_argument("--objects", type=int, default=100_000, help="objects queued for the catch-up")
    parser.add_argument(
        "--catch-up-by", choices=("both", "push", "pull"), default="both",
        help="both (production), push only (mps does not pull) or pull only (bnpt does not push)",
    )  # fmt: skip
    parser.add_argument("--profile", type=int, default=0, help="also profile receive() on this many objects")
    parser.add_argument("--timeout", type=float, default=900, help="longest wait for a phase, seconds")
    parser.add_argument("--keep", action="store_true", help="keep the nodes' data directories")
    args = parser.parse_args()
    if args.profile and os.environ.get("HOTLINE_DATABASE_URL", "").startswith("postgres"):
        parser.error("--profile copies mps's data directory, so it runs on SQLite only")

    report = {
        "started": datetime.now(UTC).isoformat(),
        "machine": machine(),
        "arguments": vars(args),
        "env": ENV,
    }
    tmp = Path(tempfile.mkdtemp(prefix="hotline-federation-bench-"))
    log(f"nodes in {tmp}")
    nodes = federate(tmp, env=ENV)
    try:
        for node in nodes.values():
            log(f"{node.name} up in {node.start():.1f} s at {node.url}")
        if args.alerts:
            report["latency"] = measure_latency(nodes, args.alerts, args.rate, args.timeout)
        if args.objects:
            report["catch_up"] = measure_catch_up(nodes, args.objects, args.timeout, args.catch_up_by)
        if args.profile:
            report["profile"] = profile_receive(nodes, args.profile, tmp)
    finally:
        for node in nodes.values():
            node.stop()
            if not args.keep:
                node.drop_database()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    report["load_average_at_end"] = os.getloadavg()
    report["commit"] = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"federation_latency-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(report, indent=2))
    log(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
