"""A load test of one node on PostgreSQL with locust: officers signed in to the web UI and TAXII clients, at
once, for a fixed time; every request must succeed.

1. A new database on the PostgreSQL server of --database-url (the role needs CREATEDB), a node initialised on
   it (`hotline init`), --officers officers with their authenticators, an API token, and a seed of objects.
2. `hotline serve` (gunicorn, --workers x --threads) and the workers, as `hotline serve` runs them.
   With --objects and --messages, the store is loaded first: --objects STIX objects (bench/common.py's
   realistic mix) by `hotline import`, and --messages hotline messages (see MESSAGES below).
3. One officer and one TAXII client alone, one request after another: p50/p95 of a filtered TAXII page, the
   desk dashboard and the inbox (--probe requests each), before any load.
4. locust, headless: --users users (half officers, half TAXII clients; bench/locustfile.py), spawned at
   --spawn-rate per second, for --minutes; its statistics are read back from its CSV files.

    python bench/load_test.py --database-url postgres://hotline@127.0.0.1:55432/hotline
    python bench/load_test.py --database-url ... --users 10 --minutes 1   # a quick look
    python bench/load_test.py --database-url ... --objects 1000000 --messages 100000   # issue 9's scale
"""

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    PASSWORD,
    ROOT,
    TAXII,
    HotlineNode,
    ObjectFactory,
    Progress,
    command_line,
    load_average,
    machine,
    machine_lines,
    measure,
    ms,
    save_results,
    table,
    work_dir,
)
from django_otp.oath import TOTP  # noqa: E402

SEED = """
import hashlib, json
from django_otp.plugins.otp_totp.models import TOTPDevice
from hotline.access import roles
from hotline.access.services import create_user
keys = {}
for n in range(1, OFFICERS + 1):
    user = create_user(f"officer-{n}", roles.OFFICER, PASSWORD)
    keys[user.username] = hashlib.sha1(f"load-test/{user.username}".encode()).hexdigest()
    TOTPDevice.objects.create(user=user, name="authenticator", key=keys[user.username], confirmed=True)
print(json.dumps(keys))
"""

# Hotline messages as a desk accumulates them over a year of internal traffic between the officers: each is a
# hotline-message STIX object (validated, stored through intel) and its desk row with its history event, as
# `desk.services.send` makes them, written in chunks. One in four answers the message before it (a thread).
# Messages older than two weeks are closed; newer ones are spread over the open states, so the dashboard's
# lists hold what a busy desk has open (a few hundred), the inbox pages through thousands.
MESSAGES = """
import random
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from hotline import stix
from hotline.desk import lifecycle, stix_types
from hotline.desk.models import Message, MessageEvent
from hotline.desk.search import search_text
from hotline.desk.services import desk_collection, store_objects
from hotline.federation.services import node_identity_id

TOTAL, CHUNK = COUNT, 1000
rng = random.Random(2025)
officers = list(get_user_model().objects.filter(username__startswith="officer-"))
home, collection, now = node_identity_id(), desk_collection(), timezone.now()
places = ["Batam", "Jakarta", "Hai Phong", "Ho Chi Minh City", "Surabaya", "Da Nang", "Medan", "Can Tho"]
topics = ["ferry route", "propaganda channel", "recruitment video", "funding transfer", "travel document",
          "online glorification", "explosives manual", "returning fighter"]
OPEN = [lifecycle.RECEIVED, lifecycle.ACKNOWLEDGED, lifecycle.IN_PROGRESS, lifecycle.ANSWERED]
for low in range(0, TOTAL, CHUNK):
    objects, rows = [], []
    for n in range(low, min(low + CHUNK, TOTAL)):
        created = now - timedelta(seconds=(TOTAL - n) * 315)  # 100,000 messages: one year
        answers = objects[-1]["id"] if (n - low) % 4 == 3 else None
        kind = "reply" if answers else rng.choice(["alert", "rfi", "notice"])
        priority = rng.choice(stix_types.PRIORITIES)
        tlp = rng.choice(["green", "amber", "amber+strict", "clear"])
        subject = f"{rng.choice(topics).capitalize()} seen near {rng.choice(places)} (#{n})"
        body = f"Officers in {rng.choice(places)} report a {rng.choice(topics)}; details follow."
        obj = stix_types.message_object(
            created=created, created_by_ref=home, kind=kind, subject=subject, body=body, lang="en",
            priority=priority, tlp=tlp, in_reply_to_ref=answers,
        )
        problems = stix.validate_object(obj)
        assert not problems, problems
        objects.append(obj)
        fresh = now - created < timedelta(days=14)
        rows.append(Message(
            stix_id=obj["id"], direction=lifecycle.INTERNAL, kind=kind, subject=subject, body=body,
            language="en", priority=priority, tlp=tlp, state=rng.choice(OPEN) if fresh else lifecycle.CLOSED,
            created_at=created, received_at=created, created_by=rng.choice(officers),
            assigned_to=rng.choice(officers), search_text=search_text(subject, body),
            ack_due_at=created + timedelta(hours=1) if kind in lifecycle.ACK_EXPECTED else None,
            reply_due_at=created + timedelta(days=1) if kind in lifecycle.REPLY_EXPECTED else None,
            closed_at=None if fresh else created + timedelta(days=2),
        ))
    with transaction.atomic():
        store_objects(collection, objects)
        Message.objects.bulk_create(rows)
        for i, row in enumerate(rows):
            row.thread_root_id = row.pk
            if i % 4 == 3:
                row.in_reply_to_id, row.in_reply_to_ref = rows[i - 1].pk, rows[i - 1].stix_id
                row.thread_root_id = rows[i - 1].thread_root_id
        Message.objects.bulk_update(rows, ["thread_root", "in_reply_to", "in_reply_to_ref"])
        MessageEvent.objects.bulk_create([
            MessageEvent(message=row, action=MessageEvent.STATE, to_state=lifecycle.RECEIVED,
                         at=row.created_at, by=row.created_by, by_name=row.created_by.username)
            for row in rows
        ])
    print(f"messages {min(low + CHUNK, TOTAL)}", flush=True)
"""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", required=True, help="postgres://… of a server (a new database is made)"
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=2)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--objects", type=int, default=0, help="STIX objects imported before the run")
    parser.add_argument("--messages", type=int, default=0, help="hotline messages loaded before the run")
    parser.add_argument(
        "--probe", type=int, default=50, help="requests per page, one at a time, before the load"
    )
    parser.add_argument("--work-dir")
    return parser.parse_args(argv)


