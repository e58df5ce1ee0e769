"""TLP 2.0 marking definitions and the helpers around them."""

import json

import pytest
import stix2

from hotline.stix import TLP_BY_ID, TLP_LEVELS, TLP_MARKINGS, StixError, mark, marking_id, tlp_level
from hotline.stix.markings import TLP1_IDS
from tests.stix.objects import domain, threat_actor

OFFICIAL = {  # OASIS cti-stix-common-objects, extension-definition-specifications/tlp-2.0
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}


def test_levels_are_ordered_least_to_most_restrictive():
    assert TLP_LEVELS == ("clear", "green", "amber", "amber+strict", "red")


@pytest.mark.parametrize("level", TLP_LEVELS)
def test_published_objects(level):
    assert TLP_MARKINGS[level] == {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": OFFICIAL[level],
        "created": "2022-10-01T00:00:00.000Z",
        "name": f"TLP:{level.upper()}",
        "extensions": {
            "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
                "extension_type": "property-extension",
                "tlp_2_0": level,
            }
        },
    }
    assert marking_id(level) == OFFICIAL[level] and TLP_BY_ID[OFFICIAL[level]] == level


def test_tlp_1_ids_are_the_ones_stix2_predefines():
    stix2_ids = {
        m.definition.tlp: m.id for m in (stix2.TLP_WHITE, stix2.TLP_GREEN, stix2.TLP_AMBER, stix2.TLP_RED)
    }
    assert stix2_ids == TLP1_IDS
    assert TLP_BY_ID[stix2.TLP_WHITE.id] == "clear" and TLP_BY_ID[stix2.TLP_RED.id] == "red"


def test_tlp_level_is_the_most_restrictive():
    obj = threat_actor(object_marking_refs=[OFFICIAL["green"], stix2.TLP_AMBER.id, OFFICIAL["clear"]])
    assert tlp_level(obj) == "amber"
    assert (
        tlp_level(threat_actor(object_marking_refs=[OFFICIAL["amber+strict"], OFFICIAL["amber"]]))
        == "amber+strict"
    )


def test_tlp_level_none():
    assert tlp_level(domain()) is None
    assert (
        tlp_level(
            threat_actor(object_marking_refs=["marking-definition--af5b83a3-b105-5344-a13a-46f79d3279d7"])
        )
        is None
    )


def test_mark_adds_and_copies():
    original = threat_actor()
    before = json.dumps(original)
    marked = mark(original, "red")
    assert marked["object_marking_refs"] == [OFFICIAL["green"], OFFICIAL["red"]]
    assert json.dumps(original) == before
    assert tlp_level(marked) == "red"
    assert mark(marked, "red")["object_marking_refs"] == marked["object_marking_refs"]
    assert mark(domain(), "clear")["object_marking_refs"] == [OFFICIAL["clear"]]


def test_unknown_level():
    with pytest.raises(StixError, match="unknown TLP level 'white'"):
        marking_id("white")
