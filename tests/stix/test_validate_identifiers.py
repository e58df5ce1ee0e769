"""Object ids are <type>--<RFC 4122 UUID> of the object's own type; references point at the right types."""

import pytest

from hotline.stix import validate_object
from tests.stix.objects import ACTOR_ID, IDENTITY_ID, domain, identity, threat_actor


def test_id_of_another_type_is_named():
    problems = validate_object(identity(id="threat-actor--311b2d2d-f010-4473-83ec-1edf84858f4c"))
    assert problems == [
        "identity: property 'id' must start with 'identity--' (an id's type is its object's type), "
        "got 'threat-actor--311b2d2d-f010-4473-83ec-1edf84858f4c'"
    ]


@pytest.mark.parametrize(
    "uuid",
    [
        "311b2d2d-f010-0473-83ec-1edf84858f4c",  # version 0
        "311b2d2d-f010-4473-c3ec-1edf84858f4c",  # variant bits not 10xx
        "311b2d2d-f010-4473-83ec-1edf84858f4",  # too short
        "311b2d2df0104473-83ec-1edf84858f4c",  # a hyphen missing
        "311b2d2d-f010-4473-83ec-1edf84858g4c",  # not hex
        "bnpt",
    ],
)
def test_id_needs_an_rfc_4122_uuid(uuid):
    problems = validate_object(identity(id=f"identity--{uuid}"))
    assert len(problems) == 1 and problems[0].startswith(
        "identity: property 'id' must be 'identity--<RFC 4122 UUID>'"
    )


def test_uppercase_uuid_is_accepted_like_stix2_validator():
    assert validate_object(identity(id="identity--311B2D2D-F010-4473-83EC-1EDF84858F4C")) == []


def test_id_must_be_a_string():
    assert validate_object(identity(id=7)) == [
        "identity: property 'id' must be 'identity--<RFC 4122 UUID>', got 7"
    ]


def test_sco_id_follows_the_same_rule():
    assert validate_object(domain(id="url--dd7e5a6f-9c43-5b8e-8a2c-4c0f2a7b8e61"))[0].startswith(
        "domain-name: property 'id' must start with 'domain-name--'"
    )


def test_created_by_ref_must_be_an_identity():
    problems = validate_object(threat_actor(created_by_ref=ACTOR_ID))
    assert problems == [
        "threat-actor: property 'created_by_ref' must be a STIX identifier of type identity, "
        f"got '{ACTOR_ID}'"
    ]


def test_object_marking_refs_must_be_marking_definitions():
    problems = validate_object(threat_actor(object_marking_refs=[IDENTITY_ID]))
    assert problems == [
        "threat-actor: property 'object_marking_refs' must be a list of marking-definition ids; "
        f"item 0 is '{IDENTITY_ID}'"
    ]


def test_relationship_endpoints_may_be_custom_types_but_not_markings():
    rel = {
        "type": "relationship",
        "spec_version": "2.1",
        "id": "relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad",
        "created": "2024-01-01T00:00:00.000Z",
        "modified": "2024-01-01T00:00:00.000Z",
        "relationship_type": "attributed-to",
        "source_ref": ACTOR_ID,
        "target_ref": "x-hotline-alert--2f3e1c4d-5b6a-4c7d-8e9f-0a1b2c3d4e5f",
    }
    assert validate_object(rel) == []
    rel["target_ref"] = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
    assert validate_object(rel)[0].startswith(
        "relationship: property 'target_ref' must be a STIX identifier not of"
    )
