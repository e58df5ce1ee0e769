"""An RFI sent by bnpt: mps's node confirms delivery by itself, mps's officer acknowledges and replies, and
each step travels back: bnpt's desk shows delivered, acknowledged, answered, and the reply in its inbox."""

import pytest

from tests.federation.support import cli, message, messages, send, wait_for

pytestmark = pytest.mark.live


def test_round_trip(linked):
    bnpt, mps = linked["bnpt"], linked["mps"]
    stix_id = send(bnpt, "mps", "Permintaan informasi: akun perekrut", kind="rfi", priority="urgent")

    wait_for(lambda: message(mps, stix_id), timeout=30, what="arrival at mps")
    wait_for(lambda: message(bnpt, stix_id)["state"] == "delivered", timeout=30, what="delivered at bnpt")

    cli(mps, "ack", stix_id, "--as", "alice")
    wait_for(lambda: message(bnpt, stix_id)["state"] == "acknowledged", timeout=30, what="acknowledged")

    reply_id = cli(mps, "reply", stix_id, "--body", "Đã xác minh: tài khoản bị khóa.", "--as", "alice").stdout
    reply_id = reply_id.strip()
    wait_for(lambda: message(bnpt, stix_id)["state"] == "answered", timeout=30, what="answered at bnpt")
    reply = wait_for(lambda: message(bnpt, reply_id), timeout=30, what="the reply at bnpt")
    assert reply["direction"] == "incoming" and reply["in_reply_to_ref"] == stix_id
    # The reply was confirmed back to mps as well.
    wait_for(lambda: message(mps, reply_id)["state"] == "delivered", timeout=30, what="reply delivered")
    assert len([m for m in messages(bnpt) if m["stix_id"] == stix_id]) == 1
