"""Every type's required properties, table-driven from a valid object of that type."""

import copy

import pytest

from hotline.stix import validate_object
from hotline.stix.schema import SPECS
from tests.stix.corpus import valid_objects

CORPUS = valid_objects()
EXAMPLE = {}
for _obj in CORPUS:
    EXAMPLE.setdefault(_obj["type"], _obj)

REQUIRED = [(t, prop) for t, spec in sorted(SPECS.items()) for prop in spec.required if prop != "type"]
ANY_OF = [(t, group) for t, spec in sorted(SPECS.items()) for group in spec.any_of]

# The brief's table, so a change to schema.py that drops a requirement fails here.
EXPECTED = {
    "indicator": {"pattern", "pattern_type", "valid_from"},
    "report": {"name", "published", "object_refs"},
    "grouping": {"context", "object_refs"},
    "malware": {"is_family"},
    "note": {"content", "object_refs"},
    "observed-data": {"first_observed", "last_observed", "number_observed"},
    "opinion": {"opinion", "object_refs"},
    "identity": {"name"},
    "malware-analysis": {"product"},
    "relationship": {"relationship_type", "source_ref", "target_ref"},
    "sighting": {"sighting_of_ref"},
    "language-content": {"object_ref", "contents"},
    "extension-definition": {"name", "schema", "version", "extension_types", "created_by_ref"},
    "marking-definition": {"created"},
    "domain-name": {"value"},
    **{
        t: {"name"}
        for t in (
            "threat-actor",
            "intrusion-set",
            "campaign",
            "tool",
            "vulnerability",
            "attack-pattern",
            "course-of-action",
            "infrastructure",
            "incident",
        )
    },
}


@pytest.mark.parametrize(("type_name", "expected"), sorted(EXPECTED.items()))
def test_type_requires_what_the_spec_requires(type_name, expected):
    assert expected <= set(SPECS[type_name].required)


@pytest.mark.parametrize(("type_name", "prop"), REQUIRED, ids=[f"{t}.{p}" for t, p in REQUIRED])
def test_missing_required_property_is_named(type_name, prop):
    obj = copy.deepcopy(EXAMPLE[type_name])
    assert prop in obj
    del obj[prop]
    assert f"{type_name}: missing required property '{prop}'" in validate_object(obj)


@pytest.mark.parametrize(("type_name", "group"), ANY_OF, ids=[t for t, _ in ANY_OF])
def test_one_of_a_group_is_required(type_name, group):
    obj = {k: v for k, v in EXAMPLE[type_name].items() if k not in group}
    problems = validate_object(obj)
    assert any(p.startswith(f"{type_name}: must have at least one of the properties") for p in problems), (
        problems
    )


@pytest.mark.parametrize("type_name", ["attack-pattern", "identity", "relationship", "language-content"])
def test_sdo_sro_require_common_properties(type_name):
    obj = {k: v for k, v in EXAMPLE[type_name].items() if k not in ("spec_version", "created", "modified")}
    problems = validate_object(obj)
    for prop in ("spec_version", "created", "modified"):
        assert f"{type_name}: missing required property '{prop}'" in problems


def test_sco_needs_only_type_and_id():
    assert (
        validate_object({"type": "mutex", "id": "mutex--eba44954-d4e4-5d3b-814c-2b17dd8de300", "name": "m"})
        == []
    )
    assert validate_object({"type": "mutex", "name": "m"}) == ["mutex: missing required property 'id'"]


def test_sco_spec_version_if_present_is_2_1():
    obj = {
        "type": "mutex",
        "spec_version": "2.0",
        "id": "mutex--eba44954-d4e4-5d3b-814c-2b17dd8de300",
        "name": "m",
    }
    assert validate_object(obj) == ["mutex: property 'spec_version' must be one of '2.1', got '2.0'"]


def test_location_latitude_and_longitude_count_as_one():
    obj = {k: v for k, v in EXAMPLE["location"].items() if k not in ("country", "city")}
    assert validate_object(obj) == []
