"""The sender's node stopped in the middle of a catch-up (its partner had been down while messages queued)
and started again: everything arrives, each message exactly once, and every receipt comes back."""

import pytest

from tests.federation.support import federate, messages, run_python, stop_all, wait_for

pytestmark = pytest.mark.live
COUNT = 150

SEND = f"""
import json
from django.contrib.auth import get_user_model
from hotline.desk import services
alice = get_user_model().objects.get(username="alice")
ids = [services.send(alice, services.Draft(to="mps", kind="notice", priority="routine",
                                           subject=f"Catch-up #{{n}}", body="...")).stix_id
       for n in range({COUNT})]
print(json.dumps(ids))
"""


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    # Small batches, so the catch-up takes many requests and can be interrupted in the middle.
    nodes = federate(tmp_path_factory.mktemp("restart"), env={"HOTLINE_FEDERATION_BATCH": "5"}, start=False)
    nodes["bnpt"].start()
    yield nodes
    stop_all(nodes)


def arrived(node, ids) -> list[str]:
    wanted = set(ids)
    return [m["stix_id"] for m in messages(node) if m["stix_id"] in wanted]


def test_everything_arrives_exactly_once_after_the_sender_restarts(nodes):
    bnpt, mps = nodes["bnpt"], nodes["mps"]
    sent = run_python(bnpt, SEND)  # mps is down: all of it queues
    mps.start()

    some = wait_for(
        lambda: (n := len(arrived(mps, sent))) and n, timeout=60, interval=0.2, what="a first batch"
    )
    bnpt.stop()  # in the middle of the catch-up
    assert some < COUNT, "the catch-up finished before the sender could be stopped"
    bnpt.start()

    wait_for(lambda: len(arrived(mps, sent)) >= COUNT, timeout=180, what="the whole catch-up")
    got = arrived(mps, sent)
    assert sorted(got) == sorted(sent)  # every one, once

    def all_delivered():
        ours = [m for m in messages(bnpt) if m["stix_id"] in set(sent)]
        return len(ours) == COUNT and all(m["state"] == "delivered" for m in ours)

    wait_for(all_delivered, timeout=120, what="every receipt back at bnpt")
