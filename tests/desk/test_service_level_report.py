"""The service-level report: the share acknowledged and answered within the deadline, by month and
priority, against data whose answer is known."""

from datetime import UTC, date, datetime, timedelta

import pytest

from hotline.desk import inbound, services
from hotline.desk.reports import service_levels
from hotline.desk.stix_types import acknowledgement_object, receipt_object
from hotline.federation.services import node_identity_id
from tests.desk.conftest import draft, partner_message

JUNE = datetime(2025, 6, 10, 9, 0, tzinfo=UTC)
JULY = datetime(2025, 7, 20, 9, 0, tzinfo=UTC)
NOW = datetime(2025, 7, 21, 9, 0, tzinfo=UTC)


def _received(desk, at, kind, priority, ack_after=None, reply_after=None):
    message = inbound.receive_message(
        partner_message(kind=kind, priority=priority, created=at), partner=desk.mps, now=at
    )
    if ack_after is not None:
        services.acknowledge(desk.alice, message, now=at + ack_after)
    if reply_after is not None:
        services.reply(desk.alice, message, body="answer", now=at + reply_after)
    return message


@pytest.fixture
def history(desk):
    minutes, hours = (lambda n: timedelta(minutes=n)), (lambda n: timedelta(hours=n))
    # June, flash alerts (acknowledge within 15 min): 2 in time, 1 late, 1 never.
    _received(desk, JUNE, "alert", "flash", ack_after=minutes(5))
    _received(desk, JUNE, "alert", "flash", ack_after=minutes(15))  # exactly on the deadline: met
    _received(desk, JUNE, "alert", "flash", ack_after=minutes(16))
    _received(desk, JUNE, "alert", "flash")
    # June, urgent RFIs (1 h / 8 h): both acknowledged in time, one answered late.
    _received(desk, JUNE, "rfi", "urgent", ack_after=minutes(30), reply_after=hours(7))
    _received(desk, JUNE, "rfi", "urgent", ack_after=minutes(30), reply_after=hours(9))
    # July, routine RFIs (24 h / 7 d): one answered in time, one still within its deadlines at NOW.
    _received(desk, JULY - timedelta(days=10), "rfi", "routine", ack_after=hours(2), reply_after=hours(30))
    _received(desk, JULY, "rfi", "routine")


def _rows(user, **kwargs):
    return {(r.month, r.priority): r for r in service_levels(user, now=NOW, **kwargs)}


def test_figures_by_month_and_priority(desk, history):
    rows = _rows(desk.sam)

    assert list(rows) == [
        (date(2025, 6, 1), "flash"),
        (date(2025, 6, 1), "urgent"),
        (date(2025, 7, 1), "routine"),
    ]
    flash = rows[(date(2025, 6, 1), "flash")]
    assert (flash.messages, flash.ack_met, flash.ack_missed, flash.ack_pending) == (4, 2, 2, 0)
    assert flash.ack_share == 0.5 and flash.reply_share is None  # alerts need no reply
    urgent = rows[(date(2025, 6, 1), "urgent")]
    assert (urgent.ack_share, urgent.reply_met, urgent.reply_missed) == (1.0, 1, 1)
    assert urgent.reply_share == 0.5
    routine = rows[(date(2025, 7, 1), "routine")]
    assert (routine.messages, routine.ack_met, routine.ack_pending) == (2, 1, 1)
    assert (routine.reply_met, routine.reply_missed, routine.reply_pending) == (1, 0, 1)
    assert routine.ack_share == routine.reply_share == 1.0


def test_a_period_can_be_chosen(desk, history):
    rows = _rows(desk.sam, since=datetime(2025, 7, 1, tzinfo=UTC))

    assert list(rows) == [(date(2025, 7, 1), "routine")]


def test_outgoing_measures_the_partner(desk):
    sent = services.send(desk.alice, draft(kind="rfi", priority="urgent"), now=JUNE)
    mps = node_identity_id("mps")
    inbound.receive_receipt(
        receipt_object(
            message_id=sent.stix_id, received=JUNE + timedelta(seconds=1), created_by_ref=mps, tlp="amber"
        ),
        partner=desk.mps,
    )
    inbound.receive_acknowledgement(
        acknowledgement_object(
            message_id=sent.stix_id,
            acknowledged=JUNE + timedelta(hours=2),
            acknowledged_by="Nguyen",
            created_by_ref=mps,
            tlp="amber",
        ),
        partner=desk.mps,
    )

    row = service_levels(desk.sam, direction="outgoing", now=NOW)[0]

    assert (row.priority, row.ack_met, row.ack_missed) == ("urgent", 0, 1)  # 2 h for a 1 h deadline
    assert (row.reply_met, row.reply_missed) == (0, 1)  # never answered, 8 h long past
