"""Indexes of the Peace Media Center: which bank entries are near a PDQ hash or a text. Pure Python.
No Django: the worker, the benchmarks and the tests use it without a database.

The worker builds an index from the enabled banks' entries and saves it to a file; requests only ``load`` it
(once, cached by the file's mtime) and ``query`` it. ``add`` and ``remove`` change a loaded index in place
(added items go to a small buffer scanned in full until it is merged; removed ones are masked), so a change
can be visible before the next rebuild.

``PdqIndex`` — exact: its results are those of a brute-force scan at the threshold (tests/peace/
test_index_pdq_recall.py checks it against faiss's ``IndexBinaryFlat``). Multi-index hashing (Norouzi et al.;
the technique of faiss's ``IndexBinaryMultiHash``, which ThreatExchange's ``PDQIndex`` wraps) over flat numpy
arrays: the 256 bits are cut into 11 chunks of 23-24 bits. If chunk i is probed for every value within f_i
bits of the query's and sum(f_i + 1) > t, every hash within t bits turns up on some chunk (pigeonhole); at
t = 31 that is 2 bits on ten chunks and 1 on the eleventh, about 2,800 probes, each finding ~1 entry whatever
the size of the index. Each candidate is then checked on its full 256 bits. Memory per entry: 32 bytes of
hash, 8 of id, 11 × 8 of sorted chunk values and positions, plus prefix tables of ~11 × 4: about 170 bytes.
From about 8,400,000 hashes the prefix tables cover whole chunks (a fixed 470 MB), so the sorted values are
not kept: 1.3 GB of arrays for 10,000,000 hashes. Thresholds above 43 fall back to a full scan. Measured
beside faiss's own ``IndexBinaryMultiHash`` (16 x 16 bits, nflip 1, exact at 31) on 1,000,000 hashes: the
same recall, 6.5x its lookups/s, under a third of its memory (bench/peace_faiss.py, docs/benchmarks.md), so
production does not use faiss.

``TextIndex`` — MinHash LSH (banding over the 128-value MinHash of ``signals``) for candidates, then the exact
Jaccard of the 5-gram sets for entries whose text the index holds (the estimate from MinHash for entries known
only by their MinHash, e.g. a partner's). LSH is probabilistic: the bands are chosen so that a pair at the
threshold is a candidate with probability ≥ 0.99 (higher above it); the recall measured against a brute-force
scan is in docs/benchmarks.md.

Interface (ids are bank entry ids, int64)::

    PdqIndex.build(items: Iterable[(id, pdq_hex)]) -> PdqIndex
    index.add(items); index.remove(ids); len(index)
    index.query(pdq_hex, threshold=31) -> [(id, distance)]           nearest first, then by id
    index.query_many(pdq_hexes, threshold=31) -> [[(id, distance)]]   one list per query, batched
    index.save(path); PdqIndex.load(path)

    TextIndex.build(items: Iterable[(id, text)], threshold=DEFAULT_TEXT_THRESHOLD, folded=False) -> TextIndex
    index.add(items); index.add_minhashes(items: Iterable[(id, minhash_hex)]); index.remove(ids); len(index)
    index.query(text, threshold=None) -> [(id, jaccard)]              most similar first
    index.query_minhash(minhash_hex, threshold=None) -> [(id, estimated jaccard)]
    index.save(path); TextIndex.load(path)

    VpdqIndex.build(items: Iterable[(id, vpdq_text)], quality=50) -> VpdqIndex
    index.query(vpdq_text, threshold=31) -> [(id, query match %, bank video match %)]   by id
    index.save(path); VpdqIndex.load(path)

``VpdqIndex`` — the banked videos' distinct frames of quality ≥ 50 in one ``PdqIndex`` (its ids are frame
numbers; each frame knows its video), so a query's frames are looked up by the multi-index probes instead of
being compared with every banked frame. The percentages are then those of ThreatExchange's VideoPDQSignal,
exactly as ``signals.vpdq_compare`` (the full scan) computes them
(tests/peace/test_index_vpdq_equals_scan.py).

``folded=True`` indexes the diacritic-folded texts (the second text signal); query it with the raw text too.
Bad input (not a PDQ hex, empty text) raises ``signals.SignalError``.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import os
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from hotline.peace.signals import (
    DEFAULT_PDQ_THRESHOLD,
    DEFAULT_TEXT_THRESHOLD,
    MINHASH_PERMUTATIONS,
    VPDQ_QUALITY,
    fold_diacritics,
    jaccard,
    minhash_from_hex,
    minhash_values,
    normalise_text,
    pdq_bytes,
    shingles,
    vpdq_frame_codes,
)

PDQ_BYTES = 32
# 11 chunks: 3 of 24 bits and 8 of 23 bits. At the default threshold 31 some chunk differs in ≤ 2 bits.
CHUNK_BITS = (24, 24, 24, 23, 23, 23, 23, 23, 23, 23, 23)
CHUNK_BOUNDS = tuple(
    zip(itertools.accumulate((0,) + CHUNK_BITS[:-1]), itertools.accumulate(CHUNK_BITS), strict=True)
)
CHUNKS = len(CHUNK_BITS)
MAX_FLIPS = 3  # per chunk, i.e. thresholds up to 43; above that a full scan (probes grow as bits^flips)
PENDING_LIMIT = 50_000  # added items scanned in full until merged into the chunk tables
FORMAT_VERSION = 1


def _popcount_rows(xored: np.ndarray) -> np.ndarray:
    """Number of set bits per row of a (n, 4) uint64 array."""
    bits = np.bitwise_count(xored)
    # Four column adds: 3x faster than numpy's sum over a 4-long axis (int32 first: 4 x 64 > 255).
    return bits[:, 0].astype(np.int32) + bits[:, 1] + bits[:, 2] + bits[:, 3]


def _codes_from_hex(hashes: Iterable[str]) -> np.ndarray:
    blob = b"".join(pdq_bytes(h) for h in hashes)
    return np.frombuffer(blob, dtype=np.uint8).reshape(-1, PDQ_BYTES)


@functools.cache
def _flip_masks(bits: int, flips: int) -> np.ndarray:
    """All `bits`-bit masks with at most `flips` bits set (0 first)."""
    masks = [0]
    for k in range(1, flips + 1):
        masks += [sum(1 << b for b in combo) for combo in itertools.combinations(range(bits), k)]
    return np.array(masks, dtype=np.int64)


@functools.cache
def _probes(flips: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """For one query: the chunk and the flip mask of every probe."""
    chunks, masks = [], []
    for c, f in enumerate(flips):
        m = _flip_masks(CHUNK_BITS[c], f)
        chunks.append(np.full(len(m), c))
        masks.append(m)
    return np.concatenate(chunks), np.concatenate(masks)


@functools.cache
def _probe_plan(flips: tuple[int, ...], prefix_bits: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    """For one query: each probe's chunk, flip mask, the shift to its prefix and its prefix table's base."""
    chunk, masks = _probes(flips)
    widths = [(1 << bits) + 1 for bits in prefix_bits]
    offsets = np.array(list(itertools.accumulate([0] + widths[:-1])), dtype=np.int64)
    shifts = np.array(CHUNK_BITS)[chunk] - np.array(prefix_bits)[chunk]
    return chunk, masks, shifts, offsets[chunk]


@functools.cache
def chunk_flips(threshold: int) -> tuple[int, ...]:
    """Bits each chunk is probed within, so that every hash within `threshold` is found.

    If chunk i is probed within f_i flips and a hash differs in more than f_i bits on every chunk, it
    differs in at least sum(f_i + 1) bits in all; so sum(f_i + 1) > threshold suffices. The larger allowances
    go to the smaller chunks (fewer probes). At 31: ten chunks within 2 bits and one 24-bit chunk within 1.
    """
    need = max(0, threshold + 1 - CHUNKS)  # sum of f_i
    flips = [need // CHUNKS] * CHUNKS
    for c in sorted(range(CHUNKS), key=lambda c: (CHUNK_BITS[c], -c))[: need % CHUNKS]:
        flips[c] += 1
    return tuple(flips)


def _chunk_values(codes: np.ndarray, chunk: int) -> np.ndarray:
    """The value of bits [start, end) of each 256-bit code (bit 0 = most significant bit of byte 0)."""
    start, end = CHUNK_BOUNDS[chunk]
    first, last = start // 8, (end - 1) // 8
    value = np.zeros(len(codes), dtype=np.int64)
    for byte in range(first, last + 1):
        value = (value << 8) | codes[:, byte]
    return (value >> (8 * (last + 1) - end)) & ((1 << (end - start)) - 1)


# The four bytes around each chunk, and how to cut the chunk out of them (for all chunks of a few queries).
_CHUNK_BYTES = np.array([[min(31, s // 8 + k) for k in range(4)] for s, _ in CHUNK_BOUNDS])
_CHUNK_SHIFT = np.array([8 * (s // 8 + 4) - e for s, e in CHUNK_BOUNDS], dtype=np.int64)
_CHUNK_MASK = np.array([(1 << (e - s)) - 1 for s, e in CHUNK_BOUNDS], dtype=np.int64)
_CHUNK_PAD = np.array([max(0, s // 8 + 4 - 32) for s, _ in CHUNK_BOUNDS])


def _all_chunk_values(codes: np.ndarray) -> np.ndarray:
    """(n, CHUNKS) chunk values of each code, in one pass."""
    window = codes[:, _CHUNK_BYTES].astype(np.int64)  # (n, chunks, 4)
    window[:, _CHUNK_PAD > 0, 3] = 0  # past the last byte
    joined = (window[..., 0] << 24) | (window[..., 1] << 16) | (window[..., 2] << 8) | window[..., 3]
    return (joined >> _CHUNK_SHIFT) & _CHUNK_MASK


def _ragged_ranges(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All of range(starts[i], ends[i]) for every i, and the i each came from."""
    lengths = np.maximum(ends - starts, 0)
    owner = np.repeat(np.arange(len(lengths)), lengths)
    # The k-th value overall is starts[i] + (k - number of values before run i).
    before = np.cumsum(lengths) - lengths
    return np.arange(len(owner), dtype=np.int64) + (starts - before)[owner], owner


