"""Speed of the Peace Media Center indexes, side by side with ThreatExchange's own PDQIndex.

PDQ: N random 256-bit hashes; the queries are copies of indexed hashes with 0-40 random bits flipped
(planted near-duplicates, about three in four within the default threshold 31) plus as many random hashes.
The truth is a brute-force scan (faiss ``IndexBinaryFlat.range_search``). For Hotline's ``PdqIndex`` and for
``threatexchange.signal_type.pdq.pdq_index.PDQIndex`` (faiss ``IndexBinaryMultiHash`` behind it): build time,
memory (the process's resident set before and after the build), lookups per second one query at a time (as a
request does) and, for ours, in batches; recall against the truth.

Text: N random posts (bench/peace_corpus.py); queries are perturbed copies of indexed posts (10% of words
changed, hashtags, truncated by 30%) and unrelated new posts. Build time (MinHash of every post, then the LSH
tables), memory, queries per second, recall of the planted pairs, and recall against an exact brute-force
Jaccard scan on a sample of queries.

    .venv/bin/python bench/peace_speed.py --pdq 1000000 --text 1000000      # the issue's sizes (~25 min)
    .venv/bin/python bench/peace_speed.py --pdq 10000000 --no-threatexchange --text 0
    .venv/bin/python bench/peace_speed.py --pdq 100000 --text 20000           # a quick look
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
import zlib
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import load_average, machine, machine_lines, table  # noqa: E402
from bench.peace_corpus import random_posts, vocabulary  # noqa: E402
from hotline.peace.index import PdqIndex, TextIndex  # noqa: E402
from hotline.peace.signals import (  # noqa: E402
    DEFAULT_PDQ_THRESHOLD,
    DEFAULT_TEXT_THRESHOLD,
    minhash_many,
    normalise_text,
    shingles,
)


def rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 1e6


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------- PDQ


def planted_queries(codes: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    near = codes[rng.integers(0, len(codes), count // 2)].copy()
    bits = np.unpackbits(near, axis=1)
    for row in bits:
        flips = rng.choice(256, int(rng.integers(0, 41)), replace=False)
        row[flips] ^= 1
    far = rng.integers(0, 256, (count - len(near), 32), dtype=np.uint8)
    queries = np.concatenate([np.packbits(bits, axis=1), far])
    return queries[rng.permutation(len(queries))]


def brute_force(codes: np.ndarray, queries: np.ndarray, threshold: int) -> list[set[int]]:
    import faiss

    flat = faiss.IndexBinaryFlat(256)
    flat.add(codes)
    limits, _, labels = flat.range_search(queries, threshold + 1)  # faiss: distance < radius
    return [set(labels[limits[i] : limits[i + 1]].tolist()) for i in range(len(queries))]


def recall(found: list[set[int]], truth: list[set[int]]) -> tuple[float, int]:
    total = sum(len(t) for t in truth)
    hit = sum(len(f & t) for f, t in zip(found, truth, strict=True))
    extra = sum(len(f - t) for f, t in zip(found, truth, strict=True))
    return (hit / total if total else 1.0), extra


def timed_single(query, hexes: list[str], budget: float) -> tuple[float, list, float]:
    """Lookups/s one at a time, the results, and the CPU time of a lookup in ms. 200 random hashes are looked
    up first, not timed: a serving node's index is already paged in."""
    for code in np.random.default_rng(98).integers(0, 256, (200, 32), dtype=np.uint8):
        query(code.tobytes().hex())
    results, start, cpu = [], time.perf_counter(), time.process_time()
    for h in hexes:
        results.append(query(h))
        if time.perf_counter() - start > budget:
            break
    cpu_ms = 1000 * (time.process_time() - cpu) / len(results)
    return len(results) / (time.perf_counter() - start), results, cpu_ms


