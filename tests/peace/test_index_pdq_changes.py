"""The PDQ index is built, changed (add, remove), saved and loaded without losing or inventing a match;
bad hashes are refused and change nothing."""

import numpy as np
import pytest

from hotline.peace.index import PdqIndex
from hotline.peace.signals import SignalError


def hashes(count, seed):
    rng = np.random.default_rng(seed)
    return [rng.integers(0, 256, 32, dtype=np.uint8).tobytes().hex() for _ in range(count)]


def flip(value: str, bits: int) -> str:
    number = int(value, 16)
    for b in range(bits):
        number ^= 1 << (b * 7)
    return f"{number:064x}"


@pytest.fixture
def index():
    return PdqIndex.build(enumerate(hashes(2000, seed=1), start=1))


def test_build_and_query(index):
    first = hashes(1, seed=1)[0]
    assert len(index) == 2000
    assert index.query(first) == [(1, 0)]
    assert index.query(flip(first, 31)) == [(1, 31)]
    assert index.query(flip(first, 32)) == []
    assert index.query(flip(first, 32), threshold=32) == [(1, 32)]


def test_added_entries_are_found_at_once_and_after_a_merge(index):
    new = hashes(3, seed=2)
    index.add([(5001, new[0]), (5002, new[1])])
    assert len(index) == 2002
    assert index.query(flip(new[0], 10)) == [(5001, 10)]
    index.merge()
    assert index.query(flip(new[1], 20)) == [(5002, 20)]
    assert index.query(new[2]) == []


def test_removed_entries_are_not_found(index):
    first, second = hashes(2, seed=1)
    index.add([(7000, flip(first, 3))])
    index.remove([1, 7000])
    assert index.query(first) == []
    assert index.query(second) == [(2, 0)]
    assert len(index) == 1999
    index.merge()
    assert index.query(first) == [] and len(index) == 1999


def test_save_and_load_keep_every_live_entry(index, tmp_path):
    first, second = hashes(2, seed=1)
    index.add([(9000, flip(first, 5))])
    index.remove([2])
    path = tmp_path / "pdq.index"
    index.save(path)
    assert not list(tmp_path.glob(".*tmp"))  # written under a temporary name, then renamed
    loaded = PdqIndex.load(path)
    assert len(loaded) == 2000
    assert loaded.query(first) == [(1, 0), (9000, 5)]
    assert loaded.query(second) == []


def test_empty_index(tmp_path):
    index = PdqIndex.build([])
    assert len(index) == 0 and index.query("0" * 64) == []
    index.save(tmp_path / "empty.index")
    assert len(PdqIndex.load(tmp_path / "empty.index")) == 0


def test_bad_hashes_are_refused_and_change_nothing(index):
    with pytest.raises(SignalError):
        index.add([(8000, hashes(1, seed=3)[0]), (8001, "not a hash")])
    assert len(index) == 2000
    with pytest.raises(SignalError):
        PdqIndex.build([(1, "ab" * 31)])
    with pytest.raises(SignalError):
        index.query("xyz")
    with pytest.raises(ValueError):
        index.query("0" * 64, threshold=300)


def test_unknown_file_format_is_refused(tmp_path):
    path = tmp_path / "other.index"
    with open(path, "wb") as fh:
        np.savez(fh, version=np.array([99]), ids=np.zeros(0), codes=np.zeros((0, 32)))
    with pytest.raises(ValueError, match="format"):
        PdqIndex.load(path)
