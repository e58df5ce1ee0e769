"""A software FIDO2 authenticator for in-process tests: a real P-256 key pair that answers the node's
WebAuthn options as a security key would (attestation "none", ES256 signatures, a signature counter), so
the node's checks (py_webauthn) run on genuine answers. The browser tests use Chromium's virtual
authenticator instead."""

import hashlib
import json
import os
import struct

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url


def _b64(data: bytes) -> str:
    return bytes_to_base64url(data)


class SoftKey:
    def __init__(self, origin: str = "http://testserver", rp_id: str = "testserver"):
        self.private = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.counter = 0
        self.origin = origin
        self.rp_id = rp_id

    def _cose_key(self) -> bytes:
        numbers = self.private.public_key().public_numbers()
        return cbor2.dumps(
            {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")}
        )

    def _client_data(self, kind: str, challenge: str) -> bytes:
        data = {"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False}
        return json.dumps(data).encode()

    def create(self, options: dict) -> dict:
        """The answer to registration options (as `navigator.credentials.create()` gives it, encoded)."""
        client_data = self._client_data("webauthn.create", options["challenge"])
        attested = (
            bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id + self._cose_key()
        )
        auth_data = (
            hashlib.sha256(self.rp_id.encode()).digest() + bytes([0x41]) + struct.pack(">I", 0) + attested
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": _b64(self.credential_id), "rawId": _b64(self.credential_id), "type": "public-key",
            "clientExtensionResults": {},
            "response": {"clientDataJSON": _b64(client_data), "attestationObject": _b64(attestation)},
        }  # fmt: skip

    def get(self, options: dict, counter_step: int = 1) -> dict:
        """The answer to authentication options: the challenge signed with the key."""
        allowed = [d["id"] for d in options.get("allowCredentials", [])]
        assert _b64(self.credential_id) in allowed, "the node did not ask for this key"
        self.counter += counter_step
        client_data = self._client_data("webauthn.get", options["challenge"])
        auth_data = (
            hashlib.sha256(self.rp_id.encode()).digest() + bytes([0x01]) + struct.pack(">I", self.counter)
        )
        signed = auth_data + hashlib.sha256(client_data).digest()
        signature = self.private.sign(signed, ec.ECDSA(hashes.SHA256()))
        return {
            "id": _b64(self.credential_id), "rawId": _b64(self.credential_id), "type": "public-key",
            "clientExtensionResults": {},
            "response": {"clientDataJSON": _b64(client_data), "authenticatorData": _b64(auth_data),
                         "signature": _b64(signature), "userHandle": None},
        }  # fmt: skip


__all__ = ["SoftKey", "base64url_to_bytes"]
