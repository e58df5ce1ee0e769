"""Inbox and outbox: what was received here and what was sent, with kind, markings (priority, TLP badge,
handling code), party, state, the running deadline and the assignee; closed messages on request."""

from hotline.desk import services
from tests.desk.views_support import client_for, incoming, sent


def test_the_inbox_lists_received_messages(desk):
    received = incoming(desk, subject="From MPS", tlp="green", handling_code="H2")
    ours = sent(desk, subject="To MPS")

    page = client_for(desk.alice).get("/desk/inbox/").content.decode()

    assert "From MPS" in page and "To MPS" not in page
    assert f'href="/desk/messages/{received.stix_id}/"' in page
    assert 'class="badge tlp-green">TLP:GREEN</span>' in page
    assert ">H2</abbr>" in page and "no further dissemination" in page
    assert "from Ministry of Public Security (Viet Nam)" in page
    assert "data-deadline=" in page and "request for information" in page
    assert ours.subject not in page


def test_the_outbox_lists_sent_messages(desk):
    sent(desk, subject="To MPS", tlp="amber+strict")
    incoming(desk, subject="From MPS")

    page = client_for(desk.alice).get("/desk/outbox/").content.decode()

    assert "To MPS" in page and "From MPS" not in page
    assert 'class="badge tlp-amber-strict">TLP:AMBER+STRICT</span>' in page
    assert "to Ministry of Public Security (Viet Nam)" in page and ">H0</abbr>" in page


def test_closed_messages_on_request(desk):
    message = incoming(desk, subject="Done with this")
    services.acknowledge(desk.alice, message)
    services.close(desk.alice, message)
    client = client_for(desk.alice)

    assert "Done with this" not in client.get("/desk/inbox/").content.decode()
    assert "Done with this" in client.get("/desk/inbox/?closed=1").content.decode()


def test_handling_code_and_evaluation_in_the_thread(desk):
    message = sent(
        desk, handling_code="H3", handling_text="Only for the Batam task force", source_reliability="C",
        information_credibility=3,
    )  # fmt: skip

    page = client_for(desk.alice).get(f"/desk/messages/{message.stix_id}/").content.decode()

    assert "H3 – other restrictions (stated in words)" in page
    assert "<strong>Only for the Batam task force</strong>" in page
    assert "C – fairly reliable; 3 – possibly true" in page
