"""STIX timestamps: parse to aware UTC datetimes with microseconds; format with 6 digits and Z."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from hotline.stix import StixError, format_timestamp, now_utc, parse_timestamp


def test_round_trip_keeps_microseconds():
    dt = datetime(2024, 2, 29, 23, 59, 59, 123456, tzinfo=UTC)
    assert format_timestamp(dt) == "2024-02-29T23:59:59.123456Z"
    assert parse_timestamp(format_timestamp(dt)) == dt


@pytest.mark.parametrize(
    ("text", "micro"),
    [
        ("2024-01-01T00:00:00Z", 0),
        ("2024-01-01T00:00:00.1Z", 100000),
        ("2024-01-01T00:00:00.123Z", 123000),
        ("2024-01-01T00:00:00.1234567Z", 123456),
    ],
)
def test_fractions(text, micro):
    dt = parse_timestamp(text)
    assert dt.microsecond == micro and dt.tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    ["2024-01-01T00:00:00", "2024-01-01 00:00:00Z", "2024-01-01T00:00:00+07:00", "2024-02-30T00:00:00Z", ""],
)
def test_bad_text_raises_with_message(text):
    with pytest.raises(StixError, match="timestamp"):
        parse_timestamp(text)


def test_format_converts_to_utc():
    jakarta = timezone(timedelta(hours=7))
    assert format_timestamp(datetime(2024, 1, 1, 7, 0, tzinfo=jakarta)) == "2024-01-01T00:00:00.000000Z"


def test_format_refuses_naive_datetimes():
    with pytest.raises(StixError, match="naive"):
        format_timestamp(datetime(2024, 1, 1))


def test_now_is_aware_utc():
    assert now_utc().tzinfo is UTC
