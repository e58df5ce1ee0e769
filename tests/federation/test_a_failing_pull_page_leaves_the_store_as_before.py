"""A pulled page is received in one transaction: its objects, what the desk files, the audit record and the
pull cursor past it. When something fails while the page is being received (the desk, on one object of the
second page; then the database, refusing to write the cursor past that page), nothing of that page stays and
the cursor stays at the end of the first page; the next pull fetches the page again and every object ends up
stored once."""

import re

import pytest

from tests.federation.support import PULL, SHARE, STATE, federate, run_python, stop_all
from tests.live import node_database

pytestmark = pytest.mark.live

OBJECTS = 7  # pages of 3 (HOTLINE_FEDERATION_BATCH): 3 + 3 + 1

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
