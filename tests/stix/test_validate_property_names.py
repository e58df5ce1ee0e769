"""Property names: a-z, 0-9 and _, 3 to 250 characters, starting with a letter; reserved names refused."""

import pytest

from hotline.stix import validate_object
from tests.stix.objects import domain, identity


@pytest.mark.parametrize("name", ["Bad", "x-foo", "ab", "x" * 251, "_private", "1abc", "naïve", "has space"])
def test_invalid_custom_property_name_is_named(name):
    problems = validate_object(identity(**{name: 1}))
    assert len(problems) == 1 and problems[0].startswith(f"identity: property name {name!r:.60} is invalid")


@pytest.mark.parametrize("name", ["x_bnpt_priority", "abc", "x" * 250, "a1_"])
def test_valid_custom_property_names_are_allowed(name):
    assert validate_object(identity(**{name: "v"})) == []


@pytest.mark.parametrize("name", ["severity", "action", "username", "phone_numbers"])
def test_reserved_names_are_refused(name):
    assert validate_object(identity(**{name: "v"})) == [
        f"identity: property '{name}' is reserved by STIX 2.1 and must not be used"
    ]


def test_bin_and_hex_suffixes_are_checked():
    assert validate_object(domain(x_data_bin="aGVsbG8=", x_flags_hex="0aff")) == []
    assert validate_object(domain(x_data_bin="not base64!")) == [
        "domain-name: property 'x_data_bin' must be base64-encoded binary"
    ]
    assert validate_object(domain(x_flags_hex="abc")) == [
        "domain-name: property 'x_flags_hex' must be an even number of hex digits"
    ]
