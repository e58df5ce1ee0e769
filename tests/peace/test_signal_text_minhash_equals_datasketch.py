"""The text MinHash is computed in numpy (`signals.minhash_many`, many texts at once) but must stay exactly
datasketch's MinHash (scheme affine32, 128 permutations of seed 1, 5-grams hashed with CRC-32), which a
partner computes: equal values for texts in Indonesian, Vietnamese, short, long and empty gram sets, in one
batch and one by one."""

import random
import zlib

import numpy as np
from datasketch import MinHash

from hotline.peace import signals
from tests.peace import media


def datasketch_values(grams) -> np.ndarray:
    minhash = MinHash(num_perm=128, seed=1, hashfunc=zlib.crc32, scheme="affine32")
    minhash.update_batch([g.encode() for g in grams])
    return minhash.hashvalues.astype(np.uint32)


def gram_sets() -> list[set[str]]:
    rng = random.Random(5)
    letters = "abcdeghiklmnostuyàáạảãâầấậđêềếệôồốộơờớợưừứựx "
    texts = [media.TEXT_ID, "Hòa bình cho mọi người", "abc", "x" * 5000]
    texts += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 600))) for _ in range(300)]
    return [signals.shingles(signals.normalise_text(t)) for t in texts if t.strip()] + [set()]


def test_a_batch_equals_datasketch_text_by_text():
    sets = gram_sets()
    batch = signals.minhash_many(sets)
    assert batch.shape == (len(sets), 128) and batch.dtype == np.uint32
    for grams, values in zip(sets, batch, strict=True):
        assert np.array_equal(values, datasketch_values(grams))


def test_batches_larger_than_one_block_equal_one_text_at_a_time(monkeypatch):
    sets = gram_sets()
    monkeypatch.setattr(signals, "_MINHASH_BLOCK", 700)  # many blocks, and texts longer than a block
    batch = signals.minhash_many(sets)
    for grams, values in zip(sets, batch, strict=True):
        assert np.array_equal(values, signals.minhash_values("", grams))
        assert np.array_equal(values, datasketch_values(grams))
