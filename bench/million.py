"""Hotline alone at a million objects: ingest rate with validation, filtered-page latency, paging through.

1. Generate N objects (default 1,000,000; the same realistic mix as bench/taxii_vs_medallion.py), streamed to
   two files: TAXII envelopes of --batch objects (one a line) and one STIX bundle.
2. POST the envelopes to a fresh node through taxii2-client (API token), waiting for each status to complete.
3. On that node: p50/p95 of filtered 100-object pages (type, id, added_after in the middle, type and
   added_after), and the time to page through everything with limit=1000.
4. `hotline import` of the bundle into a second fresh node (it prints progress and its rate).

    python bench/million.py                           # the full run (see docs/benchmarks.md)
    python bench/million.py --objects 20000 --repeat 20  # a quick look

Everything runs on loopback; the work directory (several GB at a million) is removed unless --keep.
"""

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    TYPE_SHARE,
    HotlineNode,
    ObjectFactory,
    Progress,
    command_line,
    hotline_cli,
    load_average,
    machine,
    machine_lines,
    measure,
    ms,
    percentile,
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
    parser.add_argument("--objects", type=int, default=1_000_000, help="how many objects (default 1,000,000)")
    parser.add_argument("--batch", type=int, default=1000, help="objects per TAXII POST (default 1000)")
    parser.add_argument("--clients", type=int, default=1, help="concurrent TAXII clients posting (default 1)")
    parser.add_argument("--repeat", type=int, default=200, help="timed GETs per filter (API token)")
    parser.add_argument("--basic-repeat", type=int, default=10, help="timed GETs per filter with HTTP Basic")
    parser.add_argument("--budget", type=float, default=60, help="seconds at most per filter")
    parser.add_argument("--page-size", type=int, default=1000, help="limit when paging through everything")
    parser.add_argument("--skip-import", action="store_true", help="no `hotline import` run")
    parser.add_argument("--skip-post", action="store_true", help="no TAXII POST run (and so no GETs)")
    parser.add_argument("--work-dir", help="a new or empty directory (default: a temporary one)")
    parser.add_argument(
        "--node-dir",
        help="only time the GETs and the paging, on this node data directory kept by an earlier --keep run "
        "(WORK_DIR/node-taxii) with --objects objects: for measuring the same store after a change in src/",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work directory (nodes and files)")
    parser.add_argument("--seed", default="hotline-bench")
    return parser.parse_args(argv)


# --- 1. the objects -----------------------------------------------------------------------------------------


def generate(
    factory: ObjectFactory, total: int, batch: int, envelopes: Path, bundle: Path
) -> tuple[float, int]:
    """Write the envelopes (one a line) and the bundle, serialising each object once. Return the seconds it
    took and the number of distinct objects (what the store must hold afterwards)."""
    progress = Progress("generate", total)
    started = time.perf_counter()
    ids = set()
    with envelopes.open("w", encoding="utf-8") as lines, bundle.open("w", encoding="utf-8") as out:
        out.write(f'{{"type":"bundle","id":"bundle--{uuid.uuid4()}","objects":[')
        for low in range(0, total, batch):
            objects = list(factory.stream(low, min(low + batch, total)))
            ids.update(o["id"] for o in objects)
            joined = ",".join(json.dumps(o, separators=(",", ":")) for o in objects)
            lines.write('{"objects":[' + joined + "]}\n")
            out.write(("," if low else "") + joined)
            progress.update(min(low + batch, total))
        out.write("]}\n")
    progress.done()
    return time.perf_counter() - started, len(ids)


# --- 2. TAXII POST ------------------------------------------------------------------------------------------


def post_all(node: HotlineNode, envelopes: Path, total: int, clients: int) -> dict:
    """POST every envelope, `clients` at a time; wall-clock time from the first POST to the last status."""
    lock = threading.Lock()
    source = envelopes.open("rb")
    progress = Progress(f"TAXII POST ({clients} client{'s' if clients > 1 else ''})", total)
    state = {"stored": 0, "errors": [], "marks": []}
    marks_every = max(total // 10, 1)

    def worker():
        collection = node.collection("token")
        while True:
            with lock:
                line = source.readline()
            if not line or state["errors"]:
                return
            try:
                status = collection.add_objects(
                    line, wait_for_completion=True, poll_interval=0.1, timeout=3600
                )
            except Exception as exc:  # report and stop every client
                state["errors"].append(repr(exc))
                return
            with lock:
                if status.status != "complete" or status.failure_count:
                    state["errors"].append(f"status {status.status}: {(status.failures or [])[:3]}")
                    return
                before = state["stored"]
                state["stored"] += status.success_count
                if state["stored"] // marks_every > before // marks_every:
                    state["marks"].append((time.perf_counter() - started, state["stored"]))
                progress.update(state["stored"])

    started = time.perf_counter()
    cpu_before = tree_cpu(node.process.pid)
    threads = [threading.Thread(target=worker, name=f"client-{n}") for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cpu = tree_cpu(node.process.pid) - cpu_before
    source.close()
    progress.done()
    if state["errors"]:
        raise RuntimeError("TAXII POST failed: " + "; ".join(state["errors"][:3]))
    # The rate in each tenth of the run, to show whether ingest slows as the store grows.
    deciles, last = [], (0.0, 0)
    for moment, stored in state["marks"]:
        deciles.append((stored, (stored - last[1]) / max(moment - last[0], 1e-9)))
        last = (moment, stored)
    return {
        "objects": state["stored"],
        "seconds": elapsed,
        "objects_per_s": state["stored"] / elapsed,
        "clients": clients,
        "deciles": deciles,
        "server_cpu_s": cpu,
        "objects_per_server_cpu_s": state["stored"] / cpu if cpu > 0 else None,
    }


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system, with waited-for children) used so far by a process and all its
    descendants: the node's web workers and its worker (Linux /proc; 0 elsewhere)."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue  # the process ended meanwhile
        fields = text[text.rindex(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
        ticks[int(entry.name)] = sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid and child not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(ticks.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


# --- 3. GETs ------------------------------------------------------------------------------------------------


def time_queries(args, node: HotlineNode, factory: ObjectFactory, total: int) -> list[dict]:
    token, basic = node.collection("token"), node.collection("basic")
    middle = factory.id_of(total // 2)
    added = token.get_manifest(id=middle)["objects"][0]["date_added"]
    rng = random.Random(args.seed)  # noqa: S311
    ids = [factory.id_of(rng.randrange(total)) for _ in range(max(args.repeat, 1) + 4)]
    filters = {
        "type=indicator": lambda k: {"type": "indicator"},
        "id=<random id>": lambda k: {"id": ids[k % len(ids)]},
        "added_after=middle": lambda k: {"added_after": added},
        "type=relationship & added_after=middle": lambda k: {"type": "relationship", "added_after": added},
    }
    expected = {
        "type=indicator": PAGE,
        "id=<random id>": 1,
        "added_after=middle": PAGE,
        "type=relationship & added_after=middle": PAGE,
    }
    log = node.data_dir / "serve.log"
    rows = []
    for label, make in filters.items():
        row = {"filter": label}
        for key, collection, repeat in (("token", token, args.repeat), ("basic", basic, args.basic_repeat)):
            sizes: list[int] = []

            def call(k, collection=collection, make=make, sizes=sizes):
                envelope = collection.get_objects(limit=PAGE, **make(max(k, 0)))
                sizes.append(len(envelope.get("objects", [])))

            log_offset = log.stat().st_size
            timing = measure(call, repeat=repeat, budget=args.budget, warmup=3, label=f"{label} ({key})")
            row[key] = timing.as_dict()
            row[key]["server_ms"] = server_times(log, log_offset)[-timing.n :]
            if min(sizes) != expected[label] and total >= 2 * PAGE:
                raise RuntimeError(
                    f"{label}: pages of {sorted(set(sizes))} objects, expected {expected[label]}"
                )
        rows.append(row)
    return rows


_ACCESS = re.compile(r'"GET /taxii2/api/collections/[^/]+/objects/\?[^"]*" 200 \d+ (\d+)ms')


def server_times(log: Path, offset: int) -> list[int]:
    """The server's own time for each GET of objects since `offset` (gunicorn's access log, whole ms)."""
    with log.open("rb") as f:
        f.seek(offset)
        return [int(m.group(1)) for m in _ACCESS.finditer(f.read().decode("utf-8", "replace"))]


def page_through(node: HotlineNode, total: int, page_size: int) -> dict:
    collection = node.collection("token")
    progress = Progress(f"page through, limit={page_size}", total)
    pages = seen = 0
    started = time.perf_counter()
    for envelope in as_pages(collection.get_objects, per_request=page_size):
        pages += 1
        seen += len(envelope.get("objects", []))
        progress.update(seen)
    elapsed = time.perf_counter() - started
    progress.done()
    if seen != total:
        print(f"  WARNING: paging through saw {seen:,} objects, not {total:,}", file=sys.stderr)
    return {
        "pages": pages,
        "objects": seen,
        "expected": total,
        "seconds": elapsed,
        "objects_per_s": seen / elapsed,
    }


# --- 4. hotline import --------------------------------------------------------------------------------------

_RATE = re.compile(r"\(\d+%, ([\d,]+)/s\)")


def run_import(data_dir: Path, bundle: Path, total: int) -> dict:
    """`hotline import` as an operator runs it; its progress goes to our stderr as it comes."""
    hotline_cli(data_dir, "init", "--node", "import")
    command = [sys.executable, "-m", "hotline.cli", "import", str(bundle), "--collection", "intel"]
    command += ["--data-dir", str(data_dir)]
    print(f"  hotline import {bundle.name} ({bundle.stat().st_size / 1e6:,.0f} MB)", file=sys.stderr)
    started = time.perf_counter()
    cpu_before = _children_cpu()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, bufsize=1)
    output = []
    while True:
        chunk = process.stderr.read(256)
        if not chunk:
            break
        output.append(chunk)
        sys.stderr.write(chunk)
        sys.stderr.flush()
    code = process.wait()
    elapsed = time.perf_counter() - started
    # The import's own CPU time (user + system): on a loaded machine the wall clock also counts the time the
    # process waited for a core, this does not.
    cpu = _children_cpu() - cpu_before
    text = "".join(output)
    if code != 0:
        raise RuntimeError(f"hotline import exited {code}: {text[-2000:]}")
    rates = _RATE.findall(text)
    stored = re.search(r"Stored ([\d,]+), rejected ([\d,]+)", text)
    return {
        "objects": total,
        "seconds_wall": elapsed,
        "objects_per_s_wall": total / elapsed,
        "objects_per_s_reported": int(rates[-1].replace(",", "")) if rates else None,
        "cpu_s": cpu,
        "objects_per_cpu_s": total / cpu if cpu else None,
        "stored": stored.group(1) if stored else "?",
        "rejected": stored.group(2) if stored else "?",
        "peak_rss_gib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024,
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def database_size(data_dir: Path) -> float:
    return sum(p.stat().st_size for p in data_dir.glob("hotline.sqlite3*")) / 1e9


# --- the run ------------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    args = parse_args(argv)
    info = machine()
    print("\n".join(machine_lines(info)), file=sys.stderr)
    if args.node_dir:
        return measure_existing(args, info)
    root = work_dir(args.work_dir, "hotline-million-")
    print(f"  work directory: {root}", file=sys.stderr)
    factory = ObjectFactory(args.seed)
    total = args.objects
    results: dict = {"machine": info, "command": command_line(), "args": vars(args)}
    envelopes, bundle = root / "envelopes.jsonl", root / "bundle.json"
    try:
        results["generate_s"], distinct = generate(factory, total, args.batch, envelopes, bundle)
        if not args.skip_post:
            node = HotlineNode(root / "node-taxii")
            try:
                node.init().start()
                results["post"] = post_all(node, envelopes, total, args.clients)
                results["post"]["db_gb"] = database_size(node.data_dir)
                results["gets"] = time_queries(args, node, factory, total)
                results["page_through"] = page_through(node, distinct, args.page_size)
            finally:
                node.stop()
        if not args.skip_import:
            results["import"] = run_import(root / "node-import", bundle, total)
            results["import"]["db_gb"] = database_size(root / "node-import")
    except Exception as exc:  # report what was measured before the failure
        results["error"] = repr(exc)
        print(f"  FAILED: {exc!r}", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    info["load_after"] = load_average()
    report = render(results, total)
    print("\n".join(report))
    path = save_results("million", results | {"report": report})
    print(f"\n(results: {path})", file=sys.stderr)
    return 1 if "error" in results else 0


def measure_existing(args, info: dict) -> int:
    """The GETs and the paging on a node kept by an earlier run (a new API token, the same objects)."""
    node = HotlineNode(Path(args.node_dir).resolve())
    node.token = hotline_cli(
        node.data_dir, "token", "create", node.user, "--name", "bench-again"
    ).stdout.split()[0]
    results: dict = {"machine": info, "command": command_line(), "args": vars(args)}
    try:
        node.start()
        results["gets"] = time_queries(args, node, ObjectFactory(args.seed), args.objects)
        results["page_through"] = page_through(node, args.objects, args.page_size)
    finally:
        node.stop()
    info["load_after"] = load_average()
    report = render(results, args.objects)
    print("\n".join(report))
    path = save_results("million-gets", results | {"report": report})
    print(f"\n(results: {path})", file=sys.stderr)
    return 0


def render(results: dict, total: int) -> list[str]:
    lines = [f"### Hotline alone at {total:,} objects", "", f"`{results['command']}`", ""]
    lines += machine_lines(results["machine"]) + [""]
    shares = ", ".join(f"{t} {share:.0%}" for t, share in TYPE_SHARE.items())
    lines += [f"Objects: {shares}.", ""]
    rows = []
    if "post" in results:
        p = results["post"]
        clients = f"{p['clients']} client{'s' if p['clients'] > 1 else ''}"
        per_cpu = p.get("objects_per_server_cpu_s")
        cpu = (
            f"; the node used {p['server_cpu_s']:,.1f} s of CPU: {per_cpu:,.0f} objects per CPU second"
            if per_cpu
            else ""
        )
        rows.append(
            [f"TAXII POST, {results['args']['batch']} a batch, {clients} (taxii2-client, token){cpu}",
             f"{p['objects']:,}", f"{p['seconds']:,.0f}", f"**{p['objects_per_s']:,.0f}**",
             f"{p['db_gb']:.2f} GB"]
        )  # fmt: skip
    if "import" in results:
        i = results["import"]
        reported = f" (it reports {i['objects_per_s_reported']:,}/s)" if i["objects_per_s_reported"] else ""
        if i.get("objects_per_cpu_s"):
            reported += f"; {i['cpu_s']:,.1f} s of CPU: {i['objects_per_cpu_s']:,.0f} objects per CPU second"
        rows.append(
            [f"`hotline import` of one bundle, wall clock{reported}; peak RSS {i['peak_rss_gib']:.1f} GiB",
             f"{i['stored']} stored, {i['rejected']} rejected", f"{i['seconds_wall']:,.0f}",
             f"**{i['objects_per_s_wall']:,.0f}**", f"{i['db_gb']:.2f} GB"]
        )  # fmt: skip
    if rows:
        lines += table(
            ["ingest (full STIX 2.1 validation)", "objects", "seconds", "objects/s", "database"], rows
        )
    if "post" in results and results["post"]["deciles"]:
        rates = ", ".join(f"{rate:,.0f}" for _, rate in results["post"]["deciles"])
        lines += ["", f"TAXII POST rate in each tenth of the run (objects/s): {rates}."]
    if "gets" in results:
        lines += [""]
        rows = []
        for row in results["gets"]:
            t, b = row["token"], row["basic"]
            server = t["server_ms"] or [0]
            rows.append(
                [row["filter"], f"**{ms(t['median_s'])}**", ms(t["p95_s"]), ms(t["p99_s"]), str(t["n"]),
                 f"{percentile(server, 50)} / {percentile(server, 95)}",
                 f"{ms(b['median_s'])} / {ms(b['p95_s'])} (n={b['n']})"]
            )  # fmt: skip
        lines += table(
            [f"GET at {total:,} objects, limit={PAGE}", "p50 ms (token)", "p95 ms", "p99 ms", "n",
             "server's own p50 / p95 ms", "HTTP Basic p50 / p95 ms"],
            rows,
        )  # fmt: skip
    if "page_through" in results:
        p = results["page_through"]
        lines += [
            "",
            f"Paging through all {p['objects']:,} objects with limit={results['args']['page_size']} "
            f"({p['pages']:,} requests following `next`): **{p['seconds']:,.1f} s** "
            f"({p['objects_per_s']:,.0f} objects/s)."
            + ("" if p["objects"] == p["expected"] else f" **Expected {p['expected']:,} objects.**"),
        ]
    if "error" in results:
        lines += ["", f"**The run stopped early:** {results['error']}"]
    if "generate_s" in results:
        lines += ["", f"Generating and serialising the objects (client side, not counted above): "
                  f"{results['generate_s']:,.1f} s."]  # fmt: skip
    return lines


if __name__ == "__main__":
    sys.exit(main())
