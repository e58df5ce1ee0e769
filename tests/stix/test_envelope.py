"""extract_objects reads a STIX bundle or a TAXII 2.1 envelope; make_bundle makes a bundle."""

import re

import pytest

from hotline.stix import EnvelopeError, extract_objects, make_bundle, validate_object
from tests.stix.objects import identity

BUNDLE_ID = "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d"


def test_bundle():
    assert extract_objects({"type": "bundle", "id": BUNDLE_ID, "objects": [identity()]}) == [identity()]


def test_taxii_envelope():
    assert extract_objects({"more": True, "next": "abc", "objects": [identity()]}) == [identity()]


@pytest.mark.parametrize("payload", [{}, {"more": False}, {"type": "bundle", "id": BUNDLE_ID}])
def test_nothing_to_extract(payload):
    assert extract_objects(payload) == []


def test_items_are_returned_unchecked():
    assert extract_objects({"objects": [1, "x"]}) == [1, "x"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ([identity()], "not a JSON array"),
        ("bundle", "not a JSON string"),
        (None, "not a JSON null"),
        (identity(), "got a single object of type 'identity'"),
        ({"objects": {"a": 1}}, "'objects' must be a list, not a JSON object"),
        ({"type": "bundle", "id": "bundle--1", "objects": []}, "'id' must be 'bundle--<uuid>'"),
        ({"type": "bundle", "objects": []}, "'id' must be 'bundle--<uuid>'"),
        ({"data": [identity()]}, "found neither"),
    ],
)
def test_unusable_payloads(payload, message):
    with pytest.raises(EnvelopeError, match=re.escape(message)):
        extract_objects(payload)


def test_make_bundle():
    bundle = make_bundle([identity()])
    assert re.fullmatch(r"bundle--[0-9a-f-]{36}", bundle["id"]) and bundle["type"] == "bundle"
    assert extract_objects(bundle) == [identity()] and validate_object(bundle["objects"][0]) == []
    assert make_bundle([])["id"] != make_bundle([])["id"]
