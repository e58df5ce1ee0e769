"""A step the lifecycle does not allow is refused with a clear error, and nothing changes."""

from datetime import timedelta

import pytest

from hotline.desk import inbound, lifecycle, services
from hotline.desk.errors import DeskError, IllegalTransition
from hotline.desk.models import Message
from hotline.intel.models import StixObject
from tests.desk.conftest import T0, draft, partner_message


@pytest.fixture
def received(desk):
    return inbound.receive_message(partner_message(), partner=desk.mps, now=T0)


def _snapshot(message):
    message = Message.objects.get(pk=message.pk)
    return message.state, message.events.count(), StixObject.objects.count(), message.acknowledged_at


@pytest.mark.parametrize("step", ["answered", "closed", "in_progress", "sent", "delivered"])
def test_received_cannot_skip_acknowledgement(received, step):
    before = _snapshot(received)

    with pytest.raises(IllegalTransition, match=f"cannot go from received to {step} .allowed: acknowledged."):
        received.set_state(step, at=T0)

    assert _snapshot(received) == before


def test_closing_an_unacknowledged_message_is_refused(desk, received):
    before = _snapshot(received)

    with pytest.raises(IllegalTransition, match="from received to closed"):
        services.close(desk.alice, received, now=T0)

    assert _snapshot(received) == before


def test_a_closed_message_takes_no_further_step(desk, received):
    services.acknowledge(desk.alice, received, now=T0)
    services.close(desk.alice, received, now=T0 + timedelta(minutes=1))
    before = _snapshot(received)

    with pytest.raises(IllegalTransition, match="none: the message is closed"):
        services.start_work(desk.alice, received, now=T0 + timedelta(minutes=2))
    with pytest.raises(DeskError, match="the message is closed"):
        services.reply(desk.alice, received, body="late", now=T0 + timedelta(minutes=3))

    assert _snapshot(received) == before


def test_acknowledging_twice_is_refused(desk, received):
    services.acknowledge(desk.alice, received, now=T0)
    before = _snapshot(received)

    with pytest.raises(IllegalTransition, match="from acknowledged to acknowledged"):
        services.acknowledge(desk.sam, received, now=T0 + timedelta(minutes=1))

    assert _snapshot(received) == before


def test_a_stale_copy_cannot_overwrite_a_newer_state(desk, received):
    stale = Message.objects.get(pk=received.pk)
    services.acknowledge(desk.alice, received, now=T0)
    services.start_work(desk.alice, received, now=T0 + timedelta(minutes=1))

    with pytest.raises(IllegalTransition, match="changed meanwhile"):
        stale.set_state(lifecycle.ACKNOWLEDGED, at=T0)  # it still believes it is "received"

    assert Message.objects.get(pk=received.pk).state == lifecycle.IN_PROGRESS


def test_an_outgoing_message_cannot_be_acknowledged_here(desk):
    sent = services.send(desk.alice, draft(), now=T0)

    with pytest.raises(DeskError, match="only a message received here can be acknowledged"):
        services.acknowledge(desk.alice, sent, now=T0)
    with pytest.raises(DeskError, match="only a message received here can be replied to"):
        services.reply(desk.alice, sent, body="x", now=T0)
    assert Message.objects.get(pk=sent.pk).state == lifecycle.SENT
