"""`hotline init` creates the node's signing key (0600, never replaced); `hotline node identity` prints what a
partner needs: STIX identity, public key and key id, TAXII URL."""

import json
import stat

from hotline.federation import keys
from hotline.stix import signatures
from tests.live import hotline


def test_init_creates_the_key_once_and_identity_prints_it(tmp_path):
    node = tmp_path / "bnpt"
    hotline(node, "init", "--node", "bnpt", "--base-url", "https://hotline.bnpt.example")
    path = keys.key_path(node)
    first = path.read_bytes()
    hotline(node, "init")

    assert path.read_bytes() == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    card = json.loads(hotline(node, "node", "identity", "--json").stdout)
    public = signatures.public_key_from_text(card["public_key"])
    assert card["public_key"] == keys.public_key_text(node)
    assert card["key_id"] == signatures.key_id(public)
    assert card["taxii_url"] == "https://hotline.bnpt.example/taxii2/"
    assert card["identity"]["id"] == card["identity_id"] and card["name"] == "bnpt"
    assert card["public_key"] in hotline(node, "node", "identity").stdout
