"""Across two live nodes: an object bnpt shared with mps, then updated and then revoked at bnpt (a new
version POSTed to bnpt's `intel` collection, as an analyst would), reaches mps's inbound collection in each
version, without being shared again."""

import json

import pytest
import requests

from tests.factories import sdo
from tests.federation.support import run_python, wait_for
from tests.live import TAXII

pytestmark = pytest.mark.live


def received_versions(node, stix_id) -> list[dict]:
    return run_python(
        node,
        "import json\nfrom hotline.intel.models import CollectionEntry as E\n"
        f"rows = E.objects.filter(collection__alias='inbound-bnpt', stix_id='{stix_id}')\n"
        "rows = rows.order_by('version')\n"
        "print(json.dumps([json.loads(e.obj.body) for e in rows.select_related('obj')]))",
    )


def post_to_intel(node, obj) -> None:
    response = requests.post(
        node.collection_url("intel") + "objects/", timeout=30, data=json.dumps({"objects": [obj]}),
        headers={"Accept": TAXII, "Content-Type": TAXII, **node.auth("alice")},
    )  # fmt: skip
    assert response.status_code == 202 and response.json()["success_count"] == 1, response.text


def test_update_then_revocation_arrive_after_the_share(linked):
    bnpt, mps = linked["bnpt"], linked["mps"]
    identity = run_python(
        bnpt, "from hotline.federation.services import node_identity_id as n; print(f'\"{n()}\"')"
    )
    first = sdo("indicator", created_by_ref=identity, modified="2025-06-18T09:00:00.000Z", name="C2 domain")
    run_python(
        bnpt,
        f"from hotline.federation import services as f\nf.share(f.get_partner('mps'), [{json.dumps(first)}])",
    )
    wait_for(lambda: received_versions(mps, first["id"]), timeout=30, what="the shared version at mps")

    updated = {**first, "modified": "2025-06-19T09:00:00.000Z", "description": "Also used for phishing"}
    post_to_intel(bnpt, updated)
    wait_for(lambda: len(received_versions(mps, first["id"])) == 2, timeout=40, what="the update at mps")

    post_to_intel(bnpt, {**updated, "modified": "2025-06-20T09:00:00.000Z", "revoked": True})
    held = wait_for(
        lambda: (v := received_versions(mps, first["id"])) and len(v) == 3 and v, timeout=40,
        what="the revocation at mps",
    )  # fmt: skip
    assert [v["modified"] for v in held] == [
        "2025-06-18T09:00:00.000Z", "2025-06-19T09:00:00.000Z", "2025-06-20T09:00:00.000Z"
    ]  # fmt: skip
    assert held[1]["description"] == "Also used for phishing" and held[2]["revoked"] is True
