"""From about 8,400,000 hashes the PDQ index's prefix tables cover whole chunks (23-24 bits), and a probe's
run then holds exactly the entries with that chunk value, with no comparison of sorted values. That layout
must still find exactly what a brute-force scan finds (faiss's IndexBinaryFlat) at every threshold; forced
here on a small index instead of building ten million hashes."""

import numpy as np
import pytest

from hotline.peace.index import CHUNK_BITS, PdqIndex
from tests.peace.test_index_pdq_recall import brute_force

SIZE = 20_000


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    codes = rng.integers(0, 256, (SIZE, 32), dtype=np.uint8)
    codes[1::997] = codes[::997][: len(codes[1::997])]  # some hashes shared by two entries
    ids = rng.permutation(SIZE * 2)[:SIZE].astype(np.int64)
    near = codes[rng.integers(0, SIZE, 343)].copy()
    bits = np.unpackbits(near, axis=1)
    for i, row in enumerate(bits):
        row[rng.choice(256, i % 49, replace=False)] ^= 1
    queries = np.concatenate([np.packbits(bits, axis=1), rng.integers(0, 256, (30, 32), dtype=np.uint8)])
    return ids, codes, queries


@pytest.fixture(scope="module")
def whole(data):
    ids, codes, _ = data
    return PdqIndex.from_arrays(ids, codes, prefix_bits=24)


def test_the_tables_cover_whole_chunks_and_keep_no_sorted_values(whole):
    assert whole._prefix_bits == CHUNK_BITS and whole._whole_chunks and len(whole._values) == 0
    assert not PdqIndex.from_arrays(np.arange(3), np.zeros((3, 32), dtype=np.uint8))._whole_chunks


@pytest.mark.parametrize("threshold", [0, 10, 31, 43, 44])
def test_results_equal_brute_force(data, whole, threshold):
    ids, codes, queries = data
    found = whole.query_many([q.tobytes().hex() for q in queries], threshold)
    assert [sorted(r) for r in found] == brute_force(ids, codes, queries, threshold)
    hexes = [q.tobytes().hex() for q in queries[:25]]
    assert [whole.query(h, threshold) for h in hexes] == found[:25]
