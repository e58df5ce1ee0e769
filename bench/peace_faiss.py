"""Hotline's PdqIndex beside faiss's own binary indexes, called directly (no ThreatExchange wrapper), on the
same random PDQ hashes with planted near-duplicates (bench/peace_speed.py's queries), threshold 31.

    IndexBinaryFlat        brute force (the truth; exact)
    IndexBinaryMultiHash   16 tables of 16 bits, nflip=1: exact at 31 by the pigeonhole rule (16 x 2 > 31);
                           the configuration of ThreatExchange's PDQIndex
    PdqIndex               Hotline's multi-index hashing over numpy (peace/index.py): 11 chunks, exact at 31

For each: build time, memory (resident set growth), lookups/s one query at a time (as a request does) and in
one batch, recall against the brute force. faiss runs on one thread (`--threads`), as numpy does.

    .venv/bin/python bench/peace_faiss.py --pdq 1000000
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import load_average, machine, machine_lines, table  # noqa: E402
from bench.peace_speed import brute_force, planted_queries, progress, recall, rss_mb  # noqa: E402
from hotline.peace.index import PdqIndex  # noqa: E402
from hotline.peace.signals import DEFAULT_PDQ_THRESHOLD as T  # noqa: E402


def timed(one, items, budget: float) -> tuple[float, int]:
    done, start = 0, time.perf_counter()
    for item in items:
        one(item)
        done += 1
        if time.perf_counter() - start > budget:
            break
    return done / (time.perf_counter() - start), done


def faiss_sets(index, queries: np.ndarray) -> list[set[int]]:
    limits, _, labels = index.range_search(queries, T + 1)  # faiss: distance < radius
    return [set(labels[limits[i] : limits[i + 1]].tolist()) for i in range(len(queries))]


def main() -> None:
    import faiss

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pdq", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--budget", type=float, default=30.0, help="seconds at most per one-by-one loop")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    faiss.omp_set_num_threads(args.threads)
    rng = np.random.default_rng(2026)
    codes = rng.integers(0, 256, (args.pdq, 32), dtype=np.uint8)
    queries = planted_queries(codes, args.queries, rng)
    hexes = [q.tobytes().hex() for q in queries]
    progress(f"{args.pdq:,} hashes, {args.queries:,} queries; truth by brute force")
    truth = brute_force(codes, queries, T)
    rows = []

    def run(name, build, single, batch):
        gc.collect()
        before, start = rss_mb(), time.perf_counter()
        index = build()
        built, memory = time.perf_counter() - start, rss_mb() - before
        progress(f"{name}: built in {built:.1f} s")
        per_second, done = timed(lambda i, ix=index: single(ix, i), range(len(queries)), args.budget)
        start = time.perf_counter()
        found = batch(index)
        batched = len(queries) / (time.perf_counter() - start)
        hit, extra = recall(found, truth)
        rows.append([name, f"{built:.1f} s", f"{memory:,.0f} MB", f"{per_second:,.0f} ({done:,} queries)",
                     f"{batched:,.0f}", f"{hit:.4f}, {extra} extra"])  # fmt: skip
        progress(f"{name}: {per_second:,.0f}/s one by one, {batched:,.0f}/s batched, recall {hit:.4f}")

    def flat():
        index = faiss.IndexBinaryFlat(256)
        index.add(codes)
        return index

    def multihash():
        index = faiss.IndexBinaryMultiHash(256, 16, 16)
        index.nflip = 1
        index.add(codes)
        return index

    for name, build in (
        ("faiss IndexBinaryFlat", flat),
        ("faiss IndexBinaryMultiHash 16x16, nflip 1", multihash),
    ):
        run(
            name,
            build,
            lambda ix, i: ix.range_search(queries[i : i + 1], T + 1),
            lambda ix: faiss_sets(ix, queries),
        )

    ids = np.arange(len(codes), dtype=np.int64)
    run(
        "Hotline PdqIndex",
        lambda: PdqIndex.from_arrays(ids, codes),
        lambda ix, i: ix.query(hexes[i], T),
        lambda ix: [{e for e, _ in r} for r in ix.query_many(hexes, T)],
    )
    print("\n".join(machine_lines(machine())))
    print(f"load average at the end: {load_average()}")
    print(
        "\n".join(
            table(["index", "build", "memory", "lookups/s one by one", "lookups/s batched", "recall"], rows)
        )
    )


if __name__ == "__main__":
    main()
