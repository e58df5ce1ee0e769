"""Text normalisation: what a repost changes (case, links, mentions, hashtags, emoji, retweet prefixes,
spaces) does not change the normalised text or its SHA-256; diacritics are folded only for the second
signal."""

import pytest

from hotline.peace.signals import (
    SignalError,
    fold_diacritics,
    folded_text,
    normalise_text,
    text_folded_sha256,
    text_sha256,
)

POST = "mari jaga perdamaian di kampung kita"


def test_case_and_unicode_composition_are_normalised():
    decomposed = "Ho\u0300a bi\u0300nh"  # "Hòa bình" with combining accents (NFD)
    assert normalise_text(decomposed) == "hòa bình"
    assert normalise_text("MARI Jaga PERDAMAIAN di kampung kita") == POST


def test_urls_are_stripped():
    assert normalise_text("mari jaga https://example.org/a?b=1 perdamaian di kampung kita") == POST
    assert normalise_text("mari jaga perdamaian di kampung kita www.example.org/x") == POST
    assert normalise_text("mari jaga perdamaian di kampung kita HTTP://EXAMPLE.ORG") == POST


def test_mentions_are_stripped_but_not_email_addresses():
    assert normalise_text("@duta_damai mari jaga perdamaian di @warga kampung kita") == POST
    assert normalise_text("tulis ke info@example.org") == "tulis ke info@example.org"


def test_hashtag_keeps_its_word_without_the_hash():
    assert normalise_text("mari jaga #perdamaian di kampung kita") == POST
    assert normalise_text("#Hòa_bình") == "hòa_bình"


def test_emoji_are_stripped():
    assert normalise_text("mari jaga 🕊️ perdamaian 🇮🇩 di kampung kita 👍🏽❤️") == POST
    assert normalise_text("mari jaga perdamaian di kampung kita 👨‍👩‍👧") == POST


def test_retweet_prefixes_are_stripped():
    assert normalise_text("RT @duta_damai: mari jaga perdamaian di kampung kita") == POST
    assert normalise_text("rt @a: RT @b: mari jaga perdamaian di kampung kita") == POST
    # Only at the start: "rt" inside a post is a word.
    assert normalise_text("kata rt di tengah") == "kata rt di tengah"


def test_whitespace_is_collapsed():
    assert normalise_text("  mari\tjaga\n\nperdamaian   di kampung\u00a0kita  ") == POST


def test_reposts_share_the_text_sha256():
    repost = "RT @someone: Mari jaga #PERDAMAIAN di kampung kita 🕊️ https://t.co/abc"
    assert text_sha256(repost) == text_sha256(POST)
    assert text_sha256("mari jaga perdamaian di kota kita") != text_sha256(POST)


def test_diacritics_are_folded_for_the_second_signal_only():
    assert fold_diacritics("Hòa bình, đoàn kết, ĐOÀN KẾT") == "Hoa binh, doan ket, DOAN KET"
    assert fold_diacritics("Ærøskøbing Łódź straße") == "AEroskobing Lodz strasse"
    assert folded_text("Hòa bình cho mọi người") == "hoa binh cho moi nguoi"
    assert text_sha256("hòa bình") != text_sha256("hoa binh")
    assert text_folded_sha256("Hòa Bình") == text_folded_sha256("hoa binh")


@pytest.mark.parametrize("text", ["", "   ", "🕊️🇮🇩", "https://example.org @someone", "RT @a:"])
def test_text_with_nothing_left_is_refused(text):
    with pytest.raises(SignalError):
        normalise_text(text)
    with pytest.raises(SignalError):
        text_sha256(text)


def test_text_must_be_a_string():
    with pytest.raises(SignalError):
        normalise_text(b"bytes")
