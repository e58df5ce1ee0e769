"""The PDQ index finds exactly what a brute-force scan finds at the threshold (faiss's IndexBinaryFlat as the
reference), on random hashes with planted near-duplicates at every distance around the threshold."""

import faiss
import numpy as np
import pytest

from hotline.peace.index import CHUNK_BITS, PdqIndex, chunk_flips

SIZE = 100_000


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(31)
    codes = rng.integers(0, 256, (SIZE, 32), dtype=np.uint8)
    ids = rng.permutation(SIZE * 3)[:SIZE].astype(np.int64)  # entry ids are not positions
    # Planted: copies of indexed hashes with 0..48 bits flipped (several per distance), and random hashes.
    near = codes[rng.integers(0, SIZE, 490)].copy()
    bits = np.unpackbits(near, axis=1)
    for i, row in enumerate(bits):
        row[rng.choice(256, i % 49, replace=False)] ^= 1
    queries = np.concatenate([np.packbits(bits, axis=1), rng.integers(0, 256, (50, 32), dtype=np.uint8)])
    return ids, codes, queries


@pytest.fixture(scope="module")
def index(data):
    ids, codes, _ = data
    return PdqIndex.from_arrays(ids, codes)


def brute_force(ids, codes, queries, threshold):
    flat = faiss.IndexBinaryFlat(256)
    flat.add(codes)
    limits, distances, labels = flat.range_search(queries, threshold + 1)  # faiss: distance < radius
    return [
        sorted(
            zip(
                ids[labels[limits[q] : limits[q + 1]]].tolist(),
                distances[limits[q] : limits[q + 1]].tolist(),
                strict=True,
            )
        )
        for q in range(len(queries))
    ]


@pytest.mark.parametrize("threshold", [0, 8, 16, 31, 32, 40, 48])
def test_results_equal_brute_force(data, index, threshold):
    ids, codes, queries = data
    found = index.query_many([q.tobytes().hex() for q in queries], threshold)
    expected = brute_force(ids, codes, queries, threshold)
    assert [sorted(r) for r in found] == expected
    assert sum(map(len, expected)) >= 10 * (min(threshold, 48) + 1)  # ten planted copies per distance
    # Nearest first, then by id.
    assert all(r == sorted(r, key=lambda m: (m[1], m[0])) for r in found)


def test_single_query_equals_batch(data, index):
    queries = data[2]
    hexes = [q.tobytes().hex() for q in queries[:40]]
    assert [index.query(h) for h in hexes] == index.query_many(hexes)


def test_chunk_allowances_cover_the_threshold():
    assert sum(CHUNK_BITS) == 256
    for threshold in range(0, 60):
        assert sum(f + 1 for f in chunk_flips(threshold)) > threshold


def test_duplicate_hashes_of_several_entries_are_all_found():
    value = "a5" * 32
    index = PdqIndex.build([(1, value), (2, value), (3, "5a" * 32)])
    assert index.query(value) == [(1, 0), (2, 0)]
    assert index.query("5a" * 32, threshold=0) == [(3, 0)]
