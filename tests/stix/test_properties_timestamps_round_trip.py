"""Property: every UTC datetime (years 1-9999, microseconds) survives format -> parse; every string of the
timestamp shape parses to a datetime or is refused with a StixError (never another exception), and what parses
formats back to the same instant with six fractional digits (digits beyond the sixth are truncated)."""

import contextlib
from datetime import UTC

from hypothesis import given
from hypothesis import strategies as st

from hotline.stix import StixError, format_timestamp, parse_timestamp
from tests.stix.strategies import PROPERTY, aware_datetimes, timestamp_texts


@PROPERTY
@given(aware_datetimes)
def test_format_then_parse_gives_the_datetime_back(moment):
    text = format_timestamp(moment)
    assert parse_timestamp(text) == moment
    assert len(text) == 27 and text.endswith("Z")


@PROPERTY
@given(timestamp_texts())
def test_parse_then_format_keeps_the_instant(text):
    try:
        moment = parse_timestamp(text)
    except StixError:
        return
    assert moment.tzinfo is UTC
    again = format_timestamp(moment)
    assert parse_timestamp(again) == moment
    assert again[:19] == text[:19]
    fraction = text[20:-1] if "." in text else ""
    assert again[20:26] == (fraction + "000000")[:6]


@PROPERTY
@given(st.text(max_size=40) | st.integers() | st.none())
def test_parse_refuses_anything_else_with_a_stix_error(value):
    with contextlib.suppress(StixError):
        parse_timestamp(value)
