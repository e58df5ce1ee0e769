"""Small valid STIX objects written out by hand, for tests that change one property at a time."""

IDENTITY_ID = "identity--311b2d2d-f010-4473-83ec-1edf84858f4c"
ACTOR_ID = "threat-actor--56f3f0db-b5d5-431c-ae56-c18f02caf500"
TLP_GREEN_2 = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
NEW_SDO_EXT = "extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e"


def identity(**changes) -> dict:
    obj = {
        "type": "identity",
        "spec_version": "2.1",
        "id": IDENTITY_ID,
        "created": "2024-01-01T00:00:00.000Z",
        "modified": "2024-01-01T00:00:00.000Z",
        "name": "BNPT",
        "identity_class": "organization",
    }
    obj.update(changes)
    return obj


def threat_actor(**changes) -> dict:
    obj = {
        "type": "threat-actor",
        "spec_version": "2.1",
        "id": ACTOR_ID,
        "created_by_ref": IDENTITY_ID,
        "created": "2024-01-01T00:00:00.000Z",
        "modified": "2024-03-01T12:00:00.123456Z",
        "name": "Cell X",
        "object_marking_refs": [TLP_GREEN_2],
    }
    obj.update(changes)
    return obj


def indicator(**changes) -> dict:
    obj = {
        "type": "indicator",
        "spec_version": "2.1",
        "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
        "created": "2024-01-01T00:00:00.000Z",
        "modified": "2024-01-01T00:00:00.000Z",
        "pattern": "[ipv4-addr:value = '198.51.100.7']",
        "pattern_type": "stix",
        "valid_from": "2024-01-01T00:00:00Z",
    }
    obj.update(changes)
    return obj


def domain(**changes) -> dict:
    obj = {
        "type": "domain-name",
        "spec_version": "2.1",
        "id": "domain-name--dd7e5a6f-9c43-5b8e-8a2c-4c0f2a7b8e61",
        "value": "example.com",
    }
    obj.update(changes)
    return obj


def alert(**changes) -> dict:
    """An object of a project type declared by an extension definition (new-sdo)."""
    obj = {
        "type": "x-hotline-alert",
        "spec_version": "2.1",
        "id": "x-hotline-alert--2f3e1c4d-5b6a-4c7d-8e9f-0a1b2c3d4e5f",
        "created": "2024-01-01T00:00:00.000Z",
        "modified": "2024-01-01T00:00:00.000Z",
        "subject": "Bomb threat",
        "extensions": {NEW_SDO_EXT: {"extension_type": "new-sdo"}},
    }
    obj.update(changes)
    return obj
