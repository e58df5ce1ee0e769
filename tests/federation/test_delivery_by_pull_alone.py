"""With push switched off on both sides, each node's pull (added_after cursor) alone brings what the other
shared, and the receipt comes back the same way."""

import pytest

from tests.federation.support import federate, link, message, send, stop_all, wait_for

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    nodes = federate(tmp_path_factory.mktemp("pull"), push=False)
    yield nodes
    stop_all(nodes)


def test_pull_alone_delivers_both_ways(nodes):
    to_mps = send(nodes["bnpt"], "mps", "Pulled, not pushed")
    to_bnpt = send(nodes["mps"], "bnpt", "Kéo về, không đẩy")

    assert wait_for(lambda: message(nodes["mps"], to_mps), timeout=30, what="pull by mps")["direction"] == (
        "incoming"
    )
    wait_for(lambda: message(nodes["bnpt"], to_bnpt), timeout=30, what="pull by bnpt")
    wait_for(lambda: message(nodes["bnpt"], to_mps)["state"] == "delivered", timeout=30, what="receipt")
    status = link(nodes["bnpt"], "mps")
    assert status["push"]["enabled"] is False and status["push"]["last_at"] is None
    assert status["pull"]["last_ok"] is True and status["pull"]["cursor"]