def bench_pdq(n: int, queries: int, with_threatexchange: bool, budget: float) -> list[str]:
    rng = np.random.default_rng(2026)
    progress(f"PDQ: {n:,} random hashes, {queries:,} queries")
    codes = rng.integers(0, 256, (n, 32), dtype=np.uint8)
    query_codes = planted_queries(codes, queries, rng)
    hexes = [q.tobytes().hex() for q in query_codes]
    truth = brute_force(codes, query_codes, DEFAULT_PDQ_THRESHOLD)
    progress(f"PDQ: truth has {sum(map(len, truth)):,} matches at ≤ {DEFAULT_PDQ_THRESHOLD}")
    rows = []

    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    ours = PdqIndex.from_arrays(np.arange(n, dtype=np.int64), codes)
    build = time.perf_counter() - start
    memory = rss_mb() - before
    arrays = (
        ours.codes.nbytes
        + ours.ids.nbytes
        + ours.alive.nbytes
        + ours._values.nbytes
        + ours._positions.nbytes
        + ours._prefix.nbytes
    ) / 1e6
    progress(f"PDQ ours: built in {build:.1f} s, {memory:.0f} MB")
    single_rate, single, single_cpu = timed_single(lambda h: ours.query(h), hexes, budget)
    start = time.perf_counter()
    batch = ours.query_many(hexes)
    batch_rate = len(hexes) / (time.perf_counter() - start)
    ours_recall, ours_extra = recall([{e for e, _ in r} for r in batch], truth)
    assert [[e for e, _ in r] for r in single] == [[e for e, _ in r] for r in batch[: len(single)]]
    rows.append(
        [
            "Hotline `PdqIndex`",
            f"{build:.1f} s",
            f"{memory:.0f} MB (arrays {arrays:.0f} MB)",
            f"{single_rate:,.0f}",
            f"{single_cpu:.2f} ms",
            f"{batch_rate:,.0f}",
            f"{ours_recall:.4f} ({ours_extra} extra)",
        ]
    )
    progress(
        f"PDQ ours: {single_rate:,.0f}/s single ({single_cpu:.2f} ms CPU), {batch_rate:,.0f}/s batched, "
        f"recall {ours_recall:.4f}"
    )
    theirs_rate = None
    if with_threatexchange:
        from threatexchange.signal_type.pdq.pdq_index import PDQIndex

        del ours
        gc.collect()
        all_hexes = [c.tobytes().hex() for c in codes]
        before = rss_mb()
        start = time.perf_counter()
        theirs = PDQIndex(zip(all_hexes, range(n), strict=True))
        build = time.perf_counter() - start
        memory = rss_mb() - before
        del all_hexes
        progress(f"PDQ PDQIndex: built in {build:.1f} s, {memory:.0f} MB")
        theirs_rate, results, theirs_cpu = timed_single(theirs.query, hexes, budget)
        found = [{m.metadata for m in r} for r in results]
        their_recall, their_extra = recall(found, truth[: len(found)])
        rows.append(
            [
                "ThreatExchange `PDQIndex`",
                f"{build:.1f} s",
                f"{memory:.0f} MB",
                f"{theirs_rate:,.0f}",
                f"{theirs_cpu:.2f} ms",
                "—",
                f"{their_recall:.4f} ({their_extra} extra; {len(found):,} queries)",
            ]
        )
        rows.append(
            [
                "ratio (Hotline / PDQIndex)",
                "",
                "",
                f"{single_rate / theirs_rate:.1f}×",
                "",
                f"{batch_rate / theirs_rate:.1f}×",
                "",
            ]
        )
        progress(f"PDQ PDQIndex: {theirs_rate:,.0f}/s, recall {their_recall:.4f}")
    header = [
        "index",
        "build",
        "memory (RSS growth)",
        "lookups/s one by one",
        "CPU time a lookup",
        "lookups/s batched",
        "recall",
    ]
    return [f"**PDQ, {n:,} hashes, {len(hexes):,} queries** (threshold {DEFAULT_PDQ_THRESHOLD})", ""] + table(
        header, rows
    )


# ---------------------------------------------------------------------------------------------- text


