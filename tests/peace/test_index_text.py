"""The text index: MinHash LSH candidates verified by the exact 5-gram Jaccard. It finds reposts and edited
copies of banked posts (plain and diacritic-folded), agrees with a brute-force scan, and survives changes,
saving and loading; bad input is refused and changes nothing."""

import random

import numpy as np
import pytest

from hotline.peace.index import TextIndex, lsh_parameters
from hotline.peace.signals import (
    DEFAULT_TEXT_THRESHOLD,
    SignalError,
    fold_diacritics,
    jaccard,
    normalise_text,
    shingles,
    text_jaccard,
    text_minhash,
)

WORDS = """damai bersatu perdamaian toleransi warga kampung pemuda media sosial pesan berita jangan percaya
bangkit berjuang kelompok keluarga sekolah guru hòa bình đoàn kết thanh niên gia đình cộng đồng tin giả mạng
xã hội""".split()  # noqa: SIM905


def posts(count, seed):
    rng = random.Random(seed)
    return [" ".join(rng.choices(WORDS, k=rng.randint(12, 24))) + f" {seed}-{i}" for i in range(count)]


BANKED = "Hãy cùng nhau giữ gìn hòa bình trong làng xóm, sự khác biệt là tài sản quý giá của dân tộc"


@pytest.fixture(scope="module")
def corpus():
    return posts(3000, seed=1)


@pytest.fixture(scope="module")
def built(corpus):
    return TextIndex.build([(i, t) for i, t in enumerate(corpus)] + [(99_999, BANKED)])


def test_reposts_and_edited_copies_are_found(built):
    assert built.query(BANKED)[0] == (99_999, 1.0)
    assert built.query("RT @someone: " + BANKED.upper() + " #hoabinh 🕊️ https://t.co/x")[0][0] == 99_999
    truncated = BANKED[: int(len(BANKED) * 0.7)]
    assert built.query(truncated)[0][0] == 99_999
    unrelated = "Latihan akan dimulai bulan depan di tempat yang akan kami beritahukan kepada anggota"
    assert built.query(unrelated) == []


def test_scores_are_exact_jaccard_and_respect_the_threshold(built, corpus):
    for text in corpus[:20]:
        for entry, score in built.query(text):
            assert score >= DEFAULT_TEXT_THRESHOLD
            source = BANKED if entry == 99_999 else corpus[entry]
            assert score == pytest.approx(text_jaccard(text, source), abs=1e-4)
    with pytest.raises(ValueError):
        built.query(BANKED, threshold=0.2)  # lower than the index was built for
    assert built.query(BANKED[:50], threshold=0.95) == []


def test_recall_against_brute_force(built, corpus):
    rng = random.Random(5)
    queries = []
    for text in rng.sample(corpus, 150):
        words = text.split()
        for i in rng.sample(range(len(words)), len(words) // 10):
            words[i] = rng.choice(WORDS)
        queries.append(" ".join(words))
    expected = found = 0
    grams = [shingles(normalise_text(t)) for t in corpus]
    for query in queries:
        mine = shingles(normalise_text(query))
        truth = {i for i, g in enumerate(grams) if jaccard(mine, g) >= DEFAULT_TEXT_THRESHOLD}
        result = {e for e, _ in built.query(query)}
        assert result <= truth | {99_999}  # nothing under the threshold
        expected += len(truth)
        found += len(truth & result)
    # LSH is probabilistic: at least 98% of the brute-force matches (measured: all of them).
    assert expected >= 150 and found / expected >= 0.98


def test_lsh_parameters_catch_pairs_at_the_threshold():
    for threshold in (0.3, 0.4, 0.5, 0.7, 0.9):
        bands, rows = lsh_parameters(threshold)
        assert bands * rows <= 128
        assert 1 - (1 - threshold**rows) ** bands >= 0.9


def test_folded_index_matches_text_without_diacritics():
    folded = TextIndex.build([(1, BANKED)], folded=True)
    plain = TextIndex.build([(1, BANKED)])
    stripped = fold_diacritics(BANKED)
    assert folded.query(stripped) == [(1, 1.0)]
    assert plain.query(stripped) == []


def test_added_and_removed_entries(corpus):
    index = TextIndex.build([(i, t) for i, t in enumerate(corpus[:500])])
    index.add([(7001, BANKED)])
    assert index.query(BANKED) == [(7001, 1.0)]
    index.remove([7001, 0])
    assert index.query(BANKED) == [] and index.query(corpus[0]) == []
    assert len(index) == 499
    index.merge()
    assert index.query(corpus[1])[0] == (1, 1.0) and len(index) == 499


def test_entries_known_only_by_minhash_match_on_the_estimate():
    index = TextIndex.build([])
    index.add_minhashes([(42, text_minhash(BANKED))])
    assert index.query(BANKED) == [(42, 1.0)]
    assert index.query_minhash(text_minhash(BANKED)) == [(42, 1.0)]
    assert index.query("mari jaga perdamaian di kampung kita bersama keluarga") == []


def test_save_and_load(built, tmp_path):
    index = TextIndex.build(
        [(1, BANKED), (2, "Jangan mudah terprovokasi oleh pesan berantai")], threshold=0.5
    )
    index.add([(3, "Duta Damai mengajak anak muda menyebarkan pesan toleransi")])
    index.add_minhashes([(4, text_minhash("Các đại sứ hòa bình kêu gọi giới trẻ lan tỏa thông điệp"))])
    index.remove([2])
    path = tmp_path / "text.index"
    index.save(path)
    loaded = TextIndex.load(path)
    assert len(loaded) == 3 and loaded.threshold == 0.5 and not loaded.folded
    assert loaded.query(BANKED) == [(1, 1.0)]
    assert loaded.query("Duta Damai mengajak anak muda menyebarkan pesan toleransi")[0] == (3, 1.0)
    assert loaded.query("Các đại sứ hòa bình kêu gọi giới trẻ lan tỏa thông điệp") == [(4, 1.0)]
    assert loaded.query("Jangan mudah terprovokasi oleh pesan berantai") == []


def test_bad_input_is_refused_and_changes_nothing():
    index = TextIndex.build([(1, BANKED)])
    with pytest.raises(SignalError):
        index.add([(2, "a real post"), (3, "  🕊️ ")])
    with pytest.raises(SignalError):
        index.add_minhashes([(4, "abc")])
    assert len(index) == 1 and len(index.ids) == 1
    with pytest.raises(SignalError):
        index.query("")
    with pytest.raises(SignalError):
        TextIndex.build([(1, "@only_a_mention")])
    with pytest.raises(ValueError):
        TextIndex(threshold=0)
    assert index.signatures.dtype == np.uint32
