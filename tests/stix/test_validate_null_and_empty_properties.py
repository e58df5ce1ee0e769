"""STIX 2.1 section 3.3: no property may be null or an empty list (empty strings are allowed)."""

import pytest

from hotline.stix import validate_object
from tests.stix.objects import domain, identity, threat_actor


@pytest.mark.parametrize("prop", ["description", "x_custom", "name", "created_by_ref"])
def test_null_is_rejected(prop):
    assert f"identity: property '{prop}' must not be null" in validate_object(identity(**{prop: None}))


@pytest.mark.parametrize("prop", ["labels", "roles", "object_marking_refs", "x_tags"])
def test_empty_list_is_rejected(prop):
    assert f"identity: property '{prop}' must not be an empty list" in validate_object(identity(**{prop: []}))


def test_empty_string_is_allowed():
    assert validate_object(identity(description="")) == []


def test_sco_properties_too():
    assert validate_object(domain(resolves_to_refs=[])) == [
        "domain-name: property 'resolves_to_refs' must not be an empty list"
    ]


def test_null_inside_an_external_reference():
    problems = validate_object(threat_actor(external_references=[{"source_name": "x", "url": None}]))
    assert problems == [
        "threat-actor: property 'external_references' item 0 must not set 'url' to null or an empty list"
    ]


def test_list_of_strings_must_hold_strings():
    problems = validate_object(threat_actor(aliases=["a", 3]))
    assert problems == ["threat-actor: property 'aliases' must be a list of strings; item 1 is 3"]


def test_labels_must_be_non_empty_strings():
    assert validate_object(threat_actor(labels=["ok", ""])) == [
        "threat-actor: property 'labels' must be a list of non-empty strings; item 1 is ''"
    ]
