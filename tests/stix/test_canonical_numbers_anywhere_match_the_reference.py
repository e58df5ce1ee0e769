"""Numbers that the C encoder writes differently from RFC 8785 (floats, integers beyond 2**53-1) are found
wherever they sit in an object, and text that only looks like such a number changes nothing."""

import pytest
import rfc8785

from hotline.stix import StixError, canonical_json

CASES = [
    {"type": "x-test", "a": 1.5},
    {"type": "x-test", "a": [1, 2, 0.1]},
    {"type": "x-test", "a": [1e21]},
    {"type": "x-test", "a": {"b": {"c": -2.0}}},
    {"type": "x-test", "a": [5e-324, 1e-7]},
    {"type": "x-test", "a": 2**53 - 1, "b": -(2**53 - 1)},
    {"type": "x-test", "a": 2**53 - 1, "z": 1.0},
    {"type": "x-test", "pattern": "[x:port = 8080.5] AND [y:z = 1e5]", "url": "http://h:8080.example/,1.5"},
    {"type": "x-test", "note": ":12345678901234567 ,-1.0e3 [0.5]"},
    {"type": "x-test", "\U0001d11e": "beyond", "\ue000": "private", "a": "plain"},
    {"type": "x-test", "text": "emoji 😀 in a value only"},
]


@pytest.mark.parametrize("document", CASES, ids=range(len(CASES)))
def test_number_or_number_like_text_anywhere_canonicalises_like_the_reference(document):
    assert canonical_json(document) == rfc8785.dumps(document)


def test_an_integer_beyond_the_safe_range_is_refused_wherever_it_is():
    with pytest.raises(StixError):
        canonical_json({"type": "x-test", "a": [{"b": 2**53}]})
