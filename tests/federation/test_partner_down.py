"""A partner whose node is down: what is shared with it queues (the error and the queue length are shown),
and when it comes back everything is delivered, each message once."""

import pytest

from tests.federation.support import federate, link, message, messages, send, stop_all, wait_for

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    nodes = federate(tmp_path_factory.mktemp("down"))
    yield nodes
    stop_all(nodes)


def test_queued_while_down_and_delivered_once_after(nodes):
    bnpt, mps = nodes["bnpt"], nodes["mps"]
    mps.stop()

    sent = [send(bnpt, "mps", f"While you were down #{n}") for n in range(3)]
    status = wait_for(
        lambda: (s := link(bnpt, "mps"))["push"]["failures"] and s, timeout=30, what="a failed push"
    )
    assert "cannot connect" in status["last_error"] and status["push"]["queue"] >= 3
    assert status["push"]["last_ok"] is False

    mps.start()
    for stix_id in sent:
        wait_for(lambda s=stix_id: message(mps, s), timeout=40, what="delivery after the restart")
    arrived = [m["stix_id"] for m in messages(mps) if m["stix_id"] in sent]
    assert sorted(arrived) == sorted(sent)  # each once
    wait_for(lambda: link(bnpt, "mps")["push"]["queue"] == 0, timeout=30, what="an empty queue")