def _atomic_write(path: Path, write) -> None:
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        write(fh)
    os.replace(tmp, path)


@contextmanager
def _read_arrays(path: str | Path):
    """The arrays of an index file written by `save`, refused if another format version wrote it."""
    with np.load(path) as data:
        if int(data["version"][0]) != FORMAT_VERSION:
            raise ValueError(f"{path}: unknown index format {int(data['version'][0])}")
        yield data


class PdqIndex:
    """Exact PDQ index (multi-index hashing over 11 chunks of 23-24 bits). See the module docstring."""

    def __init__(self) -> None:
        self.codes = np.empty((0, PDQ_BYTES), dtype=np.uint8)  # merged part
        self.ids = np.empty(0, dtype=np.int64)
        self.alive = np.empty(0, dtype=bool)
        # Per chunk: the chunk values sorted, the positions in that order, and where each prefix starts.
        # Chunk c's values sorted, and the positions in that order, are [c * n, (c + 1) * n) of these arrays;
        # chunk c's prefix table (2**p_c + 1 entries, after those of chunks 0..c-1) says where the values
        # with the top p_c bits k start in that range.
        self._values = np.empty(0, dtype=np.uint32)
        self._positions = np.empty(0, dtype=np.uint32)
        self._prefix = np.zeros(CHUNKS * 3, dtype=np.int64)
        self._prefix_bits = (1,) * CHUNKS
        self._whole_chunks = False
        self._pending_codes: list[np.ndarray] = []
        self._pending_ids: list[int] = []
        self._pending_alive: list[bool] = []

    # -- building

    @classmethod
    def build(cls, items: Iterable[tuple[int, str]]) -> PdqIndex:
        ids, hashes = [], []
        for entry_id, pdq in items:
            ids.append(int(entry_id))
            hashes.append(pdq)
        return cls.from_arrays(np.array(ids, dtype=np.int64), _codes_from_hex(hashes))

    @classmethod
    def from_arrays(
        cls,
        ids: np.ndarray,
        codes: np.ndarray,
        alive: np.ndarray | None = None,
        prefix_bits: int | None = None,
    ) -> PdqIndex:
        """An index of `codes` (uint8, n × 32) with entry `ids` (int64, n). `prefix_bits` (tests): the
        prefix tables' bits, else chosen from n (24 = whole chunks, as from about 8,400,000 hashes)."""
        index = cls()
        codes = np.ascontiguousarray(codes, dtype=np.uint8).reshape(-1, PDQ_BYTES)
        if len(ids) != len(codes):
            raise ValueError("ids and codes differ in length")
        if alive is not None and not alive.all():
            codes, ids = codes[alive], np.asarray(ids)[alive]
        index.codes = codes
        index.ids = np.asarray(ids, dtype=np.int64)
        index.alive = np.ones(len(codes), dtype=bool)
        index._build_tables(prefix_bits)
        return index

    def _build_tables(self, prefix_bits: int | None = None) -> None:
        n = len(self.codes)
        # About one entry per prefix: a probe reads a short run of sorted values. Once the index is as large
        # as a chunk's value range, the prefix is the whole chunk (tables of 2**23-2**24 + 1 positions): the
        # run holds exactly the entries with that chunk value, and the sorted values need not be kept.
        bits = prefix_bits or max(1, math.ceil(math.log2(n + 1)))
        self._prefix_bits = tuple(min(b, bits) for b in CHUNK_BITS)
        self._whole_chunks = self._prefix_bits == CHUNK_BITS
        widths = [(1 << b) + 1 for b in self._prefix_bits]
        offsets = list(itertools.accumulate([0] + widths))
        self._values = np.empty(0 if self._whole_chunks else CHUNKS * n, dtype=np.uint32)
        self._positions = np.empty(CHUNKS * n, dtype=np.uint32)
        self._prefix = np.zeros(offsets[-1], dtype=np.uint32 if CHUNKS * n < 2**32 else np.int64)
        for c in range(CHUNKS):
            values = _chunk_values(self.codes, c).astype(np.uint32)
            order = np.argsort(values).astype(np.uint32)
            if not self._whole_chunks:
                self._values[c * n : (c + 1) * n] = values[order]
            self._positions[c * n : (c + 1) * n] = order
            prefixes = values >> np.uint32(CHUNK_BITS[c] - self._prefix_bits[c])
            counts = np.bincount(prefixes, minlength=1 << self._prefix_bits[c])
            np.cumsum(counts, out=self._prefix[offsets[c] + 1 : offsets[c + 1]])
            self._prefix[offsets[c] : offsets[c + 1]] += c * n

    def add(self, items: Iterable[tuple[int, str]]) -> None:
        """Add entries (all or none: a bad hash raises SignalError before anything is added)."""
        parsed = [(int(entry_id), np.frombuffer(pdq_bytes(pdq), dtype=np.uint8)) for entry_id, pdq in items]
        for entry_id, code in parsed:
            self._pending_codes.append(code)
            self._pending_ids.append(entry_id)
            self._pending_alive.append(True)
        if len(self._pending_ids) > PENDING_LIMIT:
            self.merge()

    def merge(self) -> None:
        """Fold the added items into the chunk tables (and drop removed ones)."""
        codes, ids, alive = self._all_arrays()
        merged = PdqIndex.from_arrays(ids, codes, alive)
        self.__dict__.update(merged.__dict__)

    def remove(self, ids: Iterable[int]) -> None:
        gone = np.array(list(ids), dtype=np.int64)
        self.alive &= ~np.isin(self.ids, gone)
        gone_set = set(gone.tolist())
        self._pending_alive = [
            a and i not in gone_set for i, a in zip(self._pending_ids, self._pending_alive, strict=True)
        ]

    def __len__(self) -> int:
        return int(self.alive.sum()) + sum(self._pending_alive)

    def _all_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not self._pending_ids:
            return self.codes, self.ids, self.alive
        return (
            np.concatenate([self.codes, np.stack(self._pending_codes)]),
            np.concatenate([self.ids, np.array(self._pending_ids, dtype=np.int64)]),
            np.concatenate([self.alive, np.array(self._pending_alive, dtype=bool)]),
        )

    # -- querying

    def query(self, pdq: str, threshold: int = DEFAULT_PDQ_THRESHOLD) -> list[tuple[int, int]]:
        return self.query_many([pdq], threshold)[0]

    def query_many(
        self, hashes: Iterable[str], threshold: int = DEFAULT_PDQ_THRESHOLD
    ) -> list[list[tuple[int, int]]]:
        """For each PDQ hex, the (entry id, distance) of every entry within `threshold` bits."""
        queries = _codes_from_hex(list(hashes))
        if not 0 <= threshold <= 256:
            raise ValueError("threshold must be between 0 and 256")
        step = 256  # queries per batch: keeps the probe arrays small
        parts = [self._search_merged(queries[i : i + step], threshold) for i in range(0, len(queries), step)]
        qpos = np.concatenate(
            [p[0] + i for p, i in zip(parts, range(0, len(queries), step), strict=True)] or [[]]
        )
        epos = np.concatenate([p[1] for p in parts] or [[]]).astype(np.int64)
        dist = np.concatenate([p[2] for p in parts] or [[]]).astype(np.int64)
        results: list[list[tuple[int, int]]] = [[] for _ in range(len(queries))]
        for q, e, d in zip(qpos.tolist(), self.ids[epos].tolist(), dist.tolist(), strict=True):
            results[q].append((e, d))
        if self._pending_ids:
            pending = np.stack(self._pending_codes)
            live = np.array(self._pending_alive, dtype=bool)
            for q in range(len(queries)):
                d = _popcount_rows(pending.view(np.uint64) ^ queries[q : q + 1].view(np.uint64))
                for i in np.flatnonzero((d <= threshold) & live).tolist():
                    results[q].append((self._pending_ids[i], int(d[i])))
        for r in results:
            r.sort(key=lambda m: (m[1], m[0]))
        return results

    def _search_merged(
        self, queries: np.ndarray, threshold: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(query number, entry position, distance) of every live match in the merged part."""
        empty = (np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.int32))
        if len(self.codes) == 0 or len(queries) == 0:
            return empty
        flips = chunk_flips(threshold)
        codes64 = self.codes.view(np.uint64)
        queries64 = queries.view(np.uint64)
        if max(flips) > MAX_FLIPS:  # full scan, one query at a time
            out = [[], [], []]
            for q in range(len(queries)):
                d = _popcount_rows(codes64 ^ queries64[q])
                hit = np.flatnonzero((d <= threshold) & self.alive)
                out[0].append(np.full(len(hit), q))
                out[1].append(hit)
                out[2].append(d[hit])
            return tuple(np.concatenate(part) for part in out)
        n = len(self.codes)
        chunk, masks, shifts, bases = _probe_plan(flips, self._prefix_bits)
        keys = (_all_chunk_values(queries)[:, chunk] ^ masks).ravel()  # every probe of every query
        rows = ((keys.reshape(len(queries), -1) >> shifts) + bases).ravel()
        flat, probe = _ragged_ranges(
            self._prefix[rows].astype(np.int64), self._prefix[rows + 1].astype(np.int64)
        )
        if not self._whole_chunks:  # the run shares the probe's prefix: keep the equal values
            hit = self._values[flat] == keys[probe]
            flat, probe = flat[hit], probe[hit]
        candidates = self._positions[flat].astype(np.int64)
        query_of = probe // len(masks)
        # np.take reads rows about 5x faster than fancy indexing (memory-bound: each is a cache miss).
        mine = queries64[0] if len(queries) == 1 else queries64[query_of]
        dist = _popcount_rows(np.take(codes64, candidates, axis=0) ^ mine)
        keep = np.flatnonzero(dist <= threshold)
        query_of, candidates, dist = query_of[keep], candidates[keep], dist[keep]
        # The same entry comes up through several chunks: keep one (query, entry) pair.
        _, first = np.unique(query_of * n + candidates, return_index=True)
        query_of, candidates, dist = query_of[first], candidates[first], dist[first]
        live = self.alive[candidates]
        return query_of[live], candidates[live], dist[live]

    # -- files

    def save(self, path: str | Path) -> None:
        """Write the live entries to one file (a temporary name, then renamed into place)."""
        codes, ids, alive = self._all_arrays()

        def write(fh):
            np.savez(fh, version=np.array([FORMAT_VERSION]), ids=ids[alive], codes=codes[alive])

        _atomic_write(Path(path), write)

    @classmethod
    def load(cls, path: str | Path) -> PdqIndex:
        with _read_arrays(path) as data:
            return cls.from_arrays(data["ids"], data["codes"])


# ---------------------------------------------------------------------------------------------- video


class VpdqIndex:
    """Banked videos' frames in a PdqIndex; a query's frames looked up there, then HMA's percentages."""

    def __init__(self, frames: PdqIndex, owners: np.ndarray, quality: int = VPDQ_QUALITY) -> None:
        self.frames = frames  # ids: frame numbers 0..n-1 (positions in `owners`)
        self.owners = np.asarray(owners, dtype=np.int64)  # each frame's entry id
        self.quality = int(quality)
        entries, totals = np.unique(self.owners, return_counts=True)
        self._totals = dict(zip(entries.tolist(), totals.tolist(), strict=True))

    @classmethod
    def build(cls, items: Iterable[tuple[int, str]], quality: int = VPDQ_QUALITY) -> VpdqIndex:
        """Index `(entry id, stored vPDQ text)` items (``signals.vpdq_to_text`` form)."""
        codes, owners = [], []
        for entry_id, text in items:
            c = vpdq_frame_codes(text, quality)
            codes.append(c)
            owners.append(np.full(len(c), int(entry_id), dtype=np.int64))
        return cls._from_arrays(
            np.concatenate(codes).view(np.uint8) if codes else np.empty((0, PDQ_BYTES), np.uint8),
            np.concatenate(owners) if owners else np.empty(0, np.int64),
            quality,
        )

    @classmethod
    def _from_arrays(cls, codes: np.ndarray, owners: np.ndarray, quality: int) -> VpdqIndex:
        codes = np.ascontiguousarray(codes, dtype=np.uint8).reshape(-1, PDQ_BYTES)
        frames = PdqIndex.from_arrays(np.arange(len(codes), dtype=np.int64), codes)
        return cls(frames, owners, quality)

    def __len__(self) -> int:
        """The number of videos indexed."""
        return len(self._totals)

    def query(self, vpdq: str, threshold: int = DEFAULT_PDQ_THRESHOLD) -> list[tuple[int, float, float]]:
        """``(entry id, % of the query's frames that match a frame of it, % of its frames that match a frame
        of the query)`` for each video sharing at least one matching frame, by entry id. As
        ``signals.vpdq_compare``: distinct frames of quality ≥ the index's, frames within `threshold`."""
        q = vpdq_frame_codes(vpdq, self.quality)
        if not len(q) or not len(self.owners):
            return []
        found = self.frames.query_many([code.tobytes().hex() for code in q.view(np.uint8)], threshold)
        query_frame = np.repeat(np.arange(len(q)), [len(f) for f in found])
        frame = np.array([i for f in found for i, _ in f], dtype=np.int64)
        if not len(frame):
            return []
        owner = self.owners[frame]
        entries, matched_query = np.unique(
            np.unique(np.stack([owner, query_frame], axis=1), axis=0)[:, 0], return_counts=True
        )
        _, matched_frames = np.unique(self.owners[np.unique(frame)], return_counts=True)
        # Both list the same videos, in the same order: a matched pair implies a matched frame.
        return [
            (entry, 100.0 * mq / len(q), 100.0 * mf / self._totals[entry])
            for entry, mq, mf in zip(
                entries.tolist(), matched_query.tolist(), matched_frames.tolist(), strict=True
            )
        ]

    def save(self, path: str | Path) -> None:
        def write(fh):
            np.savez(
                fh,
                version=np.array([FORMAT_VERSION]),
                quality=np.array([self.quality]),
                owners=self.owners,
                codes=self.frames.codes,
            )

        _atomic_write(Path(path), write)

    @classmethod
    def load(cls, path: str | Path) -> VpdqIndex:
        with _read_arrays(path) as data:
            return cls._from_arrays(data["codes"], data["owners"], int(data["quality"][0]))


# ---------------------------------------------------------------------------------------------- text

_MIX1 = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)
_ESTIMATE_MARGIN = 0.2  # candidates whose MinHash estimate is this far under the threshold skip exact checks


