"""The audit trail's costs, in-process on a real node's SQLite database (WAL, IMMEDIATE transactions):

- one `record()` append (lock the chain head, hash, insert, move the head), one by one;
- what a TAXII GET page pays for recording a read: `objects_read()` on 100 and 1,000 stored objects that all
  carry TLP markings (parse the marked ones, one append), and on 100 unmarked ones (a substring test each);
- `verify` over the whole trail (records per second).

    .venv/bin/python bench/audit_trail.py [--records 20000]

Run by hand, never by `make test`. Prints the machine and its load, as the other benchmarks do.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, machine_lines  # noqa: E402

TLP_AMBER = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"


def indicator(marked: bool) -> dict:
    obj = {"type": "indicator", "spec_version": "2.1", "id": f"indicator--{uuid.uuid4()}",
           "created": "2025-06-18T09:00:00.000Z", "modified": "2025-06-18T09:00:00.000Z", "name": "Channel",
           "pattern": "[url:value = 'https://example.org/c']", "pattern_type": "stix",
           "valid_from": "2025-06-18T09:00:00.000Z"}  # fmt: skip
    if marked:
        obj["object_marking_refs"] = [TLP_AMBER]
    return obj


def timed(fn, repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def line(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"| {name} | {len(samples)} | {statistics.median(samples):.2f} ms | {p95:.2f} ms |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20000, help="records appended before verify")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hotline-audit-bench-") as tmp:
        data_dir = Path(tmp) / "node"
        init = [sys.executable, "-m", "hotline.cli", "init", "--data-dir", str(data_dir), "--node", "bench"]
        subprocess.run(init, check=True, capture_output=True)
        os.environ["HOTLINE_DATA_DIR"] = str(data_dir)
        os.environ["DJANGO_SETTINGS_MODULE"] = "hotline.settings"
        import django

        django.setup()
        from hotline import stix
        from hotline.audit import chain
        from hotline.audit.services import objects_read, record
        from hotline.intel.models import Collection

        collection = Collection.objects.get(alias="intel")

        def bodies(count: int, marked: bool) -> list[str]:
            return [stix.canonical_json(indicator(marked)).decode() for _ in range(count)]

        pages = {
            "objects_read, 100 marked objects": bodies(100, True),
            "objects_read, 1,000 marked objects": bodies(1000, True),
            "objects_read, 100 unmarked objects": bodies(100, False),
        }
        print(f"load before: {os.getloadavg()[0]:.2f}")
        rows = [
            line(
                "record(), one append", timed(lambda: record("login", actor="bench", entry_point="web"), 500)
            )
        ]
        for name, bodies in pages.items():
            rows.append(line(name, timed(lambda b=bodies: objects_read(None, collection, b), 200)))
        start = time.perf_counter()
        done = 0
        while done < args.records:
            record(
                "object.read", actor="bench", entry_point="taxii", detail={"objects": ["indicator--x"] * 5}
            )
            done += 1
        append_rate = args.records / (time.perf_counter() - start)
        start = time.perf_counter()
        verdict = chain.verify()
        elapsed = time.perf_counter() - start
        print(f"load after: {os.getloadavg()[0]:.2f}\n")
        print("| operation | repeats | median | p95 |\n|---|---|---|---|")
        print("\n".join(rows))
        rate = verdict.count / elapsed
        print(f"\nappended {args.records:,} records at {append_rate:,.0f}/s")
        print(
            f"verify: {verdict.count:,} records in {elapsed:.2f} s ({rate:,.0f} records/s), ok={verdict.ok}\n"
        )
        print("\n".join(machine_lines(machine())))


if __name__ == "__main__":
    main()
