"""Marking definitions: TLP 2.0 (by extension), TLP 1.0 (predefined), statements."""

import json

import pytest
import stix2

from hotline.stix import TLP_MARKINGS, validate_object
from hotline.stix.markings import TLP2_EXTENSION_DEFINITION, TLP2_EXTENSION_ID

STATEMENT = {
    "type": "marking-definition",
    "spec_version": "2.1",
    "id": "marking-definition--af5b83a3-b105-5344-a13a-46f79d3279d7",
    "created": "2024-01-01T00:00:00.000Z",
    "definition_type": "statement",
    "definition": {"statement": "JWG members only"},
}


@pytest.mark.parametrize("level", list(TLP_MARKINGS))
def test_tlp_2_markings_are_valid(level):
    assert validate_object(TLP_MARKINGS[level]) == []


def test_tlp_2_extension_definition_is_valid():
    assert validate_object(TLP2_EXTENSION_DEFINITION) == []


@pytest.mark.parametrize("marking", [stix2.TLP_WHITE, stix2.TLP_GREEN, stix2.TLP_AMBER, stix2.TLP_RED])
def test_tlp_1_markings_are_valid(marking):
    assert validate_object(json.loads(marking.serialize())) == []


def test_statement_is_valid():
    assert validate_object(STATEMENT) == []


def test_tlp_2_level_must_match_the_official_id():
    wrong = {
        **TLP_MARKINGS["red"],
        "extensions": {TLP2_EXTENSION_ID: {"extension_type": "property-extension", "tlp_2_0": "clear"}},
    }
    assert validate_object(wrong) == [
        "marking-definition: a TLP 2.0 'clear' marking must have id "
        "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487 and name 'TLP:CLEAR'"
    ]


def test_tlp_2_unknown_level():
    wrong = {
        **TLP_MARKINGS["red"],
        "extensions": {TLP2_EXTENSION_ID: {"extension_type": "property-extension", "tlp_2_0": "white"}},
    }
    assert validate_object(wrong)[0].startswith(
        "marking-definition: TLP 2.0 extension: 'tlp_2_0' must be one of"
    )


def test_tlp_1_must_be_the_predefined_object():
    red = json.loads(stix2.TLP_RED.serialize())
    assert validate_object({**red, "definition": {"tlp": "green"}}) == [
        "marking-definition: TLP 1.0 marking marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed "
        "must be exactly "
        "the predefined TLP:RED object"
    ]


def test_definition_or_extension_is_required():
    bare = {k: v for k, v in STATEMENT.items() if k not in ("definition_type", "definition")}
    assert validate_object(bare) == [
        "marking-definition: must have 'definition_type' and 'definition', "
        "or an 'extensions' entry that defines the marking"
    ]


def test_statement_needs_a_statement():
    assert validate_object({**STATEMENT, "definition": {"text": "x"}}) == [
        "marking-definition: property 'definition' must be {\"statement\": <string>} "
        "for definition_type 'statement'"
    ]


def test_marking_extensions_must_be_extension_definitions():
    problems = validate_object({**STATEMENT, "extensions": {"x-foo-ext": {"a": 1}}})
    assert problems == [
        "marking-definition: property 'extensions' has an invalid key 'x-foo-ext' "
        "(must be 'extension-definition--<uuid>')"
    ]


def test_marking_needs_no_modified():
    assert "modified" not in STATEMENT and validate_object(STATEMENT) == []
