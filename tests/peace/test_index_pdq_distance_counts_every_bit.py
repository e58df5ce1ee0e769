"""A PDQ distance counts all 256 bits: the complement of a hash is 256 bits away (no 8-bit overflow), in
the merged tables and in the added entries, one query or many at a time; every distance equals Python's."""

import numpy as np

from hotline.peace.index import PdqIndex


def complement(value: str) -> str:
    return f"{int(value, 16) ^ (2**256 - 1):064x}"


def distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def test_the_complement_of_a_hash_is_256_bits_away_and_every_distance_is_exact():
    rng = np.random.default_rng(7)
    stored = [rng.integers(0, 256, 32, dtype=np.uint8).tobytes().hex() for _ in range(50)]
    index = PdqIndex.build(enumerate(stored, start=1))
    index.add([(100, complement(stored[1]))])

    merged, added = index.query_many([complement(stored[0]), stored[1]], threshold=256)
    assert (1, 256) in merged
    assert (100, 256) in added
    assert index.query(complement(stored[0]), threshold=256) == merged

    everything = dict(merged)
    assert len(everything) == 51
    for entry_id, value in list(enumerate(stored, start=1)) + [(100, complement(stored[1]))]:
        assert everything[entry_id] == distance(value, complement(stored[0]))
