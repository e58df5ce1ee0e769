"""A step the message's state does not allow is refused with a clear message on the page, and nothing
changes (state, history, replies)."""

import pytest

from hotline.desk import services
from hotline.desk.models import Message, MessageEvent
from tests.desk.views_support import client_for, incoming, sent


def snapshot(message):
    message.refresh_from_db()
    return (
        message.state,
        message.acknowledged_at,
        MessageEvent.objects.filter(message=message).count(),
        Message.objects.count(),
    )


def test_acknowledging_twice(desk):
    message = incoming(desk)
    services.acknowledge(desk.alice, message)
    before = snapshot(message)

    response = client_for(desk.alice).post(f"/desk/messages/{message.stix_id}/acknowledge/", follow=True)

    assert "This message cannot be acknowledged: it is acknowledged. Nothing was changed." in (
        response.content.decode()
    )
    assert snapshot(message) == before


def test_acknowledging_a_message_we_sent(desk):
    ours = sent(desk)
    before = snapshot(ours)

    response = client_for(desk.alice).post(f"/desk/messages/{ours.stix_id}/acknowledge/", follow=True)

    assert "Only a message received here can be acknowledged or answered" in response.content.decode()
    assert snapshot(ours) == before


def test_replying_to_a_closed_message(desk):
    message = incoming(desk, kind="rfi")
    services.acknowledge(desk.alice, message)
    services.close(desk.alice, message)
    before = snapshot(message)

    response = client_for(desk.alice).post(
        f"/desk/messages/{message.stix_id}/reply/",
        {"body": "Late answer", "body_format": "text"},
        follow=True,
    )

    assert "This message cannot be answered: it is closed. Nothing was changed." in response.content.decode()
    assert snapshot(message) == before


def test_closing_a_closed_message(desk):
    message = incoming(desk)
    services.acknowledge(desk.alice, message)
    services.close(desk.alice, message)
    before = snapshot(message)

    response = client_for(desk.alice).post(f"/desk/messages/{message.stix_id}/close/", follow=True)

    assert "This message cannot be closed: it is closed." in response.content.decode()
    assert snapshot(message) == before


def test_a_closed_message_offers_no_buttons(desk):
    message = incoming(desk)
    services.acknowledge(desk.alice, message)
    services.close(desk.alice, message)

    page = client_for(desk.alice).get(f"/desk/messages/{message.stix_id}/").content.decode()

    assert "/acknowledge/" not in page and "/close/" not in page and 'id="reply"' not in page


@pytest.mark.parametrize("action", ["delete", "answer"])
def test_an_unknown_step_is_not_found(desk, action):
    message = incoming(desk)

    response = client_for(desk.alice).post(f"/desk/messages/{message.stix_id}/{action}/")

    assert response.status_code == 404
    assert snapshot(message)[0] == "received"


def test_steps_are_posted_never_fetched(desk):
    message = incoming(desk)

    assert client_for(desk.alice).get(f"/desk/messages/{message.stix_id}/acknowledge/").status_code == 405
    assert snapshot(message)[0] == "received"


def test_an_unknown_message_is_not_found(desk):
    missing = "hotline-message--00000000-0000-4000-8000-000000000000"

    assert client_for(desk.alice).get(f"/desk/messages/{missing}/").status_code == 404
    assert client_for(desk.alice).post(f"/desk/messages/{missing}/acknowledge/").status_code == 404
