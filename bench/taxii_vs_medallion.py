"""Hotline against medallion 3.0.0 (the OASIS reference TAXII 2.1 server, memory backend), side by side.

Both servers run on this machine, on loopback, as child processes; both are driven by the real taxii2-client
with the same generated STIX 2.1 objects and the same filters. The objects are POSTed in batches up to each
checkpoint (default 1,000, 4,000 and 10,000 objects); at each checkpoint the same filtered GETs of 100-object
pages are timed on both, and the ratio medallion / Hotline is printed (how many times faster Hotline is).

    python bench/taxii_vs_medallion.py                       # the full run (see docs/benchmarks.md)
    python bench/taxii_vs_medallion.py --checkpoints 500,1000 --repeat 10 --medallion-repeat 2  # a quick look

Hotline is timed with both of its authentication methods: an API token (what scripts and partner nodes use)
and HTTP Basic with a node account (what medallion offers, and what taxii2-client's user/password sends).
"""

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    TYPE_SHARE,
    HotlineNode,
    MedallionServer,
    ObjectFactory,
    command_line,
    load_average,
    machine,
    machine_lines,
    measure,
    ms,
    post_batches,
    save_results,
    table,
    work_dir,
)
from taxii2client.v21 import as_pages  # noqa: E402

PAGE = 100


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--checkpoints", default="1000,4000,10000", help="object counts at which GETs are timed"
    )
    parser.add_argument("--batch", type=int, default=500, help="objects per POST (default 500)")
    parser.add_argument("--repeat", type=int, default=50, help="timed GETs per filter on Hotline (token)")
    parser.add_argument(
        "--basic-repeat", type=int, default=10, help="timed GETs per filter on Hotline (Basic)"
    )
    parser.add_argument("--medallion-repeat", type=int, default=5, help="timed GETs per filter on medallion")
    parser.add_argument("--budget", type=float, default=120, help="seconds at most per filter and server")
    parser.add_argument(
        "--medallion-max-objects",
        type=int,
        default=10_000,
        help="time medallion's GETs only up to this many objects (its GETs grow quadratically)",
    )
    parser.add_argument(
        "--work-dir", help="a new or empty directory for the node's data and medallion's files"
    )
    parser.add_argument("--seed", default="hotline-bench")
    parser.add_argument(
        "--filters",
        help="time only the filters whose label starts with one of these comma-separated words: 'id' "
        "(match[id]), 'type', 'added_after', 'page' (paging through); default: every filter",
    )
    return parser.parse_args(argv)


def wanted(args, label: str) -> bool:
    return not args.filters or any(label.startswith(word.strip()) for word in args.filters.split(","))


def middle_date_added(collection, stix_id: str) -> str:
    """The date_added this server gave one object (from its manifest). medallion gives one date_added to all
    the objects of a POST, so this is also the newest date_added of that POST."""
    manifest = collection.get_manifest(id=stix_id)
    return manifest["objects"][0]["date_added"]


def nth_date_added(collection, position: int) -> str:
    """The date_added of the entry at `position` (from 0) in date_added order, from the manifest. Hotline
    gives each object of a POST its own date_added, in an order of its choosing; the newest of the first k
    POSTs is the entry at position k × batch - 1."""
    seen = 0
    for envelope in as_pages(collection.get_manifest, per_request=1000):
        entries = envelope.get("objects", [])
        if position < seen + len(entries):
            return entries[position - seen]["date_added"]
        seen += len(entries)
    raise RuntimeError(f"the manifest has {seen} entries, not {position + 1}")


def filters_at(factory: ObjectFactory, count: int, batch: int, seed: str) -> tuple[dict, int]:
    """The filters timed at `count` objects. `added_after` is the date_added of the last object of the batch
    nearest the middle: medallion gives one date_added to a whole POST, so a batch boundary is the only
    point where `added_after` selects the same objects on both servers."""
    mid = max(batch, round(count / 2 / batch) * batch) - 1
    rng = random.Random(f"{seed}:{count}")  # noqa: S311
    ids = [factory.id_of(rng.randrange(count)) for _ in range(64)]
    return (
        {
            "type=indicator": {"type": "indicator"},
            "added_after=middle": {"added_after": "MID"},
            "type=indicator & added_after=middle": {"type": "indicator", "added_after": "MID"},
            "id=<one id>": {"id": ids},
        },
        mid,
    )


