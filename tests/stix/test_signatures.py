import copy

import pytest

from hotline.stix import signatures, validate_object
from tests.stix.corpus import valid_objects

CORPUS = valid_objects()

KEY = signatures.generate_private_key()
OTHER = signatures.generate_private_key()
KEYS = {signatures.key_id(KEY.public_key()): KEY.public_key()}

OBJECT = {
    "type": "threat-actor",
    "spec_version": "2.1",
    "id": "threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
    "created": "2025-06-18T09:00:00.000Z",
    "modified": "2025-06-18T09:00:00.000Z",
    "name": "Kelompok contoh / Nhóm ví dụ",
}


def test_a_signed_object_verifies_and_stays_valid_stix():
    signed = signatures.sign(OBJECT, KEY)

    assert signatures.verify(signed, KEYS).valid
    assert validate_object(signed) == []
    assert signatures.unsigned(signed) == OBJECT


@pytest.mark.parametrize("obj", CORPUS, ids=lambda o: o.get("type", "?"))
def test_objects_of_every_kind_keep_their_own_extensions_when_signed(obj):
    signed = signatures.sign(obj, KEY)

    assert signatures.verify(signed, KEYS).valid
    assert signatures.unsigned(signed) == obj


def test_any_change_to_a_signed_object_breaks_the_signature():
    signed = signatures.sign(OBJECT, KEY)
    tampered = copy.deepcopy(signed)
    tampered["name"] = "Changed"

    check = signatures.verify(tampered, KEYS)

    assert not check.valid and "altered" in check.reason


def test_an_unknown_key_or_a_missing_signature_is_reported():
    by_other = signatures.verify(signatures.sign(OBJECT, OTHER), KEYS)
    unsigned = signatures.verify(OBJECT, KEYS)

    assert not by_other.valid and "does not know" in by_other.reason
    assert not unsigned.valid and "not signed" in unsigned.reason


def test_a_forged_signature_with_a_known_key_id_fails():
    signed = signatures.sign(OBJECT, OTHER)
    ext = signed["extensions"][signatures.SIGNATURE_EXTENSION_ID]
    ext["key_id"] = signatures.key_id(KEY.public_key())

    assert not signatures.verify(signed, KEYS).valid


def test_keys_round_trip_through_their_text_forms():
    pem = signatures.private_key_to_pem(KEY)
    text = signatures.public_key_to_text(KEY.public_key())

    again = signatures.private_key_from_pem(pem)
    public = signatures.public_key_from_text(text)

    assert (
        signatures.key_id(again.public_key())
        == signatures.key_id(public)
        == signatures.key_id(KEY.public_key())
    )
    with pytest.raises(ValueError):
        signatures.public_key_from_text("not a key")


def test_a_malformed_signature_extension_is_invalid_stix():
    signed = signatures.sign(OBJECT, KEY)
    signed["extensions"][signatures.SIGNATURE_EXTENSION_ID]["algorithm"] = "RSA"

    assert any("algorithm" in problem for problem in validate_object(signed))
