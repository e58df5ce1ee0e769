"""Detached Ed25519 signatures over an object's canonical JSON (RFC 8785), carried in a property extension.

The signature covers the object exactly as it is without the signature extension itself, so a receiver can
verify what it received without any other context. Keys are identified by the SHA-256 of the raw public key.

Keys are `cryptography` objects (PEM files, key ids); verification runs in libsodium (PyNaCl), which checks
an Ed25519 signature in half the time OpenSSL takes (docs/benchmarks-federation.md): a catch-up after an
outage verifies every object it receives.
"""

import base64
import binascii
import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

from .canonical import canonical_json
from .extensions import PROJECT_IDENTITY, make_extension_definition, project_id, register_extension

__all__ = [
    "SIGNATURE_EXTENSION_ID",
    "SIGNATURE_EXTENSION",
    "SignatureCheck",
    "generate_private_key",
    "private_key_to_pem",
    "private_key_from_pem",
    "public_key_to_text",
    "public_key_from_text",
    "key_id",
    "sign",
    "unsigned",
    "verify",
]

SIGNATURE_EXTENSION_ID = project_id("extension-definition", "hotline-signature")
SIGNATURE_EXTENSION = make_extension_definition(
    id=SIGNATURE_EXTENSION_ID,
    name="Hotline signature",
    description="A detached Ed25519 signature over the RFC 8785 canonical JSON of the object without this "
    "extension; key_id is the SHA-256 (hex) of the signer's raw public key.",
    schema_url="https://hotline.invalid/schemas/hotline-signature-1.0.json",
    version="1.0",
    extension_types=["property-extension"],
    created_by_ref=PROJECT_IDENTITY["id"],
    created="2025-06-18T00:00:00.000Z",
)
ALGORITHM = "Ed25519"


def _check(obj: dict) -> list[str]:
    ext = obj["extensions"][SIGNATURE_EXTENSION_ID]
    problems = []
    if ext.get("algorithm") != ALGORITHM:
        problems.append(f"signature: algorithm must be {ALGORITHM!r}")
    for name in ("key_id", "signature"):
        if not isinstance(ext.get(name), str) or not ext[name]:
            problems.append(f"signature: missing {name!r}")
    return problems


register_extension(SIGNATURE_EXTENSION, check=_check)


@dataclass(frozen=True)
class SignatureCheck:
    valid: bool
    reason: str = ""
    key_id: str | None = None


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_to_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def private_key_from_pem(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key


def _raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_to_text(public_key: Ed25519PublicKey) -> str:
    """The form a partner is given: base64 of the 32 raw key bytes."""
    return base64.b64encode(_raw(public_key)).decode("ascii")


def public_key_from_text(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        raise ValueError("not a base64 Ed25519 public key (32 bytes)") from None


@functools.lru_cache(maxsize=64)
def _verify_key(raw: bytes) -> VerifyKey:
    return VerifyKey(raw)


def key_id(public_key: Ed25519PublicKey) -> str:
    return hashlib.sha256(_raw(public_key)).hexdigest()


def unsigned(obj: dict) -> dict:
    """The object as it was signed: without the signature extension (and without an emptied `extensions`)."""
    extensions = obj.get("extensions")
    if not isinstance(extensions, dict) or SIGNATURE_EXTENSION_ID not in extensions:
        return obj
    copy = dict(obj)
    rest = {k: v for k, v in extensions.items() if k != SIGNATURE_EXTENSION_ID}
    if rest:
        copy["extensions"] = rest
    else:
        del copy["extensions"]
    return copy


def sign(obj: dict, private_key: Ed25519PrivateKey) -> dict:
    """A copy of the object carrying a signature over its canonical JSON (replacing any earlier signature)."""
    body = unsigned(obj)
    signature = private_key.sign(canonical_json(body))
    signed = dict(body)
    signed["extensions"] = {
        **body.get("extensions", {}),
        SIGNATURE_EXTENSION_ID: {
            "extension_type": "property-extension",
            "algorithm": ALGORITHM,
            "key_id": key_id(private_key.public_key()),
            "signature": base64.b64encode(signature).decode("ascii"),
        },
    }
    return signed


def verify(
    obj: dict, public_keys: Mapping[str, Ed25519PublicKey], *, message: bytes | None = None
) -> SignatureCheck:
    """Whether the object carries a valid signature by one of the given keys (by key id). `message`: the
    canonical JSON of `unsigned(obj)` if the caller already computed it (a receiver stores it too)."""
    ext = (obj.get("extensions") or {}).get(SIGNATURE_EXTENSION_ID) if isinstance(obj, dict) else None
    if not isinstance(ext, dict):
        return SignatureCheck(False, "the object is not signed")
    kid = ext.get("key_id")
    if ext.get("algorithm") != ALGORITHM:
        return SignatureCheck(False, f"unsupported signature algorithm {ext.get('algorithm')!r}", kid)
    public_key = public_keys.get(kid) if isinstance(kid, str) else None
    if public_key is None:
        return SignatureCheck(False, "signed with a key this node does not know", kid)
    try:
        signature = base64.b64decode(ext.get("signature", ""), validate=True)
        _verify_key(_raw(public_key)).verify(
            canonical_json(unsigned(obj)) if message is None else message, signature
        )
    except (binascii.Error, ValueError, TypeError, BadSignatureError):
        return SignatureCheck(False, "the signature does not match the object (altered or forged)", kid)
    return SignatureCheck(True, "", kid)