def run_filter(collection, spec: dict, mid_added: str, k: int) -> list[str]:
    kwargs = {}
    for key, value in spec.items():
        if key == "id":
            kwargs["id"] = value[k % len(value)]
        elif value == "MID":
            kwargs[key] = mid_added
        else:
            kwargs[key] = value
    envelope = collection.get_objects(limit=PAGE, **kwargs)
    return [o["id"] for o in envelope.get("objects", [])]


def page_through(collection, **filters) -> tuple[int, int]:
    """Follow `next` (or medallion's cursor) to the end; return (pages, objects)."""
    pages = objects = 0
    for envelope in as_pages(collection.get_objects, per_request=PAGE, **filters):
        pages += 1
        objects += len(envelope.get("objects", []))
    return pages, objects


def main(argv=None) -> int:
    args = parse_args(argv)
    checkpoints = sorted({int(c) for c in args.checkpoints.split(",")})
    info = machine()
    print("\n".join(machine_lines(info)), file=sys.stderr)
    root = work_dir(args.work_dir, "hotline-vs-medallion-")
    print(f"  work directory: {root}", file=sys.stderr)
    factory = ObjectFactory(args.seed)

    node = HotlineNode(root / "hotline")
    medallion = MedallionServer(root / "medallion")
    results: dict = {"machine": info, "command": command_line(), "args": vars(args), "ingest": {}, "gets": []}
    try:
        node.init().start()
        medallion.start()
        hotline = {"token": node.collection("token"), "basic": node.collection("basic")}
        reference = medallion.collection()
        ingest = {"hotline": [0.0, 0], "medallion": [0.0, 0]}
        done = 0
        for count in checkpoints:
            print(f"== {count:,} objects", file=sys.stderr)
            for name, collection in (("hotline", hotline["token"]), ("medallion", reference)):
                seconds, stored = post_batches(
                    collection, factory.batches(done, count, args.batch), count - done, f"POST to {name}"
                )
                ingest[name][0] += seconds
                ingest[name][1] += stored
            done = count
            results["gets"] += time_gets(args, factory, count, hotline, reference)
        results["ingest"] = {
            name: {"objects": n, "seconds": s, "objects_per_s": n / s, "batch": args.batch}
            for name, (s, n) in ingest.items()
        }
    finally:
        node.stop()
        medallion.stop()

    info["load_after"] = load_average()
    report = render(results, checkpoints)
    print("\n".join(report))
    path = save_results("taxii_vs_medallion", results | {"report": report})
    print(f"\n(results: {path}; work directory {root})", file=sys.stderr)
    return 0


