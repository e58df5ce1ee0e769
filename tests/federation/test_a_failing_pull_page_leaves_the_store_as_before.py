"""A pulled page is received in one transaction: its objects, what the desk files, the audit record and the
pull cursor past it. When something fails while the page is being received (the desk, on one object of the
second page; then the database, refusing to write the cursor past that page), nothing of that page stays and
the cursor stays at the end of the first page; the next pull fetches the page again and every object ends up
stored once."""

import re

import pytest

from tests.federation.support import federate, run_python, stop_all
from tests.live import node_database

pytestmark = pytest.mark.live

OBJECTS = 7  # pages of 3 (HOTLINE_FEDERATION_BATCH): 3 + 3 + 1

SHARE = """
import json, uuid
from hotline.federation import services as federation
home = federation.node_identity_id()
stamp = "2025-06-18T09:00:00.000Z"
green = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
objects = [{"type": "threat-actor", "spec_version": "2.1", "id": f"threat-actor--{uuid.uuid4()}",
            "created": stamp, "modified": stamp, "created_by_ref": home, "object_marking_refs": [green],
            "name": f"Paged actor {i}"} for i in range(%d)]
federation.share(federation.get_partner("mps"), objects)
from hotline.intel.models import CollectionEntry
entries = CollectionEntry.objects.filter(collection__alias="outbound-mps", type="threat-actor")
entries = entries.order_by("date_added", "pk")
print(json.dumps([[e.stix_id, e.date_added.isoformat()] for e in entries]))
"""

PULL = """
import json
from hotline.federation import sync
from hotline.federation.models import Partner
from hotline.federation.signals import objects_received
POISON = %r

def desk_fails(sender, objects, **kwargs):
    if any(o["id"] == POISON for o in objects):
        raise RuntimeError("the desk failed while filing")

objects_received.connect(desk_fails, weak=False)
# Pull now, as `hotline sync` does: the backoff after the previous, failed pull is not under test.
Partner.objects.filter(name="bnpt").update(next_pull_at=None)
print(json.dumps(sync.pull(Partner.objects.get(name="bnpt"))))
"""

STATE = """
import json
from hotline import stix
from hotline.audit.models import Record
from hotline.federation.models import Partner, Quarantine
from hotline.intel.models import CollectionEntry, StixObject
partner = Partner.objects.get(name="bnpt")
entries = CollectionEntry.objects.filter(collection__alias="inbound-bnpt", type="threat-actor")
print(json.dumps({
    "entries": sorted(entries.values_list("stix_id", flat=True)),
    "versions": StixObject.objects.filter(type="threat-actor").count(),
    "cursor": stix.parse_timestamp(partner.pull_cursor).isoformat() if partner.pull_cursor else None,
    "last_pull_ok": partner.last_pull_ok, "last_error": partner.last_error, "replays": partner.replays,
    "quarantined": Quarantine.objects.count(),
    "receipts": [sorted(i for i in r.detail["stored"] if i.startswith("threat-actor--"))
                 for r in Record.objects.filter(action="federation.receive").order_by("seq")
                 if any(i.startswith("threat-actor--") for i in r.detail["stored"])],
}))
"""

REFUSED = "the cursor could not be written"


def refuse_cursor_while_stored(node, stix_id: str) -> None:
    """A database trigger: writing the pull cursor fails while `stix_id` is stored (even uncommitted)."""
    assert re.fullmatch(r"threat-actor--[0-9a-f-]{36}", stix_id)  # a literal in the trigger's SQL
    held = f"EXISTS (SELECT 1 FROM intel_collectionentry WHERE stix_id = '{stix_id}')"  # noqa: S608
    with node_database(node.data_dir) as db:
        if db.vendor == "sqlite":
            db.execute(
                "CREATE TRIGGER test_cursor_refused BEFORE UPDATE OF pull_cursor ON federation_partner "
                f"WHEN {held} BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"
            )
        else:
            db.execute(
                "CREATE FUNCTION test_cursor_refused() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF {held} THEN RAISE EXCEPTION '{REFUSED}'; END IF; RETURN NEW; END $$"
            )
            db.execute(
                "CREATE TRIGGER test_cursor_refused BEFORE UPDATE OF pull_cursor ON federation_partner "
                "FOR EACH ROW EXECUTE FUNCTION test_cursor_refused()"
            )


def stop_refusing(node) -> None:
    with node_database(node.data_dir) as db:
        where = "" if db.vendor == "sqlite" else " ON federation_partner"
        db.execute("DROP TRIGGER test_cursor_refused" + where)


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    env = {"HOTLINE_FEDERATION_BATCH": "3"}
    nodes = federate(tmp_path_factory.mktemp("page"), push=False, env=env, start=False)
    nodes["bnpt"].start()  # mps is not served: no worker of its own pulls, the test pulls by hand
    yield nodes
    stop_all(nodes)


def test_a_failing_page_leaves_nothing_and_the_next_pull_brings_it_once(nodes):
    bnpt, mps = nodes["bnpt"], nodes["mps"]
    run_python(mps, PULL % "none")  # what bnpt placed for mps at set-up (its identity…): the cursor past it
    shared = run_python(bnpt, SHARE % OBJECTS)
    ids = [stix_id for stix_id, _ in shared]
    assert len(ids) == OBJECTS
    first_page, second_page = ids[:3], ids[3:6]

    assert run_python(mps, PULL % second_page[1]) == 0  # the failure is caught and recorded on the link
    state = run_python(mps, STATE)
    assert state["entries"] == sorted(first_page)  # nothing of the failed page, nor of the page after it
    assert state["versions"] == 3
    assert state["cursor"] == shared[2][1]  # the end of the first page, committed with its objects
    assert state["receipts"] == [sorted(first_page)]
    assert state["last_pull_ok"] is False and "the desk failed while filing" in state["last_error"]
    assert state["quarantined"] == 0 and state["replays"] == 0

    refuse_cursor_while_stored(mps, second_page[1])
    assert run_python(mps, PULL % "none") == 0
    refused = run_python(mps, STATE)
    assert REFUSED in refused["last_error"]
    assert {**refused, "last_error": ""} == {**state, "last_error": ""}  # the page's objects went with it
    stop_refusing(mps)

    assert run_python(mps, PULL % "none") == OBJECTS - 3
    state = run_python(mps, STATE)
    assert state["entries"] == sorted(ids) and state["versions"] == OBJECTS
    assert state["cursor"] == shared[-1][1]
    assert state["receipts"] == [sorted(first_page), sorted(second_page), ids[6:]]
    assert state["last_pull_ok"] is True and state["replays"] == 0
    assert state["quarantined"] == 0
