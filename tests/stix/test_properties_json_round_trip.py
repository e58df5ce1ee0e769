"""Property: strict JSON parsing and writing round-trip every JSON value the parser accepts, canonical JSON
included, and the parser answers any input, however broken, with a value or an EnvelopeError, never another
exception."""

import contextlib

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from hotline.stix import EnvelopeError, canonical_json, dumps, loads
from tests.stix.strategies import PROPERTY, accepted, json_values


@PROPERTY
@given(json_values())
def test_dumps_then_loads_gives_the_value_back_or_refuses_it(value):
    read, ok = accepted(value)
    assert read == value if ok else True


@PROPERTY
@given(json_values())
@example({"n": 1e16})  # RFC 8785 writes it as 10000000000000000: the parser refuses it on the way in
def test_what_the_parser_accepts_parses_back_from_its_canonical_json(value):
    read, ok = accepted(value)
    assume(ok)
    assert loads(canonical_json(read)) == read


@pytest.mark.parametrize("text", ["1e16", "-9007199254740992.0", "12345678901234567890.5", "9.9e20"])
def test_a_number_canonical_json_writes_as_an_integer_beyond_53_bits_is_refused(text):
    with pytest.raises(EnvelopeError, match="beyond"):
        loads(f"[{text}]")
    assert loads("[1e21, 9007199254740991.0]") == [1e21, 9007199254740991.0]


@PROPERTY
@given(json_values())
def test_loads_takes_text_and_bytes_alike(value):
    read, ok = accepted(value)
    assume(ok)
    raw = dumps(read)
    assert loads(raw.decode("utf-8")) == loads(raw) == read


@PROPERTY
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_loads_never_fails_with_anything_but_an_envelope_error(raw):
    try:
        loads(raw)
    except EnvelopeError as exc:
        assert str(exc).startswith("invalid JSON")


@PROPERTY
@given(json_values(), st.data())
def test_damaged_json_is_an_envelope_error_or_a_value(value, data):
    raw = bytearray(dumps(value))
    for _ in range(data.draw(st.integers(1, 3))):
        position = data.draw(st.integers(0, len(raw)))
        raw[position:position] = data.draw(st.binary(min_size=1, max_size=3))
    with contextlib.suppress(EnvelopeError):
        loads(bytes(raw))
