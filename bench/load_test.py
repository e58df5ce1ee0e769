"""A load test of one node on PostgreSQL with locust: officers signed in to the web UI and TAXII clients, at
once, for a fixed time; every request must succeed.

1. A new database on the PostgreSQL server of --database-url (the role needs CREATEDB), a node initialised on
   it (`hotline init`), --officers officers with their authenticators, an API token, and a seed of objects.
2. `hotline serve` (gunicorn, --workers x --threads) and the workers, as `hotline serve` runs them.
3. locust, headless: --users users (half officers, half TAXII clients; bench/locustfile.py), spawned at
   --spawn-rate per second, for --minutes; its statistics are read back from its CSV files.

    python bench/load_test.py --database-url postgres://hotline@127.0.0.1:55432/hotline
    python bench/load_test.py --database-url ... --users 10 --minutes 1   # a quick look
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    PASSWORD,
    ROOT,
    HotlineNode,
    command_line,
    load_average,
    machine,
    machine_lines,
    save_results,
    table,
    work_dir,
)

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


def main(argv=None) -> None:
    args = parse_args(argv)
    info = machine()
    base = work_dir(args.work_dir, "hotline-load-")
    database = new_database(args.database_url)
    node = HotlineNode(base / "node", env={"HOTLINE_DATABASE_URL": database}, workers=args.workers,
                       threads=args.threads)  # fmt: skip
    node.data_dir.mkdir(parents=True)
    node.init()
    officers = max(1, args.users)  # one account per simulated user: a TOTP code is accepted once per step
    keys = json.loads(
        on_node(
            node, SEED.replace("OFFICERS", str(officers)).replace("PASSWORD", repr(PASSWORD))
        ).splitlines()[-1]
    )
    node.start()
    try:
        collection = node.collection("token")
        collection_path = urlparse(collection.url).path
        prefix = str(base / "locust")
        env = {
            **os.environ,
            "LOAD_PASSWORD": PASSWORD, "LOAD_TOKEN": node.token, "LOAD_COLLECTION_URL": collection_path,
            "LOAD_OFFICERS": ",".join(keys), "LOAD_TOTP_KEYS": json.dumps(keys),
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
    lines = [
        f"- command: `{command_line()}`",
        *machine_lines({**info, "load_after": load_average()}),
        f"- {args.users} users for {args.minutes:g} min; gunicorn {args.workers} workers x {args.threads} "
        "threads",
        "",
        *table(["request", "count", "failures", "p50 ms", "p95 ms", "p99 ms", "req/s"], report),
    ]
    print("\n".join(lines))
    save_results("load-test", {"args": vars(args), "machine": info, "stats": rows})
    failures = sum(int(r["Failure Count"]) for r in rows if r["Name"] == "Aggregated")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
