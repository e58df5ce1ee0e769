"""A sender that pushes again what it already delivered (its marks of what the partner holds rolled back, as
after restoring an old backup) is a replay at the receiver: counted and shown by `hotline partner show`, and
nothing is filed twice."""

import pytest

from tests.federation.support import cli, link, message, messages, run_python, send, wait_for

pytestmark = pytest.mark.live

ROLL_BACK_AND_PUSH = """
from hotline.federation import sync
from hotline.federation.models import Partner
for attempt in range(20):
    Partner.objects.filter(name="mps").update(push_cursor=None, pulled_until=None)
    pushed = sync.push(Partner.objects.get(name="mps"), immediate=True)
    if pushed:
        break
print(pushed)
"""


def test_pushed_again_is_reported_as_replay_and_filed_once(linked):
    bnpt, mps = linked["bnpt"], linked["mps"]
    stix_id = send(bnpt, "mps", "Sent once, pushed twice")
    wait_for(lambda: message(mps, stix_id), timeout=30, what="arrival")
    wait_for(lambda: link(bnpt, "mps")["push"]["queue"] == 0, timeout=30, what="an empty queue")
    before = link(mps, "bnpt")["replays"]["count"]

    # Both marks of what mps holds go back (push cursor, and how far mps's pull said it has stored); mps's
    # next pull may move the second on again before the push reads it, so roll back until a push sends.
    assert run_python(bnpt, ROLL_BACK_AND_PUSH) > 0

    shown = wait_for(
        lambda: (s := link(mps, "bnpt")["replays"])["count"] > before and s, timeout=40, what="a replay"
    )
    assert "by push" in shown["last"] and shown["last_at"]
    assert "replays" in cli(mps, "partner", "show", "bnpt").stdout
    assert [m["stix_id"] for m in messages(mps)].count(stix_id) == 1
