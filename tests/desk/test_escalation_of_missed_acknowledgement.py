"""A missed acknowledgement tells the duty officer, then (HOTLINE_SUPERVISOR_AFTER_MINUTES later) the
supervisors; each once, whatever the number of runs. The clock is the test's."""

from datetime import timedelta

import pytest

from hotline.desk import inbound, services
from hotline.desk.escalation import check_deadlines
from hotline.desk.models import DUTY_OFFICER_TOLD, NOT_ESCALATED, SUPERVISOR_TOLD, Message, Notification
from tests.desk.conftest import T0, partner_message

FLASH_ACK = timedelta(minutes=15)


@pytest.fixture
def flash(desk, settings):
    settings.HOTLINE_SUPERVISOR_AFTER_MINUTES = 15
    return inbound.receive_message(partner_message(kind="alert", priority="flash"), partner=desk.mps, now=T0)


def _overdue(user):
    return list(
        Notification.objects.filter(recipient=user, event=Notification.ACK_OVERDUE).values_list(
            "message__stix_id", flat=True
        )
    )


def test_nothing_happens_before_the_deadline(desk, flash):
    result = check_deadlines(T0 + FLASH_ACK - timedelta(seconds=1))

    assert result.count() == 0
    assert Message.objects.get(pk=flash.pk).ack_escalation == NOT_ESCALATED


def test_the_duty_officer_then_the_supervisor_each_once(desk, flash):
    at_deadline = check_deadlines(T0 + FLASH_ACK)
    again = check_deadlines(T0 + FLASH_ACK + timedelta(minutes=1))

    assert at_deadline.count("acknowledgement", DUTY_OFFICER_TOLD) == 1 and again.count() == 0
    assert _overdue(desk.alice) == [flash.stix_id] and _overdue(desk.sam) == []

    later = check_deadlines(T0 + FLASH_ACK + timedelta(minutes=15))
    for minute in range(16, 30):
        assert check_deadlines(T0 + FLASH_ACK + timedelta(minutes=minute)).count() == 0

    assert later.count("acknowledgement", SUPERVISOR_TOLD) == 1
    assert _overdue(desk.alice) == [flash.stix_id] and _overdue(desk.sam) == [flash.stix_id]
    assert Message.objects.get(pk=flash.pk).ack_escalation == SUPERVISOR_TOLD
    notes = list(flash.history().filter(action="escalated").values_list("note", flat=True))
    assert notes == [
        "acknowledgement overdue: told the duty officer (alice)",
        "acknowledgement overdue: told the supervisors (sam)",
    ]


def test_an_acknowledged_message_is_not_escalated(desk, flash):
    services.acknowledge(desk.alice, flash, now=T0 + timedelta(minutes=14))

    assert check_deadlines(T0 + timedelta(hours=1)).count("acknowledgement") == 0
    assert _overdue(desk.alice) == [] and _overdue(desk.sam) == []


def test_acknowledged_between_the_two_steps_stops_the_second(desk, flash):
    check_deadlines(T0 + FLASH_ACK)
    services.acknowledge(desk.alice, flash, now=T0 + FLASH_ACK + timedelta(minutes=5))

    assert check_deadlines(T0 + timedelta(hours=5)).count("acknowledgement") == 0
    assert _overdue(desk.sam) == []


def test_a_late_first_run_tells_both_at_once(desk, flash):
    result = check_deadlines(T0 + timedelta(hours=3))  # the worker was down

    assert result.count("acknowledgement", DUTY_OFFICER_TOLD) == 1
    assert result.count("acknowledgement", SUPERVISOR_TOLD) == 1
    assert check_deadlines(T0 + timedelta(hours=4)).count() == 0


def test_with_nobody_on_duty_every_officer_is_told(desk, flash):
    result = check_deadlines(T0 + timedelta(days=2, minutes=0))  # alice's shift ended long ago

    assert result.count("acknowledgement", DUTY_OFFICER_TOLD) == 1
    assert _overdue(desk.alice) == [flash.stix_id]  # the only officer (sam, a supervisor, is told next)


def test_a_claimed_message_is_not_escalated_by_a_second_worker(desk, flash):
    # Another worker claimed it between this worker's query and its UPDATE.
    Message.objects.filter(pk=flash.pk).update(ack_escalation=DUTY_OFFICER_TOLD)
    from hotline.desk import escalation

    assert escalation._escalate(flash.pk, escalation.ACK, NOT_ESCALATED, DUTY_OFFICER_TOLD, T0) is False
    assert _overdue(desk.alice) == []
