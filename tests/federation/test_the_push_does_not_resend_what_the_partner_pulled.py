"""mps comes back after an outage and its pull stores the first page of what bnpt queued for it, then fails.
bnpt's push, once mps answers again, starts after what mps's pull has stored (the cursor mps sent with its
next read), so it sends only the rest: every object arrives once, none twice."""

import pytest

from tests.federation.support import PULL, SHARE, STATE, federate, link, run_python, stop_all, wait_for

pytestmark = pytest.mark.live

OBJECTS = 7  # pages of 3 (HOTLINE_FEDERATION_BATCH): 3 + 3 + 1

PUSHED = """
import json
from hotline.audit.models import Record
pushed = [i for r in Record.objects.filter(action="federation.push").order_by("seq")
          for i in r.detail["objects"] if i.startswith("threat-actor--")]
print(json.dumps(pushed))
"""


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    nodes = federate(tmp_path_factory.mktemp("handoff"), env={"HOTLINE_FEDERATION_BATCH": "3"}, start=False)
    nodes["bnpt"].start()  # mps is down: bnpt's pushes fail and back off
    yield nodes
    stop_all(nodes)


def test_the_push_sends_only_what_the_pull_had_not_stored(nodes):
    bnpt, mps = nodes["bnpt"], nodes["mps"]
    run_python(mps, PULL % "none")  # what bnpt placed for mps at set-up: the cursor past it
    ids = [stix_id for stix_id, _ in run_python(bnpt, SHARE % OBJECTS)]
    first_page, rest = ids[:3], ids[3:]

    assert run_python(mps, PULL % rest[1]) == 0  # the first page is stored, then the desk fails
    assert run_python(mps, STATE)["entries"] == sorted(first_page)
    assert link(bnpt, "mps")["push"]["queue"] == len(rest)  # mps's read after the first page said it holds it

    # From here only bnpt's push can bring the rest: mps's own pull is switched off before it starts.
    run_python(mps, "from hotline.federation.models import Partner\n"
                    "Partner.objects.filter(name='bnpt').update(pull_enabled=False)")  # fmt: skip
    mps.start()
    wait_for(lambda: run_python(mps, STATE)["versions"] == OBJECTS, timeout=60, what="the push of the rest")

    assert sorted(run_python(bnpt, PUSHED)) == sorted(rest)
    state = run_python(mps, STATE)
    assert state["entries"] == sorted(ids)
    assert state["replays"] == 0 and state["quarantined"] == 0
    wait_for(lambda: link(bnpt, "mps")["push"]["queue"] == 0, timeout=30, what="an empty queue at bnpt")
