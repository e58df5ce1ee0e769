"""A received message goes received -> acknowledged -> in progress -> answered -> closed, each step recorded
with who and when."""

from datetime import timedelta

from hotline.desk import inbound, lifecycle, services
from hotline.desk.models import MessageEvent
from tests.desk.conftest import T0, partner_message


def test_each_step_is_recorded_with_who_and_when(desk):
    message = inbound.receive_message(partner_message(), partner=desk.mps, now=T0)
    services.acknowledge(desk.alice, message, now=T0 + timedelta(minutes=5))
    services.start_work(desk.alice, message, now=T0 + timedelta(minutes=10))
    reply = services.reply(desk.alice, message, body="No travel since 2024.", now=T0 + timedelta(hours=1))
    services.close(desk.sam, message, note="done", now=T0 + timedelta(hours=2))

    steps = [
        (e.from_state, e.to_state, e.by_name, e.at - T0)
        for e in message.history().filter(action=MessageEvent.STATE)
    ]
    assert steps == [
        ("", "received", "Ministry of Public Security (Viet Nam)", timedelta(0)),
        ("received", "acknowledged", "alice", timedelta(minutes=5)),
        ("acknowledged", "in_progress", "alice", timedelta(minutes=10)),
        ("in_progress", "answered", "alice", timedelta(hours=1)),
        ("answered", "closed", "sam", timedelta(hours=2)),
    ]
    message.refresh_from_db()
    assert message.state == lifecycle.CLOSED
    assert message.acknowledged_at == T0 + timedelta(minutes=5)
    assert message.answered_at == T0 + timedelta(hours=1)
    assert message.closed_at == T0 + timedelta(hours=2)
    assert reply.in_reply_to == message and reply.thread_root == message


def test_replying_to_an_unacknowledged_message_acknowledges_it_first(desk):
    message = inbound.receive_message(partner_message(), partner=desk.mps, now=T0)

    services.reply(desk.alice, message, body="Answer", now=T0 + timedelta(minutes=3))

    states = list(message.history().filter(action=MessageEvent.STATE).values_list("to_state", flat=True))
    assert states == ["received", "acknowledged", "answered"]
    message.refresh_from_db()
    assert message.acknowledged_at == message.answered_at == T0 + timedelta(minutes=3)


def test_acknowledging_assigns_an_unassigned_message_to_the_officer(desk):
    message = inbound.receive_message(partner_message(), partner=desk.mps, now=T0 - timedelta(hours=5))
    assert message.assigned_to is None  # nobody was on duty then

    services.acknowledge(desk.alice, message, now=T0)

    message.refresh_from_db()
    assert message.assigned_to == desk.alice
    assert message.history().filter(action=MessageEvent.ASSIGNED, note="assigned to alice").exists()


def test_an_outgoing_message_follows_the_partner(desk):
    sent = services.send(desk.alice, _rfi(), now=T0)
    assert sent.state == lifecycle.SENT

    sent.set_state(lifecycle.DELIVERED, at=T0 + timedelta(seconds=2), by_name="mps")
    sent.set_state(lifecycle.ANSWERED, at=T0 + timedelta(hours=1), by_name="mps")  # the ack may come later
    services.close(desk.alice, sent, now=T0 + timedelta(hours=2))

    assert [e.to_state for e in sent.history()] == ["sent", "delivered", "answered", "closed"]


def _rfi():
    from tests.desk.conftest import draft

    return draft(kind="rfi", priority="routine")


def test_an_answered_message_may_get_a_follow_up(desk):
    message = inbound.receive_message(partner_message(), partner=desk.mps, now=T0)
    first = services.reply(desk.alice, message, body="First part", now=T0 + timedelta(minutes=5))
    second = services.reply(desk.alice, message, body="More", now=T0 + timedelta(minutes=50))

    message.refresh_from_db()
    assert message.state == lifecycle.ANSWERED and message.answered_at == T0 + timedelta(minutes=5)
    assert [m.stix_id for m in message.replies.order_by("created_at")] == [first.stix_id, second.stix_id]
