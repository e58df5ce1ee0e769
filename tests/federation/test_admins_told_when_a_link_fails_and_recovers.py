"""When a partner link starts failing (a few attempts in a row), the node's admins are told once (in the app,
and by email when they have an address), not at every failed attempt; when it works again, once more.
Officers are not told."""

import pytest

from tests.federation.support import federate, link, run_python, stop_all, wait_for

pytestmark = pytest.mark.live

ADMIN = """
from hotline.access import roles
from hotline.access.services import create_user
admin = create_user("dana", roles.ADMIN, "unused-password-1234", check_password=False)
admin.email = "dana@bnpt.example"
admin.save()
"""

TOLD = """
import json
from hotline.desk.models import Notification
print(json.dumps([[n.recipient.username, n.event, n.text, bool(n.emailed_at)]
                  for n in Notification.objects.filter(event__startswith="link_").order_by("pk")]))
"""


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    nodes = federate(tmp_path_factory.mktemp("alerts"), start=False)
    run_python(nodes["bnpt"], ADMIN)
    nodes["mps"].start()  # first: bnpt's first attempts find mps up
    nodes["bnpt"].start()
    yield nodes
    stop_all(nodes)


def told(node) -> list:
    return run_python(node, TOLD)


def test_told_once_when_failing_and_once_when_recovered(nodes):
    bnpt, mps = nodes["bnpt"], nodes["mps"]
    wait_for(lambda: link(bnpt, "mps")["push"]["last_ok"], timeout=30, what="a working link")
    assert told(bnpt) == []

    mps.stop()
    wait_for(lambda: link(bnpt, "mps")["pull"]["failures"] >= 4, timeout=60, what="several failed attempts")
    failing = told(bnpt)
    assert [(who, event) for who, event, _, _ in failing] == [("dana", "link_failing")]
    assert "mps" in failing[0][2] and "cannot connect" in failing[0][2]
    assert link(bnpt, "mps")["failing_since"] is not None

    mps.start()
    wait_for(lambda: len(told(bnpt)) == 2, timeout=60, what="the recovery notice")
    wait_for(lambda: link(bnpt, "mps")["pull"]["last_ok"], timeout=30, what="a working pull")
    notices = told(bnpt)
    assert [(who, event) for who, event, _, _ in notices] == [
        ("dana", "link_failing"),
        ("dana", "link_recovered"),
    ]
    assert link(bnpt, "mps")["failing_since"] is None
    emailed = wait_for(lambda: all(sent for *_, sent in told(bnpt)), timeout=30, what="the emails")
    assert emailed
    log = (bnpt.data_dir / "serve.log").read_text()
    assert "dana@bnpt.example" in log and "[Hotline] The link with" in log  # the console email backend
