"""The duty roster: who is on duty now (the latest-started shift during a handover), new messages go to
them, supervisors manage shifts, officers write the handover note of their own shift."""

from datetime import timedelta

import pytest

from hotline.desk import inbound, roster, services
from hotline.desk.errors import DeskError, NotAllowed
from hotline.desk.models import Notification
from tests.desk.conftest import T0, draft, partner_message


def test_who_is_on_duty_now(desk):
    assert roster.who_is_on_duty(desk.ana, T0).officer == desk.alice
    assert roster.who_is_on_duty(desk.alice, T0 + timedelta(hours=23)) is None  # the shift has ended
    assert roster.who_is_on_duty(desk.alice, T0 - timedelta(hours=2)) is None


def test_during_a_handover_the_incoming_shift_is_on_duty(desk):
    roster.add_shift(desk.sam, desk.sam, T0 + timedelta(hours=22), T0 + timedelta(hours=30), "night")

    assert roster.on_duty(T0 + timedelta(hours=21)).officer == desk.alice
    assert roster.on_duty(T0 + timedelta(hours=22, minutes=30)).officer == desk.sam


def test_a_new_incoming_message_goes_to_the_officer_on_duty(desk):
    message = inbound.receive_message(partner_message(), partner=desk.mps, now=T0)

    assert message.assigned_to == desk.alice
    assert Notification.objects.filter(recipient=desk.alice, event="new_message", message=message).exists()


def test_with_nobody_on_duty_every_officer_is_told(desk):
    message = inbound.receive_message(partner_message(), partner=desk.mps, now=T0 + timedelta(days=3))

    assert message.assigned_to is None
    told = set(Notification.objects.filter(message=message).values_list("recipient__username", flat=True))
    assert told == {"alice", "sam"}


def test_an_internal_message_goes_to_the_officer_on_duty(desk):
    message = services.send(desk.sam, draft(to="internal"), now=T0)

    assert message.state == "received" and message.assigned_to == desk.alice


def test_only_supervisors_and_admins_manage_shifts(desk):
    for user in (desk.alice, desk.ana, desk.bob, desk.charlie):
        with pytest.raises(NotAllowed):
            roster.add_shift(user, desk.alice, T0, T0 + timedelta(hours=8))

    with pytest.raises(DeskError, match="not an officer"):
        roster.add_shift(desk.sam, desk.ana, T0, T0 + timedelta(hours=8))
    with pytest.raises(DeskError, match="end after it starts"):
        roster.add_shift(desk.sam, desk.alice, T0, T0)


def test_handover_notes(desk):
    shift = roster.on_duty(T0)

    roster.hand_over(desk.alice, shift, "Waiting for MPS on the Batam RFI.")
    with pytest.raises(NotAllowed):
        roster.hand_over(desk.ana, shift, "x")

    shift.refresh_from_db()
    assert shift.handover_note == "Waiting for MPS on the Batam RFI."


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_the_roster_is_not_shown_without_clearance(desk, who):
    with pytest.raises(NotAllowed):
        roster.who_is_on_duty(getattr(desk, who), T0)
