"""A partner that takes smaller requests than our push batch answers 413 (its
HOTLINE_TAXII_MAX_CONTENT_LENGTH): the push halves its batch until the partner takes it, and everything queued
arrives once, by push alone."""

import pytest

from tests.federation.support import SHARE, STATE, federate, link, run_python, stop_all, wait_for

pytestmark = pytest.mark.live

OBJECTS = 12
LIMIT = 4000  # bytes: a few signed threat actors, far fewer than the 5,000 objects of a push batch

PUSHES = """
import json
from hotline.audit.models import Record
print(json.dumps([[i for i in r.detail["objects"] if i.startswith("threat-actor--")]
                  for r in Record.objects.filter(action="federation.push").order_by("seq")]))
"""


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    nodes = federate(
        tmp_path_factory.mktemp("small-requests"),
        link_extra={"mps": {"bnpt": {"pull_enabled": False}}},  # only bnpt's push can deliver
        start=False,
    )
    nodes["mps"].env["HOTLINE_TAXII_MAX_CONTENT_LENGTH"] = str(LIMIT)
    for node in nodes.values():
        node.start()
    yield nodes
    stop_all(nodes)


def test_everything_arrives_once_in_batches_the_partner_takes(nodes):
    bnpt, mps = nodes["bnpt"], nodes["mps"]
    ids = [stix_id for stix_id, _ in run_python(bnpt, SHARE % OBJECTS)]

    wait_for(lambda: run_python(mps, STATE)["versions"] == OBJECTS, timeout=60, what="delivery by push")
    state = run_python(mps, STATE)
    assert state["entries"] == sorted(ids)
    assert (state["replays"], state["quarantined"]) == (0, 0)
    batches = [batch for batch in run_python(bnpt, PUSHES) if batch]
    assert sorted(i for batch in batches for i in batch) == sorted(ids)  # each pushed once
    assert len(batches) > 1 and max(len(batch) for batch in batches) < OBJECTS
    status = wait_for(
        lambda: (s := link(bnpt, "mps"))["push"]["queue"] == 0 and s, timeout=30, what="an empty queue"
    )
    assert status["push"]["last_ok"] is True
