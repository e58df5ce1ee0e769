"""Deeply nested JSON is refused with a clear EnvelopeError, without recursion (so without a RecursionError or
a stack overflow however deep), before anything looks inside it; a large flat document is parsed normally."""

import json

import pytest

from hotline.stix import EnvelopeError, extract_objects, loads, validate_object


@pytest.mark.parametrize("depth", [65, 1_000, 100_000, 1_000_000])
@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ('{"a":', "}")])
def test_nesting_beyond_the_limit_is_an_envelope_error(depth, opening, closing):
    raw = opening * depth + "0" + closing * depth
    with pytest.raises(EnvelopeError, match="nesting is deeper than 64 levels"):
        loads(raw)


def test_nesting_inside_an_envelope_is_refused_before_the_objects_are_seen():
    deep = '{"x":' * 200 + "1" + "}" * 200
    raw = '{"objects":[{"type":"indicator","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","x_deep":'
    with pytest.raises(EnvelopeError, match="nesting"):
        loads(raw + deep + "}]}")


def test_nesting_within_the_limit_is_accepted_and_validated():
    nested = {"x": 1}
    for _ in range(60):
        nested = {"x": nested}
    envelope = loads('{"objects":[{"type":"x-deep","x_nested":' + json.dumps(nested) + "}]}")
    (obj,) = extract_objects(envelope)
    assert isinstance(validate_object(obj), list)


def test_a_million_unclosed_brackets_is_an_envelope_error():
    with pytest.raises(EnvelopeError):
        loads("[" * 1_000_000)
