"""Between two real nodes: the sender's trail holds the send (cli, as the officer), the share and the worker's
push (federation); the receiver's trail holds the TAXII write of the partner's account and what federation
received. Both chains verify."""

import pytest

from tests.federation.support import cli, federate, message, run_python, send, stop_all, wait_for

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    nodes = federate(tmp_path_factory.mktemp("audit-linked"))
    yield nodes
    stop_all(nodes)


TRAIL = """
import json
from hotline.audit.models import Record
rows = Record.objects.filter(action__in={actions!r}).order_by("seq")
print(json.dumps([[r.action, r.actor, r.entry_point, r.target, r.detail] for r in rows]))
"""


def trail(node, *actions) -> list[list]:
    return run_python(node, TRAIL.format(actions=list(actions)))


def carries(rows, action: str, stix_id: str) -> list[list]:
    """The rows of `action` about `stix_id` (as their target, or named in their detail)."""
    return [r for r in rows if r[0] == action and (r[3] == stix_id or stix_id in str(r[4]))]


def test_a_message_across_the_border_is_recorded_on_both_sides(linked):
    bnpt, mps = linked["bnpt"], linked["mps"]
    stix_id = send(bnpt, "mps", "Ancaman serangan (audit)")
    wait_for(lambda: message(mps, stix_id), timeout=60, what="arrival")

    sent = trail(bnpt, "desk.send", "federation.share", "federation.push")
    (send_row,) = carries(sent, "desk.send", stix_id)
    assert send_row[2] == "cli" and send_row[3] == stix_id and send_row[1]
    assert [r[3] for r in carries(sent, "federation.share", stix_id)] == ["mps"]
    pushes = wait_for(lambda: carries(trail(bnpt, "federation.push"), "federation.push", stix_id), timeout=60,
                      what="the push recorded")  # fmt: skip
    assert [(r[2], r[3]) for r in pushes] == [("federation", "mps")]

    received = wait_for(lambda: carries(trail(mps, "federation.receive"), "federation.receive", stix_id),
                        timeout=60, what="the receipt recorded")  # fmt: skip
    assert received[0][2] == "federation" and received[0][3] == "bnpt"
    assert stix_id in received[0][4]["stored"]
    writes = trail(mps, "object.write")
    assert any(r[1] == "bnpt-node" and r[2] == "taxii" and r[3] == "inbound-bnpt" for r in writes)

    for node in (bnpt, mps):
        assert "Audit trail intact" in cli(node, "audit", "verify", "--quiet").stdout
