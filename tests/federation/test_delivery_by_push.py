"""A flash alert sent at one node arrives at the other by the worker's push, both ways; the sender's desk
sees the receipt (delivered); pulling again later changes nothing (one object, one message)."""

import pytest

from tests.federation.support import link, message, messages, run_python, send, wait_for

pytestmark = pytest.mark.live


@pytest.fixture
def nodes(linked):
    return linked


@pytest.mark.parametrize(("sender", "receiver"), [("bnpt", "mps"), ("mps", "bnpt")])
def test_delivered_and_confirmed(nodes, sender, receiver):
    stix_id = send(nodes[sender], receiver, f"Ancaman serangan from {sender}")

    arrived = wait_for(lambda: message(nodes[receiver], stix_id), timeout=30, what="arrival")
    assert arrived["direction"] == "incoming" and arrived["partner__name"] == sender
    wait_for(lambda: message(nodes[sender], stix_id)["state"] == "delivered", timeout=30, what="receipt")
    status = link(nodes[sender], receiver)
    assert status["push"]["last_ok"] is True and status["push"]["queue"] == 0


def test_pulling_everything_again_stores_and_files_nothing_new(nodes):
    stix_id = send(nodes["bnpt"], "mps", "Once only")
    wait_for(lambda: message(nodes["mps"], stix_id), timeout=30, what="arrival")
    before = [m for m in messages(nodes["mps"]) if m["stix_id"] == stix_id]

    # Forget where the pull stood: the next pull brings every object bnpt ever placed for mps again.
    model = "from hotline.federation.models import Partner\nbnpt = Partner.objects.filter(name='bnpt')\n"
    run_python(nodes["mps"], model + "bnpt.update(pull_cursor='')")
    wait_for(
        lambda: run_python(nodes["mps"], model + "print(int(bool(bnpt.get().pull_cursor)))"),
        timeout=30, what="the worker pulling everything again",
    )  # fmt: skip

    assert [m for m in messages(nodes["mps"]) if m["stix_id"] == stix_id] == before  # … and is one message
    copies = run_python(
        nodes["mps"],
        "from hotline.intel.models import CollectionEntry as E, StixObject as O\n"
        f"print([E.objects.filter(collection__alias='inbound-bnpt', stix_id='{stix_id}').count(),"
        f" O.objects.filter(stix_id='{stix_id}').count()])",
    )
    assert copies == [1, 1]
