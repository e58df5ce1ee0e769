"""Property: the validator answers any JSON value, and any object shaped like a STIX type it knows, with a
list of problems (sentences), and never by failing inside: "could not be validated" is its report of a bug of
its own, so it must never appear. A valid object, as read from the wire, stays valid after a canonical round
trip (what the node stores is what it validated)."""

from hypothesis import assume, given

from hotline.stix import canonical_json, loads, validate_object
from tests.stix import objects
from tests.stix.strategies import PROPERTY, accepted, json_values, stix_shaped_objects

INTERNAL_FAILURE = "could not be validated"


def assert_plain_problems(problems) -> None:
    assert isinstance(problems, list)
    assert all(isinstance(p, str) and p for p in problems)
    assert not [p for p in problems if INTERNAL_FAILURE in p]


@PROPERTY
@given(json_values())
def test_any_json_value_gets_a_list_of_problems(value):
    assert_plain_problems(validate_object(value))


@PROPERTY
@given(stix_shaped_objects())
def test_stix_shaped_objects_get_a_list_of_problems(obj):
    assert_plain_problems(validate_object(obj))


@PROPERTY
@given(json_values(max_leaves=6))
def test_any_value_in_a_valid_object_gets_a_list_of_problems(value):
    for make in (objects.identity, objects.threat_actor, objects.indicator):
        for name in ("name", "created", "object_marking_refs", "pattern", "x_custom", "extensions", "labels"):
            obj, ok = accepted(make(**{name: value}))
            assume(ok)
            problems = validate_object(obj)
            assert_plain_problems(problems)
            if not problems:
                assert validate_object(loads(canonical_json(obj))) == []
