"""The fast canonical encoder gives exactly the bytes of the reference RFC 8785 implementation."""

import random

import pytest
import rfc8785

from hotline.stix import canonical_json
from tests.stix.corpus import valid_objects

ALPHABET = 'aZ09 _-"\\/\n\t\r\b\f\x00\x1f\x7f é ệ Đ 中 \u2028 \ue000 \uffff 😀 𝄞'


def _random_string(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 8)))


def _random_value(rng: random.Random, depth: int = 0):
    kind = rng.randint(0, 7 if depth < 4 else 3)
    if kind == 0:
        return _random_string(rng)
    if kind == 1:
        return rng.choice([0, 1, -1, 2**53 - 1, -(2**53 - 1), rng.randint(-(10**12), 10**12)])
    if kind == 2:
        return rng.choice([True, False, None])
    if kind == 3:
        return rng.choice([0.5, 1e21, 1e-7, -0.0, 123.456, 1e300, 5e-324])
    if kind in (4, 5):
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {_random_string(rng): _random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))}


@pytest.mark.parametrize("obj", valid_objects(), ids=lambda o: o.get("type", "?"))
def test_every_corpus_object_canonicalises_like_the_reference(obj):
    assert canonical_json(obj) == rfc8785.dumps(obj)


def test_random_documents_with_awkward_strings_keys_and_numbers_match_the_reference():
    rng = random.Random(8785)
    for _ in range(3000):
        document = _random_value(rng)
        assert canonical_json(document) == rfc8785.dumps(document), document


def test_keys_beyond_the_basic_plane_sort_by_utf16_code_units():
    document = {"\U0001d11e": 1, "\ue000": 2, "a": 3}

    assert canonical_json(document) == rfc8785.dumps(document)
    assert canonical_json(document).decode().index("\U0001d11e") < canonical_json(document).decode().index(
        "\ue000"
    )
