"""`partner add` with the link (URL, token or user+password, public key, TLS files, account), `partner show`
(link status), `partner link` (change part of it), `partner remove` (keeps data, stops sync, takes the
account's grants), `partner quarantine`."""

import json

import pytest

from hotline.federation.models import Partner
from hotline.federation.services import Link, PartnerError, create_partner
from hotline.intel.models import Collection
from hotline.stix import signatures
from tests.live import cli_node, hotline

KEY = signatures.public_key_to_text(signatures.generate_private_key().public_key())


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    return cli_node(tmp_path_factory.mktemp("links") / "bnpt", {"mps-node": "analyst"})


def test_add_show_link_remove(node, tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    hotline(
        node, "partner", "add", "mps", "--title", "MPS", "--url", "http://127.0.0.1:9/taxii2/",
        "--user", "bnpt-node", "--password", "s3cret-pass", "--public-key", KEY, "--ca", str(ca),
        "--account", "mps-node",
    )  # fmt: skip

    shown = json.loads(hotline(node, "partner", "show", "mps", "--json").stdout)
    assert (shown["auth"], shown["username"], shown["public_keys"]) == ("password", "bnpt-node", [KEY])
    assert shown["inbound"] == "inbound-mps" and shown["account"] == "mps-node"
    assert shown["link"]["push"]["queue"] > 0 and shown["link"]["push"]["last_at"] is None
    assert "s3cret" not in json.dumps(shown)
    grants = hotline(node, "collection", "list").stdout
    assert "mps-node read outbound-mps" in grants and "mps-node write inbound-mps" in grants
    assert "queue" in hotline(node, "partner", "show", "mps").stdout

    hotline(node, "partner", "link", "mps", "--token", "htl_given", "--no-push")
    shown = json.loads(hotline(node, "partner", "show", "mps", "--json").stdout)
    assert shown["auth"] == "token" and shown["public_keys"] == [KEY] and shown["tls"]["ca"] == str(ca)
    assert shown["link"]["push"]["enabled"] is False

    assert "no more sync" in hotline(node, "partner", "remove", "mps").stdout
    shown = json.loads(hotline(node, "partner", "show", "mps", "--json").stdout)
    assert shown["link"]["active"] is False
    assert "mps-node" not in hotline(node, "collection", "list").stdout
    assert "(removed)" in hotline(node, "partner", "list").stdout
    assert "Nothing from mps is in quarantine" in hotline(node, "partner", "quarantine", "mps").stdout


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ({"url": "ftp://x"}, "give the partner's TAXII discovery URL"),
        ({"username": "u"}, "a user needs a password"),
        ({"token": "t", "username": "u", "password": "p"}, "either a user and password or a token"),
        ({"public_keys": ["not-a-key"]}, "not a base64 Ed25519 public key"),
        ({"client_cert": "/nonexistent.pem", "client_key": "/nonexistent.key"}, "no such file"),
        ({"client_cert": "/nonexistent.pem"}, "needs its key"),
    ],
)
def test_bad_link_is_refused(db, link, message):
    with pytest.raises(PartnerError, match=message):
        create_partner("somtc", "SOMTC", link=Link(**link))

    assert not Partner.objects.exists() and not Collection.objects.filter(alias__endswith="somtc").exists()
