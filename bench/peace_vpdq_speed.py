"""Speed of video matching by vPDQ: the full frame-by-frame scan (``signals.vpdq_compare``, what matching did
before) against the worker-built ``VpdqIndex`` (banked frames in the PDQ index), on the same synthetic banks.

V banked videos of F frames each (random 256-bit frame hashes, quality 90). Queries: half are banked videos
with 0-12 random bits flipped in every frame (re-encoded copies: they match), half are new random videos. For
each query both methods must return the same (video, query %, banked %) list; the script stops if not. Lookups
per second one query at a time (as a request does), CPU ms a lookup, and the index's build time.

    .venv/bin/python bench/peace_vpdq_speed.py --videos 1000 --frames 60
    .venv/bin/python bench/peace_vpdq_speed.py --videos 10000 --frames 60 --queries 20
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import load_average, machine, machine_lines, table  # noqa: E402
from hotline.peace.index import VpdqIndex  # noqa: E402
from hotline.peace.signals import DEFAULT_PDQ_THRESHOLD, VPDQ_MATCH_PERCENT, vpdq_compare  # noqa: E402


def frames_text(codes: np.ndarray) -> str:
    return " ".join(f"{c.tobytes().hex()},90" for c in codes)


def flip(codes: np.ndarray, rng: np.random.Generator, most: int) -> np.ndarray:
    bits = np.unpackbits(codes, axis=1)
    for row in bits:
        row[rng.choice(256, size=int(rng.integers(0, most + 1)), replace=False)] ^= 1
    return np.packbits(bits, axis=1)


def timed(lookup, queries: list[str], budget: float) -> tuple[float, float, list]:
    results, start, cpu = [], time.perf_counter(), time.process_time()
    for query in queries:
        results.append(lookup(query))
        if time.perf_counter() - start > budget:
            break
    wall = time.perf_counter() - start
    return len(results) / wall, 1000 * (time.process_time() - cpu) / len(results), results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=1000)
    parser.add_argument("--frames", type=int, default=60, help="frames a video (one a second)")
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--budget", type=float, default=120.0, help="seconds at most per timed loop")
    args = parser.parse_args()
    before = load_average()
    rng = np.random.default_rng(1)
    codes = rng.integers(0, 256, size=(args.videos, args.frames, 32), dtype=np.uint8)
    banked = [(number + 1, frames_text(codes[number])) for number in range(args.videos)]
    queries = []
    for q in range(args.queries):
        if q % 2 == 0:
            queries.append(frames_text(flip(codes[int(rng.integers(args.videos))], rng, 12)))
        else:
            queries.append(frames_text(rng.integers(0, 256, size=(args.frames, 32), dtype=np.uint8)))
    print(f"[{time.strftime('%H:%M:%S')}] building the index", file=sys.stderr, flush=True)
    start = time.perf_counter()
    index = VpdqIndex.build(banked)
    build = time.perf_counter() - start
    print(f"[{time.strftime('%H:%M:%S')}] index built in {build:.1f} s; timing", file=sys.stderr, flush=True)
    index_rate, index_cpu, indexed = timed(
        lambda q: index.query(q, DEFAULT_PDQ_THRESHOLD), queries, args.budget
    )
    scan_rate, scan_cpu, scanned = timed(
        lambda q: sorted(vpdq_compare(q, banked, distance=DEFAULT_PDQ_THRESHOLD)), queries, args.budget
    )
    compared = min(len(indexed), len(scanned))
    if indexed[:compared] != scanned[:compared]:
        sys.exit("the index and the scan disagree")
    matches = sum(
        1 for result in indexed for _, q, t in result if q >= VPDQ_MATCH_PERCENT and t >= VPDQ_MATCH_PERCENT
    )
    lines = [
        f"vPDQ, {args.videos:,} videos × {args.frames} frames ({args.videos * args.frames:,} frames), "
        f"{args.queries} queries (half re-encoded copies), threshold {DEFAULT_PDQ_THRESHOLD}; "
        f"`{' '.join(['python', 'bench/peace_vpdq_speed.py', *sys.argv[1:]])}`; load average before "
        f"{before}, after {load_average()}:",
        "",
        *table(
            ["method", "build", "lookups/s one by one", "CPU ms a lookup", "queries timed", "video matches"],
            [
                [
                    "full scan (`signals.vpdq_compare`)",
                    "—",
                    f"{scan_rate:,.2f}",
                    f"{scan_cpu:,.1f}",
                    len(scanned),
                    "same",
                ],
                [
                    "`VpdqIndex` (frames in the PDQ index)",
                    f"{build:.1f} s",
                    f"{index_rate:,.1f}",
                    f"{index_cpu:,.2f}",
                    len(indexed),
                    matches,
                ],
            ],  # fmt: skip
        ),
        "",
        f"Results identical on the {compared} queries both timed.",
        "",
        *machine_lines(machine()),
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