def perturbed(post: str, rng: random.Random, vocab: list[str]) -> str:
    words = post.split()
    kind = rng.choice(["words", "hashtags", "truncate"])
    if kind == "words":
        for i in rng.sample(range(len(words)), max(1, len(words) // 10)):
            words[i] = rng.choice(vocab)
        return " ".join(words)
    if kind == "hashtags":
        return post + " #damai #viral"
    return " ".join(words[: max(5, round(len(words) * 0.7))])


def crc_sets(posts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    parts, lengths = [], np.empty(len(posts), dtype=np.int64)
    for i, post in enumerate(posts):
        grams = np.unique([zlib.crc32(g.encode()) for g in shingles(normalise_text(post))]).astype(np.uint32)
        parts.append(grams)
        lengths[i] = len(grams)
    return np.concatenate(parts), lengths


def bench_text(n: int, queries: int, threshold: float, brute_sample: int, budget: float) -> list[str]:
    progress(f"text: {n:,} random posts")
    posts = list(random_posts(n))
    vocab = vocabulary(posts[:1000])
    rng = random.Random(11)
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    signatures = np.empty((n, 128), dtype=np.uint32)
    texts = []
    step = 10_000  # MinHashes computed in batches (signals.minhash_many), as the worker builds the index
    for first in range(0, n, step):
        prepared = [normalise_text(post) for post in posts[first : first + step]]
        signatures[first : first + len(prepared)] = minhash_many(shingles(p) for p in prepared)
        texts += [p.encode() for p in prepared]
        if first and first % 100_000 == 0:
            progress(f"text: {first:,} MinHashes")
    hashing = time.perf_counter() - start
    start = time.perf_counter()
    index = TextIndex.from_signatures(np.arange(n), signatures, texts, threshold=threshold)
    tables = time.perf_counter() - start
    del texts, signatures
    gc.collect()
    memory = rss_mb() - before
    progress(f"text: MinHash {hashing:.0f} s, LSH tables {tables:.1f} s, {memory:.0f} MB")
    planted = rng.sample(range(n), queries // 2)
    asks = [(i, perturbed(posts[i], rng, vocab)) for i in planted]
    asks += [(None, p) for p in random_posts(queries - len(asks), seed=99)]
    rng.shuffle(asks)
    for text in random_posts(200, seed=98):  # warm-up (not timed): a serving node's index is already paged in
        index.query(text)
    results, start, cpu = [], time.perf_counter(), time.process_time()
    for _, text in asks:
        results.append(index.query(text))
        if time.perf_counter() - start > budget:
            break
    rate = len(results) / (time.perf_counter() - start)
    cpu_ms = 1000 * (time.process_time() - cpu) / len(results)
    found_planted = sum(
        1 for (own, _), r in zip(asks, results, strict=False) if own is not None and own in {e for e, _ in r}
    )
    planted_total = sum(1 for own, _ in asks[: len(results)] if own is not None)
    progress(
        f"text: {rate:,.0f} queries/s, {cpu_ms:.2f} ms CPU a query, planted {found_planted}/{planted_total}"
    )
    # Exact brute force on a sample: every post's Jaccard with the query, over all posts' 5-gram sets kept as
    # sorted CRC-32 arrays (one flat array; about 400 MB at 1,000,000 posts).
    sample = asks[:brute_sample]
    missed = total = 0
    start = time.perf_counter()
    if brute_sample:
        flat, lengths = crc_sets(posts)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        for (_, text), result in zip(sample, results, strict=False):
            mine = np.unique([zlib.crc32(g.encode()) for g in shingles(normalise_text(text))]).astype(
                np.uint32
            )
            inside = np.isin(flat, mine, assume_unique=False).astype(np.int32)
            common = np.add.reduceat(inside, starts)
            similarity = common / (lengths + len(mine) - common)
            truth = set(np.flatnonzero(similarity >= threshold).tolist())
            total += len(truth)
            missed += len(truth - {e for e, _ in result})
    brute = time.perf_counter() - start
    progress(
        f"text: {rate:,.0f} queries/s, {cpu_ms:.2f} ms of CPU a query; "
        f"brute force on {len(sample)} queries took {brute:.0f} s"
    )
    bands, rows = index.bands, index.rows
    lines = [
        f"**Text, {n:,} posts, {len(results):,} queries** (Jaccard ≥ {threshold}; "
        f"LSH {bands} bands × {rows} rows of the 128 MinHash values)",
        "",
    ]
    lines += table(
        [
            "build",
            "memory (RSS growth)",
            "queries/s one by one",
            "CPU time a query",
            "planted pairs found",
            "recall vs brute force",
        ],
        [
            [
                f"{hashing:.0f} s MinHash + {tables:.1f} s tables",
                f"{memory:.0f} MB",
                f"{rate:,.0f}",
                f"{cpu_ms:.2f} ms",
                f"{found_planted}/{planted_total}",
                f"{(total - missed)}/{total} matches on {len(sample)} queries" if sample else "not measured",
            ]
        ],
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pdq", type=int, default=1_000_000, help="PDQ hashes in the index (0: skip)")
    parser.add_argument("--pdq-queries", type=int, default=4000)
    parser.add_argument("--no-threatexchange", action="store_true", help="skip ThreatExchange's PDQIndex")
    parser.add_argument("--text", type=int, default=1_000_000, help="posts in the text index (0: skip)")
    parser.add_argument("--text-queries", type=int, default=4000)
    parser.add_argument("--text-threshold", type=float, default=DEFAULT_TEXT_THRESHOLD)
    parser.add_argument("--brute-sample", type=int, default=20, help="text queries checked by brute force")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds at most per timed query loop")
    args = parser.parse_args()
    info = machine()
    info["packages"] = {}
    import faiss

    lines = []
    if args.pdq:
        lines += bench_pdq(args.pdq, args.pdq_queries, not args.no_threatexchange, args.budget) + [""]
    if args.text:
        lines += bench_text(args.text, args.text_queries, args.text_threshold, args.brute_sample, args.budget)
        lines += [""]
    info["load_after"] = load_average()
    versions = f"numpy {np.__version__}, faiss-cpu {faiss.__version__}"
    print("\n".join(lines + machine_lines(info) + [f"- {versions}; `{' '.join(sys.argv)}`"]))


if __name__ == "__main__":
    main()
