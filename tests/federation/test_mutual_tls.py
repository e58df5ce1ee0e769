"""mps's node serves HTTPS and requires a client certificate signed by the federation's CA (mutual TLS);
bnpt's node pushes to it with its client certificate and the message arrives; without a client certificate
the TLS handshake fails."""

import ipaddress

import pytest
import requests
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from tests.federation.support import federate, message, send, stop_all, wait_for
from tests.pki import authority, signed_by

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A throwaway CA, a server certificate for 127.0.0.1 and a client certificate."""
    folder = tmp_path_factory.mktemp("pki")
    ca = authority(folder, "ca")
    server = signed_by(
        folder, "127.0.0.1", ca, ExtendedKeyUsageOID.SERVER_AUTH,
        san=[x509.IPAddress(ipaddress.ip_address("127.0.0.1"))],
    )  # fmt: skip
    client = signed_by(folder, "bnpt node", ca, ExtendedKeyUsageOID.CLIENT_AUTH)
    ca_file = str(folder / "ca.crt")
    return {"ca": ca_file, "server": server, "client": client}


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
