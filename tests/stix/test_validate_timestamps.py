"""Timestamps are RFC 3339 in UTC with a Z; created/modified to the millisecond; orderings hold."""

import pytest

from hotline.stix import validate_object
from tests.stix.objects import identity, indicator, threat_actor


@pytest.mark.parametrize(
    "value",
    [
        "2024-01-01T00:00:00.000",  # no Z
        "2024-01-01T00:00:00.000+00:00",  # an offset instead of Z
        "2024-01-01 00:00:00.000Z",  # no T
        "2024-01-01t00:00:00.000z",  # lower case
        "2024-02-30T00:00:00.000Z",  # no such day
        "2023-02-29T00:00:00.000Z",  # not a leap year
        "2024-01-01T24:00:00.000Z",
        "2024-01-01T23:59:60.000Z",  # leap second: not representable, rejected
        "2024-1-01T00:00:00.000Z",
        "２０２４-01-01T00:00:00.000Z",  # non-ASCII digits
        "2024-01-01T00:00:00Z",  # created must be precise to the millisecond
        "2024-01-01T00:00:00.1Z",
        20240101,
    ],
)
def test_bad_created_is_rejected(value):
    problems = validate_object(identity(created=value, modified="2025-01-01T00:00:00.000Z"))
    assert len(problems) == 1 and problems[0].startswith("identity: property 'created' must be a timestamp")


def test_leap_day_and_long_fractions_are_accepted():
    obj = identity(created="2024-02-29T23:59:59.123456789Z", modified="2024-02-29T23:59:59.123456789Z")
    assert validate_object(obj) == []


def test_other_timestamps_need_no_milliseconds():
    assert validate_object(indicator(valid_from="2024-01-01T00:00:00Z")) == []
    assert validate_object(indicator(valid_from="2024-01-01T00:00:00")) != []


def test_modified_before_created_is_rejected():
    problems = validate_object(threat_actor(modified="2023-12-31T23:59:59.999Z"))
    assert problems == [
        "threat-actor: property 'modified' (2023-12-31T23:59:59.999Z) must be the same as or later than "
        "'created' (2024-01-01T00:00:00.000Z)"
    ]


@pytest.mark.parametrize(
    ("created", "modified", "ok"),
    [
        ("2024-01-01T00:00:00.100Z", "2024-01-01T00:00:00.1000Z", True),  # equal, written differently
        ("2024-01-01T00:00:00.1001Z", "2024-01-01T00:00:00.100Z", False),
        ("2024-01-01T00:00:00.999Z", "2024-01-01T00:00:01.000000Z", True),
        ("2024-01-01T00:00:01.000Z", "2024-01-01T00:00:00.999999Z", False),
    ],
)
def test_order_is_by_time_not_by_text(created, modified, ok):
    assert (validate_object(identity(created=created, modified=modified)) == []) is ok


def test_valid_until_must_be_after_valid_from():
    problems = validate_object(indicator(valid_until="2024-01-01T00:00:00Z"))
    assert problems == [
        "indicator: property 'valid_until' (2024-01-01T00:00:00Z) must be later than "
        "'valid_from' (2024-01-01T00:00:00Z)"
    ]


def test_last_seen_may_equal_first_seen():
    assert (
        validate_object(threat_actor(first_seen="2024-01-01T00:00:00Z", last_seen="2024-01-01T00:00:00Z"))
        == []
    )
    assert (
        validate_object(threat_actor(first_seen="2024-01-02T00:00:00Z", last_seen="2024-01-01T00:00:00Z"))
        != []
    )
