"""What the full-text index of stored objects costs and gives on PostgreSQL (hotline.intel.text).

Two fresh nodes on one PostgreSQL server import the same generated bundle (`hotline import`): one as
migrated, one with the index `intel_object_text` dropped before the import. Then on each, the picker's word
search (`intel.text.containing_words` over the latest entries, newest 200) is timed for a word that occurs
nowhere, one that occurs in a handful of objects and one that occurs in a fifth of them.

    scripts/postgres-for-tests start          # a throwaway server; prints its URL
    python bench/text_search.py --server postgres://hotline@127.0.0.1:55432/postgres --objects 200000

The server's databases `text_with_index` and `text_without_index` are dropped and made again.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (
    ObjectFactory,
    command_line,
    hotline_cli,
    load_average,
    machine,
    machine_lines,
    save_results,
    work_dir,
)  # noqa: E402
from million import generate, run_import  # noqa: E402

WORDS = {"absent": "nowhere", "rare": "000042", "common": "propaganda"}
TIMING_CODE = """
import json, statistics, sys, time
import django; django.setup()
from hotline.intel import text
from hotline.intel.models import CollectionEntry
result = {}
for label, word in json.loads(sys.argv[1]).items():
    query = text.containing_words(CollectionEntry.objects.filter(is_latest=True), word)
    ids = query.order_by("-date_added").values_list("stix_id", flat=True)[:200]
    found = len(list(ids))
    times = []
    for _ in range(int(sys.argv[2])):
        started = time.perf_counter(); list(ids.all()); times.append(time.perf_counter() - started)
    result[label] = {"word": word, "found": found, "p50_ms": statistics.median(times) * 1000}
print(json.dumps(result))
"""


def database_url(server: str, name: str) -> str:
    return urlunparse(urlparse(server)._replace(path="/" + name))


def fresh_database(server: str, name: str) -> str:
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return database_url(server, name)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--server", required=True, help="a PostgreSQL URL whose user may create databases")
    parser.add_argument("--objects", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=20, help="timed searches per word")
    args = parser.parse_args(argv)
    info = machine()
    print("\n".join(machine_lines(info)), file=sys.stderr)
    root = work_dir(None, "hotline-text-")
    bundle = root / "bundle.json"
    generate(ObjectFactory(), args.objects, 1000, root / "envelopes.jsonl", bundle)
    results = {"machine": info, "command": command_line(), "objects": args.objects, "runs": {}}
    for label, keep_index in (("without index", False), ("with index", True)):
        url = fresh_database(args.server, "text_with_index" if keep_index else "text_without_index")
        os.environ["HOTLINE_DATABASE_URL"] = url
        data_dir = root / label.replace(" ", "-")
        if not keep_index:
            hotline_cli(data_dir, "init", "--node", "import")
            with psycopg.connect(url, autocommit=True) as connection:
                connection.execute("DROP INDEX intel_object_text")
        load = load_average()
        imported = run_import(data_dir, bundle, args.objects)
        settings = {"DJANGO_SETTINGS_MODULE": "hotline.settings", "HOTLINE_DATA_DIR": str(data_dir)}
        searched = subprocess.run(
            [sys.executable, "-c", TIMING_CODE, json.dumps(WORDS), str(args.repeat)],
            check=True, capture_output=True, text=True,
            env=os.environ | settings,
        )  # fmt: skip
        run = {
            "load_before": load,
            "import": imported,
            "search": json.loads(searched.stdout.splitlines()[-1]),
        }
        results["runs"][label] = run
        print(f"{label}: {imported['objects_per_s_wall']:,.0f} objects/s, "
              f"{imported['objects_per_cpu_s']:,.0f} per CPU-s; search p50 "
              + ", ".join(f"{k} {v['p50_ms']:.1f} ms ({v['found']})" for k, v in run["search"].items()),
              file=sys.stderr)  # fmt: skip
    print(json.dumps(results["runs"], indent=2))
    print(f"results: {save_results('text_search', results)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
