"""mps's node serves HTTPS and requires a client certificate signed by the federation's CA (mutual TLS);
bnpt's node pushes to it with its client certificate and the message arrives; without a client certificate
the TLS handshake fails."""

import datetime
import ipaddress

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.federation.support import federate, message, send, stop_all, wait_for

pytestmark = pytest.mark.live


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _certificate(subject, issuer, public_key, signing_key, *, ca=False, usage=None, san=None):
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )  # fmt: skip
    if usage:
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def _write(path, cert, key=None):
    path.with_suffix(".crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    if key is not None:
        path.with_suffix(".key").write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    return str(path.with_suffix(".crt")), str(path.with_suffix(".key"))


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A throwaway CA, a server certificate for 127.0.0.1 and a client certificate."""
    folder = tmp_path_factory.mktemp("pki")
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate(_name("JWG test CA"), _name("JWG test CA"), ca_key.public_key(), ca_key, ca=True)
    server_key, client_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    server = _certificate(
        _name("127.0.0.1"), ca.subject, server_key.public_key(), ca_key,
        usage=ExtendedKeyUsageOID.SERVER_AUTH, san=[x509.IPAddress(ipaddress.ip_address("127.0.0.1"))],
    )  # fmt: skip
    client = _certificate(
        _name("bnpt node"), ca.subject, client_key.public_key(), ca_key, usage=ExtendedKeyUsageOID.CLIENT_AUTH
    )
    ca_file, _ = _write(folder / "ca", ca)
    return {
        "ca": ca_file,
        "server": _write(folder / "server", server, server_key),
        "client": _write(folder / "client", client, client_key),
    }


@pytest.fixture(scope="module")
def nodes(tmp_path_factory, pki):
    cert, key = pki["server"]
    nodes = federate(
        tmp_path_factory.mktemp("mtls"),
        scheme={"mps": "https"},
        serve_args={"mps": ["--certfile", cert, "--keyfile", key, "--ca-certs", pki["ca"]]},
        link_extra={"bnpt": {"mps": {
            "ca_file": pki["ca"], "client_cert": pki["client"][0], "client_key": pki["client"][1],
        }}},
        start=False,
    )  # fmt: skip
    nodes["mps"].health_kwargs = {"verify": pki["ca"], "cert": pki["client"]}
    for node in nodes.values():
        node.start()
    yield nodes
    stop_all(nodes)


def test_push_over_mutual_tls(nodes):
    stix_id = send(nodes["bnpt"], "mps", "Over mutual TLS")

    wait_for(lambda: message(nodes["mps"], stix_id), timeout=30, what="arrival over mutual TLS")
    wait_for(lambda: message(nodes["bnpt"], stix_id)["state"] == "delivered", timeout=30, what="receipt")


def test_without_a_client_certificate_the_handshake_fails(nodes, pki):
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(nodes["mps"].url + "/healthz", verify=pki["ca"], timeout=10)
    assert requests.get(
        nodes["mps"].url + "/healthz", verify=pki["ca"], cert=pki["client"], timeout=10
    ).ok  # fmt: skip
