"""Property: our canonical JSON (with its fast path) is byte for byte the reference rfc8785 implementation's
for every JSON value: floats, astral-plane keys, integers at the edge of the safe range; and it is stable."""

import rfc8785
from hypothesis import assume, given
from hypothesis import strategies as st

from hotline.stix import StixError, canonical_json, loads
from tests.stix.strategies import PROPERTY, accepted, json_values, json_without_floats, text

astral_keys = st.text(st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF), min_size=1, max_size=3)


@PROPERTY
@given(json_values())
def test_equal_to_the_reference(value):
    assert canonical_json(value) == rfc8785.dumps(value)


@PROPERTY
@given(json_without_floats())
def test_equal_to_the_reference_on_the_fast_path(value):
    assert canonical_json(value) == rfc8785.dumps(value)


@PROPERTY
@given(st.dictionaries(astral_keys | text, st.integers(-5, 5), min_size=2, max_size=8))
def test_keys_beyond_the_basic_plane_sort_as_utf16(value):
    assert canonical_json(value) == rfc8785.dumps(value)


@PROPERTY
@given(json_values())
def test_canonical_form_of_what_the_parser_accepts_is_stable(value):
    read, ok = accepted(value)
    assume(ok)
    once = canonical_json(read)
    assert canonical_json(loads(once)) == once


@PROPERTY
@given(st.integers(min_value=2**53) | st.integers(max_value=-(2**53)))
def test_integers_beyond_the_safe_range_are_refused_like_the_reference(number):
    try:
        expected = rfc8785.dumps({"n": number})
    except rfc8785.CanonicalizationError:
        expected = None
    try:
        got = canonical_json({"n": number})
    except StixError:
        got = None
    assert got == expected
