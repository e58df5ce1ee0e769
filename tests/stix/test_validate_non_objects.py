"""What is not a STIX object at all: not a JSON object, no type, a bad type name, a bundle."""

import pytest

from hotline.stix import is_valid, validate_object


@pytest.mark.parametrize("value", [None, [], "identity", 3, ["type", "identity"]])
def test_non_dict(value):
    assert validate_object(value) == ["object is not a JSON object"]
    assert not is_valid(value)


def test_missing_type():
    assert validate_object({"id": "identity--311b2d2d-f010-4473-83ec-1edf84858f4c"}) == [
        "object: missing required property 'type'"
    ]


@pytest.mark.parametrize("type_name", ["Identity", "x", "x--y", "x_y", "-xy", "xy-", "action", "a" * 251])
def test_bad_type_name(type_name):
    problems = validate_object(
        {"type": type_name, "id": f"{type_name}--311b2d2d-f010-4473-83ec-1edf84858f4c"}
    )
    assert len(problems) == 1 and "is not a valid type name" in problems[0]


def test_type_must_be_a_string():
    assert validate_object({"type": 5}) == ["object: property 'type' must be a string, got 5"]


def test_bundle_inside_a_bundle():
    assert validate_object({"type": "bundle", "id": "bundle--311b2d2d-f010-4473-83ec-1edf84858f4c"}) == [
        "bundle: a bundle cannot be an object inside a bundle or envelope"
    ]
