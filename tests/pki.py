"""Throwaway certificates for the tests that run TLS (mutual TLS between nodes, the nginx example): a CA,
and certificates it signs, written as PEM files."""

import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def certificate(
    common: str, issuer: x509.Name | None, public_key, signing_key, *, ca=False, usage=None, san=None
):
    """A certificate for `common`, signed by `signing_key` as `issuer` (None: self-signed), valid a day."""
    now = datetime.datetime.now(datetime.UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])
    builder = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(issuer or subject).public_key(public_key)
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )  # fmt: skip
    if usage:
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def write(folder: Path, name: str, cert, key=None) -> tuple[str, str]:
    """`folder/name.crt` (and `name.key`, unencrypted, if a key is given); their paths."""
    (folder / f"{name}.crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    if key is not None:
        (folder / f"{name}.key").write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    return str(folder / f"{name}.crt"), str(folder / f"{name}.key")


def authority(folder: Path, name: str):
    """A self-signed CA written to `folder/name.crt`: (its certificate, its key)."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = certificate(name, None, key.public_key(), key, ca=True)
    write(folder, name, cert)
    return cert, key


def signed_by(folder: Path, name: str, ca, usage, san=None) -> tuple[str, str]:
    """A certificate for `name` signed by the CA `ca` (as `authority` returns it), written with its key."""
    ca_cert, ca_key = ca
    key = ec.generate_private_key(ec.SECP256R1())
    cert = certificate(name, ca_cert.subject, key.public_key(), ca_key, usage=usage, san=san)
    return write(folder, name.replace(" ", "-"), cert, key)
