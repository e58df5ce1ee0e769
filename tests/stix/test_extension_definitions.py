"""make_extension_definition builds valid extension-definition objects, and refuses invalid ones."""

from datetime import UTC, datetime

import pytest

from hotline.stix import StixError, declared_extension_type, make_extension_definition, validate_object
from tests.stix.objects import IDENTITY_ID, NEW_SDO_EXT, alert, identity

ARGS = {
    "id": NEW_SDO_EXT,
    "name": "Hotline alert",
    "description": "An urgent alert between the JWG agencies.",
    "schema_url": "https://example.org/hotline/alert.json",
    "version": "1.0.0",
    "extension_types": ["new-sdo"],
    "created_by_ref": IDENTITY_ID,
    "created": datetime(2024, 1, 1, tzinfo=UTC),
}


def test_definition_is_valid():
    definition = make_extension_definition(**ARGS)
    assert validate_object(definition) == []
    assert definition["schema"] == ARGS["schema_url"] and definition["extension_types"] == ["new-sdo"]
    assert definition["created"] == definition["modified"] == "2024-01-01T00:00:00.000000Z"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"extension_types": ["new-thing"]}, "extension_types"),
        ({"id": "extension-definition--1"}, "'id'"),
        ({"created_by_ref": "x"}, "created_by_ref"),
        ({"created": "yesterday"}, "created"),
    ],
)
def test_invalid_definition_raises(change, message):
    with pytest.raises(StixError, match=message):
        make_extension_definition(**{**ARGS, **change})


def test_declared_extension_type():
    assert declared_extension_type(alert()) == "new-sdo"
    assert declared_extension_type(identity()) is None
