"""HSTS is sent only when the node is reached over HTTPS: by `hotline serve --certfile` (gunicorn's own TLS),
or behind a reverse proxy that terminates TLS and says so in the header named by HOTLINE_PROXY_SSL_HEADER.
Session and CSRF cookies are then marked Secure."""

import datetime
import ipaddress

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.live import LiveNode, free_port, hotline, make_node
from tests.web.test_security_headers_on_every_page import assert_security_headers

pytestmark = pytest.mark.live

ONE_YEAR = "max-age=31536000"


def self_signed(folder):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    (folder / "node.crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "node.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return str(folder / "node.crt"), str(folder / "node.key")


def test_serve_with_a_certificate_sends_hsts(tmp_path):
    certfile, keyfile = self_signed(tmp_path)
    hotline(tmp_path / "bnpt", "init", "--node", "bnpt")
    node = LiveNode(
        data_dir=tmp_path / "bnpt", port=free_port(), scheme="https",
        serve_args=["--certfile", certfile, "--keyfile", keyfile], health_kwargs={"verify": certfile},
    ).start()  # fmt: skip
    try:
        response = requests.get(node.url + "/login/", verify=certfile, timeout=30)
        assert response.status_code == 200
        assert response.headers["Strict-Transport-Security"] == ONE_YEAR
        assert "Secure" in response.headers["Set-Cookie"]  # the CSRF cookie
        assert response.headers["Content-Security-Policy"]
    finally:
        node.stop()


def test_behind_a_proxy_hsts_follows_the_proxys_header(tmp_path):
    node = make_node(
        tmp_path / "bnpt", env={"HOTLINE_HTTPS": "1", "HOTLINE_PROXY_SSL_HEADER": "X-Forwarded-Proto"}
    )
    try:
        secure = requests.get(node.url + "/login/", headers={"X-Forwarded-Proto": "https"}, timeout=30)
        plain = requests.get(node.url + "/login/", timeout=30)
        assert secure.headers["Strict-Transport-Security"] == ONE_YEAR
        assert "Strict-Transport-Security" not in plain.headers  # HSTS over plain HTTP means nothing
        assert_security_headers(plain, "plain HTTP behind the proxy")
    finally:
        node.stop()
