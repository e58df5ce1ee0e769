"""Types outside STIX 2.1 are valid only when an extension definition declares them (new-sdo/sco/sro)."""

import pytest

from hotline.stix import validate_object
from hotline.stix.extensions import EXTENSION_CHECKS, PROJECT_EXTENSIONS, register_extension
from hotline.stix.markings import TLP2_EXTENSION_DEFINITION
from tests.stix.objects import IDENTITY_ID, NEW_SDO_EXT, alert

SCO_EXT = "extension-definition--2074a052-8be4-4932-849e-f5e7798e0030"


def test_new_sdo_is_valid():
    assert validate_object(alert()) == []


def test_new_sdo_gets_sdo_rules():
    problems = validate_object(alert(created=None, modified="2023-01-01T00:00:00.000Z", confidence=500))
    assert "x-hotline-alert: property 'created' must not be null" in problems
    assert "x-hotline-alert: property 'confidence' must be an integer from 0 to 100, got 500" in problems
    assert validate_object({k: v for k, v in alert().items() if k != "spec_version"}) == [
        "x-hotline-alert: missing required property 'spec_version'"
    ]


def test_new_sco_needs_no_created():
    handle = {
        "type": "x-hotline-handle",
        "id": "x-hotline-handle--6f7c1b9e-3c3a-5b8e-9d7e-1f2a3b4c5d6e",
        "value": "@someone",
        "extensions": {SCO_EXT: {"extension_type": "new-sco"}},
    }
    assert validate_object(handle) == []


def test_new_sco_with_created_is_held_to_sdo_rules():
    handle = {
        "type": "x-hotline-handle",
        "id": "x-hotline-handle--6f7c1b9e-3c3a-5b8e-9d7e-1f2a3b4c5d6e",
        "value": "@someone",
        "extensions": {SCO_EXT: {"extension_type": "new-sco"}},
        "created": "2024-01-01T00:00:00Z",
    }
    assert validate_object(handle) == [
        "x-hotline-handle: property 'created' must be a timestamp precise to the millisecond, "
        "YYYY-MM-DDTHH:MM:SS.sss[s...]Z, got '2024-01-01T00:00:00Z'",
        "x-hotline-handle: missing required property 'spec_version'",
        "x-hotline-handle: missing required property 'modified'",
    ]


def test_undeclared_type_is_unknown():
    obj = alert(extensions={NEW_SDO_EXT: {"extension_type": "property-extension", "x": 1}})
    assert validate_object(obj) == [
        "x-hotline-alert: unknown type 'x-hotline-alert' "
        "(not STIX 2.1 and not declared by an extension definition)"
    ]
    assert validate_object({k: v for k, v in alert().items() if k != "extensions"})[0].endswith(
        "(not STIX 2.1 and not declared by an extension definition)"
    )


def test_id_must_match_the_new_type():
    assert validate_object(alert(id="x-other--2f3e1c4d-5b6a-4c7d-8e9f-0a1b2c3d4e5f"))[0].startswith(
        "x-hotline-alert: property 'id' must start with 'x-hotline-alert--'"
    )


@pytest.fixture
def registered():
    definition = {
        **TLP2_EXTENSION_DEFINITION,
        "id": NEW_SDO_EXT,
        "name": "Hotline alert",
        "created_by_ref": IDENTITY_ID,
        "extension_types": ["new-sdo"],
    }

    def check(obj):
        return [] if isinstance(obj.get("subject"), str) else ["property 'subject' (a string) is required"]

    register_extension(definition, check)
    yield definition
    PROJECT_EXTENSIONS.pop(NEW_SDO_EXT)
    EXTENSION_CHECKS.pop(NEW_SDO_EXT)


def test_registered_extension_check_runs(registered):
    assert validate_object(alert()) == []
    assert validate_object({k: v for k, v in alert().items() if k != "subject"}) == [
        "x-hotline-alert: property 'subject' (a string) is required"
    ]


def test_registered_extension_must_define_the_declared_kind(registered):
    obj = alert(extensions={NEW_SDO_EXT: {"extension_type": "new-sro"}})
    assert f"x-hotline-alert: extension {NEW_SDO_EXT} does not define a new-sro type" in validate_object(obj)


def test_a_crashing_check_is_reported_not_raised(registered):
    EXTENSION_CHECKS[NEW_SDO_EXT] = lambda obj: obj["missing"]
    problems = validate_object(alert())
    assert problems == [
        f"x-hotline-alert: the check of extension {NEW_SDO_EXT} failed on this object (KeyError: 'missing')"
    ]
