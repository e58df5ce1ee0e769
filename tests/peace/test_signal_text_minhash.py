"""Text MinHash: a fixed, documented computation (a partner must get the same values), whose agreement
estimates the exact 5-gram Jaccard; near-duplicate posts are similar, unrelated ones are not."""

import numpy as np
import pytest

from hotline.peace.signals import (
    MINHASH_HEX_LENGTH,
    SignalError,
    minhash_from_hex,
    minhash_jaccard,
    shingles,
    text_folded_minhash,
    text_jaccard,
    text_minhash,
    text_signals,
)

POST = "Jangan mudah terprovokasi oleh pesan berantai di media sosial, periksa dulu kebenarannya"
OTHER = "Khóa huấn luyện sẽ bắt đầu vào tháng sau tại một địa điểm chỉ thông báo cho thành viên"


def test_minhash_values_are_stable():
    # datasketch 2.0 MinHash, scheme affine32, 128 permutations of seed 1, 5-grams hashed with CRC-32.
    assert text_minhash("Hòa bình cho mọi người")[:32] == "06688f80063dacf709c5fce90566270f"
    assert len(text_minhash(POST)) == MINHASH_HEX_LENGTH


def test_character_five_grams():
    assert shingles("abcdef") == {"abcde", "bcdef"}
    assert shingles("abc") == {"abc"}


def test_minhash_estimate_follows_the_exact_jaccard():
    edited = POST.replace("terprovokasi", "terpancing").replace("media sosial", "grup")
    exact = text_jaccard(POST, edited)
    assert 0.4 < exact < 0.9
    assert abs(minhash_jaccard(text_minhash(POST), text_minhash(edited)) - exact) < 0.15
    assert text_jaccard(POST, OTHER) < 0.1
    assert minhash_jaccard(text_minhash(POST), text_minhash(OTHER)) < 0.1
    assert minhash_jaccard(text_minhash(POST), text_minhash("RT @x: " + POST.upper())) == 1.0


def test_folded_minhash_matches_text_without_diacritics():
    plain = "Hãy cùng nhau giữ gìn hòa bình trong làng xóm"
    stripped = "Hay cung nhau giu gin hoa binh trong lang xom"
    assert minhash_jaccard(text_minhash(plain), text_minhash(stripped)) < 0.3
    assert text_folded_minhash(plain) == text_folded_minhash(stripped)
    assert text_jaccard(plain, stripped, folded=True) == 1.0


def test_text_signals_are_all_four():
    signals = text_signals(POST)
    assert set(signals) == {"text_sha256", "text_minhash", "text_folded_sha256", "text_folded_minhash"}
    assert signals["text_minhash"] == text_minhash(POST)


def test_minhash_hex_round_trip_and_bad_values():
    value = text_minhash(POST)
    assert minhash_from_hex(value).dtype == np.uint32
    assert minhash_from_hex(value).tolist() == minhash_from_hex(value.upper()).tolist()
    for bad in ("", "abc", "z" * MINHASH_HEX_LENGTH, value[:-2], None):
        with pytest.raises(SignalError):
            minhash_from_hex(bad)


def test_empty_text_has_no_minhash():
    with pytest.raises(SignalError):
        text_minhash(" @someone 🕊️ ")
