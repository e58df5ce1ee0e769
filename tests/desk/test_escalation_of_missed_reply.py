"""A missed reply (RFIs must be answered) escalates the same way, independently of the acknowledgement."""

from datetime import timedelta

import pytest

from hotline.desk import inbound, services
from hotline.desk.escalation import check_deadlines
from hotline.desk.models import DUTY_OFFICER_TOLD, SUPERVISOR_TOLD, Message, Notification
from tests.desk.conftest import T0, partner_message

URGENT_REPLY = timedelta(hours=8)


@pytest.fixture
def rfi(desk, settings):
    settings.HOTLINE_SUPERVISOR_AFTER_MINUTES = 30
    message = inbound.receive_message(
        partner_message(kind="rfi", priority="urgent"), partner=desk.mps, now=T0
    )
    services.acknowledge(desk.alice, message, now=T0 + timedelta(minutes=10))
    return message


def _told(user):
    return Notification.objects.filter(recipient=user, event=Notification.REPLY_OVERDUE).count()


def test_deadlines_come_from_the_partner_agreement(rfi):
    assert rfi.ack_due_at == T0 + timedelta(hours=1)
    assert rfi.reply_due_at == T0 + URGENT_REPLY


def test_missed_reply_tells_duty_officer_then_supervisor_once_each(desk, rfi):
    assert check_deadlines(T0 + URGENT_REPLY - timedelta(minutes=1)).count() == 0

    first = check_deadlines(T0 + URGENT_REPLY)
    second = check_deadlines(T0 + URGENT_REPLY + timedelta(minutes=30))
    check_deadlines(T0 + URGENT_REPLY + timedelta(hours=5))

    assert first.count("reply", DUTY_OFFICER_TOLD) == 1 and first.count("acknowledgement") == 0
    assert second.count("reply", SUPERVISOR_TOLD) == 1
    assert (_told(desk.alice), _told(desk.sam)) == (1, 1)
    message = Message.objects.get(pk=rfi.pk)
    assert (message.ack_escalation, message.reply_escalation) == (0, SUPERVISOR_TOLD)


def test_in_progress_is_still_waiting_for_the_reply(desk, rfi):
    services.start_work(desk.alice, rfi, now=T0 + timedelta(hours=1))

    assert check_deadlines(T0 + URGENT_REPLY).count("reply") == 1


def test_an_answered_message_is_not_escalated(desk, rfi):
    services.reply(desk.alice, rfi, body="Here it is.", now=T0 + timedelta(hours=7))

    assert check_deadlines(T0 + timedelta(days=3)).count() == 0
    assert (_told(desk.alice), _told(desk.sam)) == (0, 0)


def test_an_alert_has_no_reply_deadline(desk):
    alert = inbound.receive_message(
        partner_message(kind="alert", priority="urgent"), partner=desk.mps, now=T0
    )
    services.acknowledge(desk.alice, alert, now=T0)

    assert alert.reply_due_at is None
    assert check_deadlines(T0 + timedelta(days=30)).count() == 0


def test_outgoing_messages_are_never_escalated_here(desk):
    from tests.desk.conftest import draft

    services.send(desk.alice, draft(kind="rfi"), now=T0)

    assert check_deadlines(T0 + timedelta(days=30)).count() == 0