def new_database(server_url: str) -> str:
    import psycopg

    server = urlparse(server_url)
    name = f"load_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return server._replace(path=f"/{name}").geturl()


def on_node(node: HotlineNode, code: str) -> str:
    env = {
        **os.environ,
        **node.env,
        "HOTLINE_DATA_DIR": str(node.data_dir),
        "DJANGO_SETTINGS_MODULE": "hotline.settings",
    }
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return done.stdout


def load_objects(node: HotlineNode, total: int, base: Path) -> dict:
    """`hotline import` of `total` objects of the benchmark mix, as an operator loads a bundle."""
    bundle = base / "objects.json"
    factory, progress = ObjectFactory(), Progress("generate", total)
    with bundle.open("w", encoding="utf-8") as out:
        out.write(f'{{"type":"bundle","id":"bundle--{uuid.uuid4()}","objects":[')
        for low in range(0, total, 1000):
            joined = ",".join(
                json.dumps(o, separators=(",", ":")) for o in factory.stream(low, min(low + 1000, total))
            )
            out.write(("," if low else "") + joined)
            progress.update(min(low + 1000, total))
        out.write("]}\n")
    progress.done()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "hotline.cli", "import", str(bundle), "--collection", "intel",
         "--data-dir", str(node.data_dir)],
        capture_output=True, text=True, env={**os.environ, **node.env},
    )  # fmt: skip
    seconds = time.perf_counter() - started
    bundle.unlink()
    if done.returncode:
        raise SystemExit(f"hotline import failed: {done.stderr[-3000:]}")
    stored = re.search(r"Stored ([\d,]+), rejected ([\d,]+)", done.stdout + done.stderr)
    print(f"  imported {total:,} objects in {seconds:,.0f} s", flush=True)
    return {"objects": total, "seconds": seconds, "stored": stored.group(1) if stored else "?"}


def load_messages(node: HotlineNode, total: int) -> dict:
    started = time.perf_counter()
    on_node(node, MESSAGES.replace("COUNT", str(total)))
    seconds = time.perf_counter() - started
    print(f"  loaded {total:,} messages in {seconds:,.0f} s", flush=True)
    return {"messages": total, "seconds": seconds}


def signed_in(url: str, username: str, key: str):
    """A session of an officer signed in with password and TOTP code, as the locust users sign in."""
    import requests

    session = requests.Session()
    for path, fields in (
        ("/login/", {"username": username, "password": PASSWORD}),
        ("/account/verify/", {"code": lambda: f"{TOTP(bytes.fromhex(key)).token():06d}"}),
    ):
        page = session.get(url + path, timeout=60)
        form = {k: v() if callable(v) else v for k, v in fields.items()}
        form["csrfmiddlewaretoken"] = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
        session.post(url + path, form, timeout=60).raise_for_status()
    return session


