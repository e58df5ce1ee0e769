"""A signature value that is not 64 bytes of base64 is a failed check with a reason, never an exception that
would stop a receive (libsodium refuses other lengths with a ValueError of its own)."""

import base64

import pytest

from hotline.stix import signatures

KEY = signatures.generate_private_key()
KEYS = {signatures.key_id(KEY.public_key()): KEY.public_key()}
OBJECT = {
    "type": "indicator",
    "spec_version": "2.1",
    "id": "indicator--5c1f9a3e-7d2b-4f6a-9e8d-0b1c2d3e4f50",
    "created": "2025-06-18T09:00:00.000Z",
    "modified": "2025-06-18T09:00:00.000Z",
    "pattern": "[domain-name:value = 'contoh.example']",
    "pattern_type": "stix",
    "valid_from": "2025-06-18T09:00:00Z",
}


def _with_signature(value: str) -> dict:
    signed = signatures.sign(OBJECT, KEY)
    signed["extensions"][signatures.SIGNATURE_EXTENSION_ID]["signature"] = value
    return signed


@pytest.mark.parametrize(
    "value",
    [
        "",
        "not base64!",
        base64.b64encode(b"short").decode(),
        base64.b64encode(bytes(65)).decode(),
        base64.b64encode(bytes(64)).decode(),
        base64.b64encode(b"\xff" * 64).decode(),
    ],
    ids=["empty", "not-base64", "too-short", "too-long", "zeros", "s-out-of-range"],
)
def test_a_malformed_signature_value_is_a_failed_check(value):
    check = signatures.verify(_with_signature(value), KEYS)

    assert not check.valid
    assert check.reason == "the signature does not match the object (altered or forged)"
    assert check.key_id == signatures.key_id(KEY.public_key())


def test_the_well_formed_signature_next_to_them_verifies():
    assert signatures.verify(signatures.sign(OBJECT, KEY), KEYS).valid
