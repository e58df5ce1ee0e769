"""Three live nodes, each the others' partner: bnpt shares with mps and with somtc; each receives only what
was addressed to it, and what mps received from bnpt is refused when mps tries to pass it on to somtc (no
originator's consent) — it never reaches somtc."""

import json

import pytest

from tests.federation.support import federate, message, messages, run_python, send, stop_all, wait_for

pytestmark = pytest.mark.live

_SHARE = """
import json
from hotline.federation import services as federation
from hotline.intel import queries
objects = json.loads({payload!r})
found = [o if isinstance(o, dict) else queries.latest_objects([o])[o] for o in objects]
try:
    federation.share(federation.get_partner({to!r}), found)
    print(json.dumps(None))
except federation.PartnerError as exc:
    print(json.dumps(str(exc)))
"""

_HOLDS = """
import json
from hotline.intel.models import CollectionEntry, StixObject
ids = {ids!r}
print(json.dumps({{
    "objects": sorted(set(StixObject.objects.filter(stix_id__in=ids).values_list("stix_id", flat=True))),
    "entries": sorted(CollectionEntry.objects.filter(stix_id__in=ids)
                      .values_list("collection__alias", "stix_id")),
}}))
"""


def share(node, to: str, objects: list) -> str | None:
    """federation.share at `node` of objects (dicts, or ids of objects it stores): the refusal, or None."""
    return run_python(node, _SHARE.format(payload=json.dumps(objects), to=to))


def holds(node, ids: list[str]) -> dict:
    return run_python(node, _HOLDS.format(ids=ids))


CAMPAIGN = {
    "type": "campaign",
    "spec_version": "2.1",
    "id": "campaign--6b1d6a3c-44a6-4f38-9b0e-0b7f1f3c9a11",
    "created": "2025-06-18T09:00:00.000Z",
    "modified": "2025-06-18T09:00:00.000Z",
    "name": "Online recruitment campaign (shared with mps only)",
}


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    nodes = federate(tmp_path_factory.mktemp("three"), names=("bnpt", "mps", "somtc"))
    yield nodes
    stop_all(nodes)


def test_each_receives_only_what_is_addressed_to_it_and_nothing_is_passed_on(nodes):
    bnpt, mps, somtc = nodes["bnpt"], nodes["mps"], nodes["somtc"]
    bnpt_identity = run_python(
        bnpt, "import json\nfrom hotline.federation.services import node_identity_id\n"
        "print(json.dumps(node_identity_id()))",
    )  # fmt: skip
    campaign = {**CAMPAIGN, "created_by_ref": bnpt_identity}
    assert share(bnpt, "mps", [campaign]) is None
    to_mps = send(bnpt, "mps", "Untuk MPS saja")
    to_somtc = send(bnpt, "somtc", "For SOMTC only")

    assert (
        wait_for(lambda: message(mps, to_mps), timeout=40, what="arrival at mps")["partner__name"] == "bnpt"
    )
    assert wait_for(lambda: message(somtc, to_somtc), timeout=40, what="arrival at somtc")["direction"] == (
        "incoming"
    )
    wait_for(lambda: holds(mps, [campaign["id"]])["objects"], timeout=40, what="the campaign at mps")
    # Both confirmed back to bnpt by the node that received it.
    wait_for(lambda: message(bnpt, to_mps)["state"] == "delivered", timeout=40, what="mps's receipt")
    wait_for(lambda: message(bnpt, to_somtc)["state"] == "delivered", timeout=40, what="somtc's receipt")

    # mps tries to pass on what it received from bnpt: refused, nothing placed for somtc.
    refusal = share(mps, "somtc", [campaign["id"]])
    assert "came from bnpt; it is not passed to somtc without the originator's consent" in refusal
    refusal = share(mps, "somtc", [to_mps])
    assert refusal and "not shared with somtc" in refusal
    at_mps = holds(mps, [campaign["id"], to_mps])
    assert not [alias for alias, _ in at_mps["entries"] if alias == "outbound-somtc"]

    # Each node holds only what was addressed to it.
    assert {m["stix_id"] for m in messages(mps)} & {to_mps, to_somtc} == {to_mps}
    assert {m["stix_id"] for m in messages(somtc)} & {to_mps, to_somtc} == {to_somtc}
    assert holds(somtc, [campaign["id"], to_mps]) == {"objects": [], "entries": []}
    assert holds(mps, [to_somtc]) == {"objects": [], "entries": []}
    at_bnpt = {tuple(e) for e in holds(bnpt, [campaign["id"], to_mps, to_somtc])["entries"]}
    assert ("outbound-somtc", campaign["id"]) not in at_bnpt and ("outbound-somtc", to_mps) not in at_bnpt
    assert ("outbound-mps", to_somtc) not in at_bnpt
    assert ("outbound-mps", campaign["id"]) in at_bnpt and ("outbound-somtc", to_somtc) in at_bnpt