def probe(node: HotlineNode, collection_path: str, officer: str, key: str, repeat: int) -> list[dict]:
    """One officer and one TAXII client alone, one request after another: what a user waits for a page."""
    import requests

    browser = signed_in(node.url, officer, key)
    taxii = requests.Session()
    taxii.headers.update({"Accept": TAXII, "Authorization": f"Token {node.token}"})
    objects = collection_path + "objects/?match[type]=indicator&limit=100"
    pages = {
        "TAXII objects (type=indicator, 100)": (taxii, objects),
        "TAXII objects (type + added_after)": (taxii, objects + "&added_after=2000-01-01T00:00:00Z"),
        "UI dashboard": (browser, "/desk/dashboard/"),
        "UI inbox": (browser, "/desk/inbox/"),
        "UI inbox, closed included, page 50": (browser, "/desk/inbox/?closed=1&page=50"),
    }  # fmt: skip
    results = []
    for label, (session, path) in pages.items():

        def call(_, session=session, path=path):
            answer = session.get(node.url + path, timeout=120)
            if answer.status_code != 200 or "/login/" in answer.url:
                raise SystemExit(f"{path}: {answer.status_code} at {answer.url}")

        timing = measure(call, repeat=repeat, budget=300, warmup=2, label=label)
        results.append({"page": label, **timing.as_dict()})
    return results


def main(argv=None) -> None:
    args = parse_args(argv)
    info = machine()
    base = work_dir(args.work_dir, "hotline-load-")
    database = new_database(args.database_url)
    node = HotlineNode(base / "node", env={"HOTLINE_DATABASE_URL": database}, workers=args.workers,
                       threads=args.threads)  # fmt: skip
    node.data_dir.mkdir(parents=True)
    node.init()
    # One account per simulated user (a TOTP code is accepted once per step and user), and one for the probe.
    officers = max(1, args.users) + 1
    keys = json.loads(
        on_node(
            node, SEED.replace("OFFICERS", str(officers)).replace("PASSWORD", repr(PASSWORD))
        ).splitlines()[-1]
    )
    loaded = {}
    if args.objects:
        loaded["objects"] = load_objects(node, args.objects, base)
    if args.messages:
        loaded["messages"] = load_messages(node, args.messages)
    prober = f"officer-{officers}"
    node.start()
    try:
        collection = node.collection("token")
        collection_path = urlparse(collection.url).path
        probed = probe(node, collection_path, prober, keys[prober], args.probe) if args.probe else []
        prefix = str(base / "locust")
        env = {
            **os.environ,
            "LOAD_PASSWORD": PASSWORD, "LOAD_TOKEN": node.token, "LOAD_COLLECTION_URL": collection_path,
            "LOAD_OFFICERS": ",".join(k for k in keys if k != prober), "LOAD_TOTP_KEYS": json.dumps(keys),
        }  # fmt: skip
        print(f"node {node.url} on {urlparse(database).path[1:]}; load before: {load_average()}", flush=True)
        subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
             "--host", node.url, "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
             "--run-time", f"{int(args.minutes * 60)}s", "--csv", prefix, "--only-summary"],
            env=env, check=False,
        )  # fmt: skip
    finally:
        node.stop()
    with open(prefix + "_stats.csv") as handle:
        rows = list(csv.DictReader(handle))
    report = [
        [r["Name"], r["Request Count"], r["Failure Count"], r["50%"], r["95%"], r["99%"],
         f"{float(r['Requests/s']):.1f}"]
        for r in rows
    ]  # fmt: skip
    loaded_lines = [
        f"- loaded before the run: {what['objects' if 'objects' in what else 'messages']:,} {kind} in "
        f"{what['seconds']:,.0f} s"
        for kind, what in loaded.items()
    ]
    probe_rows = [[p["page"], str(p["n"]), ms(p["median_s"]), ms(p["p95_s"]), ms(p["min_s"])] for p in probed]
    lines = [
        f"- command: `{command_line()}`",
        *machine_lines({**info, "load_after": load_average()}),
        *loaded_lines,
        "",
        "One user at a time, before the load:",
        "",
        *table(["page", "n", "p50 ms", "p95 ms", "min ms"], probe_rows),
        "",
        f"{args.users} users for {args.minutes:g} min; gunicorn {args.workers} workers x {args.threads} "
        "threads:",
        "",
        *table(["request", "count", "failures", "p50 ms", "p95 ms", "p99 ms", "req/s"], report),
    ]
    print("\n".join(lines))
    save_results(
        "load-test", {"args": vars(args), "machine": info, "loaded": loaded, "probe": probed, "stats": rows}
    )
    failures = sum(int(r["Failure Count"]) for r in rows if r["Name"] == "Aggregated")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