# A pair exactly at the threshold becomes a candidate with at least this probability (pairs above it
# more likely: at the default 0.4, 42 bands of 3 rows give 0.94 at 0.4, 0.98 at 0.45, 0.996 at 0.5).
# A higher target means fewer rows per band, and many more candidates to check among unrelated posts
# (docs/benchmarks.md).
LSH_TARGET = 0.9


def lsh_parameters(
    threshold: float, num_perm: int = MINHASH_PERMUTATIONS, target: float = LSH_TARGET
) -> tuple[int, int]:
    """(bands, rows): the most rows per band (fewest false candidates) that still make a pair at the threshold
    a candidate with probability ≥ `target`."""
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= target:
            best = (bands, rows)
    return best


def _band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(n, bands) uint64 keys; each mixes the band number with its `rows` MinHash values."""
    sig = signatures[:, : bands * rows].reshape(len(signatures), bands, rows).astype(np.uint64)
    keys = np.broadcast_to((np.arange(bands, dtype=np.uint64) + np.uint64(1)) * _MIX1, sig.shape[:2]).copy()
    with np.errstate(over="ignore"):
        for r in range(rows):
            keys = (keys ^ sig[:, :, r]) * _MIX2
            keys ^= keys >> np.uint64(31)
    return keys


class TextIndex:
    """MinHash LSH with exact Jaccard verification. See the module docstring."""

    def __init__(self, threshold: float = DEFAULT_TEXT_THRESHOLD, folded: bool = False) -> None:
        if not 0 < threshold <= 1:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = float(threshold)
        self.folded = bool(folded)
        self.bands, self.rows = lsh_parameters(self.threshold)
        self.ids = np.empty(0, dtype=np.int64)
        self.signatures = np.empty((0, MINHASH_PERMUTATIONS), dtype=np.uint32)
        self.alive = np.empty(0, dtype=bool)
        self.text_blob = b""  # normalised texts, UTF-8, one after the other
        self.text_offsets = np.zeros(1, dtype=np.int64)  # text i is blob[off[i]:off[i+1]]; empty = no text
        self._keys = np.empty(0, dtype=np.uint64)  # sorted band keys
        self._key_pos = np.empty(0, dtype=np.uint32)
        self._key_bits = 1
        self._key_starts = np.zeros(3, dtype=np.uint32)
        self._pending: dict[int, list[int]] = {}  # band key -> positions added since the last merge
        self._pending_texts: list[bytes] = []
        self._pending_from = 0

    def _prepare(self, text: str) -> str:
        normalised = normalise_text(text)
        return fold_diacritics(normalised) if self.folded else normalised

    # -- building

    @classmethod
    def build(
        cls, items: Iterable[tuple[int, str]], threshold: float = DEFAULT_TEXT_THRESHOLD, folded: bool = False
    ) -> TextIndex:
        index = cls(threshold, folded)
        ids, texts, sigs = [], [], []
        for entry_id, text in items:
            prepared = index._prepare(text)
            ids.append(int(entry_id))
            texts.append(prepared.encode())
            sigs.append(minhash_values(prepared))
        index._set(np.array(ids, dtype=np.int64), _stack(sigs), texts)
        return index

    @classmethod
    def from_signatures(
        cls,
        ids: np.ndarray,
        signatures: np.ndarray,
        texts: list[bytes],
        threshold: float = DEFAULT_TEXT_THRESHOLD,
        folded: bool = False,
    ) -> TextIndex:
        """An index of precomputed MinHashes (uint32, n × 128) and normalised texts (b"" when unknown)."""
        index = cls(threshold, folded)
        index._set(np.asarray(ids, dtype=np.int64), np.asarray(signatures, dtype=np.uint32), texts)
        return index

    def _set(self, ids: np.ndarray, signatures: np.ndarray, texts: list[bytes]) -> None:
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum([len(t) for t in texts], out=offsets[1:])
        self._set_blob(ids, signatures, b"".join(texts), offsets)

    def _set_blob(self, ids: np.ndarray, signatures: np.ndarray, blob: bytes, offsets: np.ndarray) -> None:
        if not (len(ids) == len(signatures) == len(offsets) - 1):
            raise ValueError("ids, signatures and texts differ in length")
        self.ids = ids
        self.signatures = signatures.reshape(-1, MINHASH_PERMUTATIONS)
        self.alive = np.ones(len(ids), dtype=bool)
        self.text_blob = blob
        self.text_offsets = offsets
        keys = _band_keys(self.signatures, self.bands, self.rows).ravel()
        order = np.argsort(keys)
        self._keys = keys[order]
        self._key_pos = (order // self.bands).astype(np.uint32)
        # Where the keys with each value of their top bits start (about 4 keys a value): a band key's run
        # of equal keys is then read from one short range, with no binary search over all the keys.
        self._key_bits = max(1, min(30, math.ceil(math.log2(len(keys) + 1)) - 2))
        counts = np.bincount(
            (self._keys >> np.uint64(64 - self._key_bits)).astype(np.int64), minlength=1 << self._key_bits
        )
        self._key_starts = np.zeros(
            (1 << self._key_bits) + 1, dtype=np.int64 if len(keys) >= 2**32 else np.uint32
        )
        np.cumsum(counts, out=self._key_starts[1:])
        self._pending = {}
        self._pending_texts = []
        self._pending_from = len(ids)

    def add(self, items: Iterable[tuple[int, str]]) -> None:
        """Add entries (all or none: an empty text raises SignalError before anything is added)."""
        prepared = [(int(entry_id), self._prepare(text)) for entry_id, text in items]
        for entry_id, text in prepared:
            self._append(entry_id, minhash_values(text), text.encode())

    def add_minhashes(self, items: Iterable[tuple[int, str]]) -> None:
        """Entries known only by their MinHash hex (matched on the MinHash estimate of Jaccard)."""
        parsed = [(int(entry_id), minhash_from_hex(value)) for entry_id, value in items]
        for entry_id, signature in parsed:
            self._append(entry_id, signature, b"")

    def _append(self, entry_id: int, signature: np.ndarray, text: bytes) -> None:
        position = len(self.ids)
        self.ids = np.append(self.ids, entry_id)
        self.signatures = np.vstack([self.signatures, signature[None, :]])
        self.alive = np.append(self.alive, True)
        self._pending_texts.append(text)
        for key in _band_keys(signature[None, :], self.bands, self.rows)[0].tolist():
            self._pending.setdefault(key, []).append(position)
        if len(self._pending_texts) > PENDING_LIMIT:
            self.merge()

    def merge(self) -> None:
        keep = self.alive
        texts = [self._text(i) for i in range(len(self.ids))]
        self._set(self.ids[keep], self.signatures[keep], [t for t, k in zip(texts, keep, strict=True) if k])

    def remove(self, ids: Iterable[int]) -> None:
        self.alive &= ~np.isin(self.ids, np.array(list(ids), dtype=np.int64))

    def __len__(self) -> int:
        return int(self.alive.sum())

    def _text(self, position: int) -> bytes:
        if position >= self._pending_from:
            return self._pending_texts[position - self._pending_from]
        return self.text_blob[self.text_offsets[position] : self.text_offsets[position + 1]]

    # -- querying

    def _candidates(self, signature: np.ndarray) -> np.ndarray:
        keys = np.sort(_band_keys(signature[None, :], self.bands, self.rows)[0])
        found = []
        if len(self._keys):
            # The keys sharing each band key's top bits (a short range of the sorted keys, from the prefix
            # table), gathered in one step, then those equal to it.
            top = (keys >> np.uint64(64 - self._key_bits)).astype(np.int64)
            flat, owner = _ragged_ranges(
                self._key_starts[top].astype(np.int64), self._key_starts[top + 1].astype(np.int64)
            )
            flat = flat[self._keys[flat] == keys[owner]]
            found.append(self._key_pos[flat].astype(np.int64))
        if self._pending:
            every_key = _band_keys(signature[None, :], self.bands, self.rows)[0].tolist()
            found += [np.array(self._pending.get(k, []), dtype=np.int64) for k in every_key]
        if not found:
            return np.empty(0, dtype=np.int64)
        candidates = np.unique(np.concatenate(found))
        return candidates[self.alive[candidates]]

    def query(self, text: str, threshold: float | None = None) -> list[tuple[int, float]]:
        """Entries whose 5-gram Jaccard with `text` is at least the threshold, most similar first."""
        prepared = self._prepare(text)
        grams = shingles(prepared)
        return self._query(minhash_values(prepared, grams), grams, threshold)

    def query_minhash(self, value: str, threshold: float | None = None) -> list[tuple[int, float]]:
        return self._query(minhash_from_hex(value), None, threshold)

    def _query(self, signature: np.ndarray, grams: set[str] | None, threshold: float | None):
        threshold = self.threshold if threshold is None else float(threshold)
        if threshold < self.threshold:
            raise ValueError(f"this index finds Jaccard ≥ {self.threshold}; rebuild it for a lower threshold")
        if len(self.ids) == 0:
            return []
        candidates = self._candidates(signature)
        agree = np.count_nonzero(self.signatures[candidates] == signature, axis=1)
        close = agree >= (threshold - _ESTIMATE_MARGIN) * MINHASH_PERMUTATIONS  # the rest: far below
        matches = []
        for position, estimate in zip(
            candidates[close].tolist(), (agree[close] / MINHASH_PERMUTATIONS).tolist(), strict=True
        ):
            text = self._text(position)
            score = jaccard(grams, shingles(text.decode())) if grams is not None and text else estimate
            if score >= threshold:
                matches.append((int(self.ids[position]), round(score, 4)))
        matches.sort(key=lambda m: (-m[1], m[0]))
        return matches

    # -- files

    def save(self, path: str | Path) -> None:
        keep = self.alive
        texts = [self._text(i) for i in range(len(self.ids))]
        kept = [t for t, k in zip(texts, keep, strict=True) if k]
        offsets = np.zeros(len(kept) + 1, dtype=np.int64)
        np.cumsum([len(t) for t in kept], out=offsets[1:])
        meta = {"version": FORMAT_VERSION, "threshold": self.threshold, "folded": self.folded}

        def write(fh):
            np.savez(
                fh,
                meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
                ids=self.ids[keep],
                signatures=self.signatures[keep],
                offsets=offsets,
                blob=np.frombuffer(b"".join(kept), dtype=np.uint8),
            )

        _atomic_write(Path(path), write)

    @classmethod
    def load(cls, path: str | Path) -> TextIndex:
        with np.load(path) as data:
            meta = json.loads(data["meta"].tobytes())
            if meta.get("version") != FORMAT_VERSION:
                raise ValueError(f"{path}: unknown index format {meta.get('version')}")
            index = cls(meta["threshold"], meta["folded"])
            index._set_blob(data["ids"], data["signatures"], data["blob"].tobytes(), data["offsets"])
        return index


def _stack(signatures: list[np.ndarray]) -> np.ndarray:
    if not signatures:
        return np.empty((0, MINHASH_PERMUTATIONS), dtype=np.uint32)
    return np.stack(signatures).astype(np.uint32)