def time_gets(args, factory: ObjectFactory, count: int, hotline: dict, reference) -> list[dict]:
    filters, mid = filters_at(factory, count, args.batch, args.seed)
    mid_id = factory.id_of(mid)
    mid_added = {"hotline": nth_date_added(hotline["token"], mid)}
    with_medallion = count <= args.medallion_max_objects
    if with_medallion:
        mid_added["medallion"] = middle_date_added(reference, mid_id)
    batch_of = {factory.id_of(i): i // args.batch for i in range(count)}
    rows = []
    for label, spec in filters.items():
        if not wanted(args, label):
            continue
        row = {"objects": count, "filter": label}
        answers = {}
        runs = [
            ("hotline_token", hotline["token"], "hotline", args.repeat, 2),
            ("hotline_basic", hotline["basic"], "hotline", args.basic_repeat, 1),
        ]
        if with_medallion:
            runs.append(("medallion", reference, "medallion", args.medallion_repeat, 0))
        for key, collection, server, repeat, warmup in runs:
            seen: dict = {}

            def call(k, collection=collection, server=server, seen=seen, spec=spec):
                seen[k] = run_filter(collection, spec, mid_added[server], max(k, 0))

            timing = measure(
                call, repeat=repeat, budget=args.budget, warmup=warmup, label=f"{count:,} {label} {key}"
            )
            row[key] = timing.as_dict()
            answers[key] = seen[0]  # the same request on every server
        if with_medallion:
            row["same_page"] = same_answer(answers, batch_of)
            row["page_size"] = len(answers["medallion"])
        rows.append(row)

    # Paging through every indicator, 100 a page, following `next`.
    if not wanted(args, "page through type=indicator"):
        return rows
    row = {
        "objects": count,
        "filter": "page through type=indicator",
        "expected": round(count * TYPE_SHARE["indicator"]),
    }
    runs = [("hotline_token", hotline["token"])] + ([("medallion", reference)] if with_medallion else [])
    for key, collection in runs:
        timing_pages: list = []

        def call(k, collection=collection, timing_pages=timing_pages):
            timing_pages.append(page_through(collection, type="indicator"))

        timing = measure(call, repeat=1, budget=args.budget, warmup=0, label=f"{count:,} page through {key}")
        row[key] = timing.as_dict() | {"pages": timing_pages[-1][0], "objects_seen": timing_pages[-1][1]}
    rows.append(row)
    return rows


def _cell(t: dict | None) -> str:
    return f"{ms(t['median_s'])} / {ms(t['p95_s'])} (n={t['n']})" if t else "—"


def _ratio(reference: dict | None, t: dict | None) -> str:
    if not reference or not t:
        return "—"
    ratio = reference["median_s"] / t["median_s"]
    return f"**{ratio:,.1f}×**" if ratio < 10 else f"**{ratio:,.0f}×**"


def same_answer(answers: dict, batch_of: dict) -> str:
    """Whether the servers gave the same page: exactly ("exact"), or as many objects from each POST ("same
    POSTs": TAXII leaves the order within one POST to the server; medallion keeps the envelope's order,
    Hotline does not, so a page that ends inside a POST may hold other objects of that POST), or not."""
    pages = list(answers.values())
    if all(page == pages[0] for page in pages):
        return "exact"
    counts = [Counter(batch_of.get(i, -1) for i in page) for page in pages]
    return "same POSTs" if all(c == counts[0] for c in counts) else "no"


def render(results: dict, checkpoints: list[int]) -> list[str]:
    lines = ["### Hotline and medallion 3.0.0 on the same machine", "", f"`{results['command']}`", ""]
    lines += machine_lines(results["machine"]) + [""]
    ingest = results["ingest"]
    if ingest:
        h, m = ingest["hotline"], ingest["medallion"]
        lines += table(
            [f"POST, {h['batch']} a batch", "objects", "seconds", "objects/s", "Hotline / medallion"],
            [
                ["medallion (memory backend, no validation)", f"{m['objects']:,}", f"{m['seconds']:.1f}",
                 f"{m['objects_per_s']:,.0f}", ""],
                ["Hotline (full STIX 2.1 validation, SQLite)", f"{h['objects']:,}", f"{h['seconds']:.1f}",
                 f"{h['objects_per_s']:,.0f}", f"{h['objects_per_s'] / m['objects_per_s']:.1f}×"],
            ],
        )  # fmt: skip
        lines.append("")
    rows = []
    for row in results["gets"]:
        m, ht, hb = row.get("medallion"), row.get("hotline_token"), row.get("hotline_basic")
        if "expected" in row:
            pages = f"{ht['pages']} pages, {ht['objects_seen']:,} objects"
            same = "—" if not m else "yes" if m["objects_seen"] == ht["objects_seen"] else "**no**"
            rows.append(
                [
                    f"{row['objects']:,}",
                    f"{row['filter']} ({pages})",
                    _cell(m),
                    _cell(ht),
                    "—",
                    _ratio(m, ht),
                    "—",
                    same,
                ]
            )
            continue
        same = {"exact": "yes", "same POSTs": "yes¹", "no": "**no**"}.get(row.get("same_page"), "—")
        rows.append(
            [
                f"{row['objects']:,}",
                row["filter"],
                _cell(m),
                _cell(ht),
                _cell(hb),
                _ratio(m, ht),
                _ratio(m, hb),
                same,
            ]
        )
    lines += table(
        ["objects", "GET, limit=100", "medallion ms median / p95", "Hotline token ms median / p95",
         "Hotline Basic ms median / p95", "speed-up (token)", "speed-up (Basic)", "same answer"],
        rows,
    )  # fmt: skip
    if any(row.get("same_page") == "same POSTs" for row in results["gets"]):
        lines += [
            "",
            "¹ The same number of objects from each POST: TAXII leaves the order of the objects of one "
            "POST to the server; medallion keeps the envelope's order, Hotline does not, so a page that ends "
            "inside a POST holds other objects of that POST.",
        ]
    return lines


if __name__ == "__main__":
    sys.exit(main())
