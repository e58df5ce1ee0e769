"""Receiving from a partner (what federation will hand over through its `objects_received` signal):
messages are filed once, with their files; receipts and acknowledgements move our own messages on."""

import base64
import hashlib
from datetime import timedelta

import pytest

from hotline.desk import inbound, lifecycle, services, stix_types
from hotline.desk.errors import DeskError
from hotline.desk.models import Message, Notification
from hotline.federation.services import node_identity_id
from hotline.federation.signals import objects_received
from hotline.intel.models import Collection, StixObject
from tests.desk.conftest import T0, draft, partner_message
from tests.factories import sdo

MPS = node_identity_id("mps")


def _artifact(data: bytes) -> dict:
    return stix_types.artifact_object(
        data, mime_type="text/plain", sha256=hashlib.sha256(data).hexdigest(), tlp="amber"
    )


def test_the_signal_files_a_message_with_its_file_and_intelligence(desk):
    actor = sdo("threat-actor", name="Cell Y", created_by_ref=MPS)
    artifact = _artifact(b"Danh sach hanh khach\n")
    message = partner_message(
        object_refs=[actor["id"]], attachment_refs=[artifact["id"]], attachment_names=["hành khách.txt"]
    )

    objects_received.send(sender=desk.mps, objects=[actor, artifact, message], now=T0)

    filed = Message.objects.get(stix_id=message["id"])
    assert (filed.direction, filed.state, filed.partner, filed.assigned_to) == (
        "incoming",
        "received",
        desk.mps,
        desk.alice,
    )
    attachment = filed.attachments.get()
    assert (attachment.name, attachment.mime_type) == ("hành khách.txt", "text/plain")
    assert "cell y" in filed.search_text
    assert filed.ack_due_at == T0 + timedelta(hours=1) and filed.reply_due_at == T0 + timedelta(hours=8)


def test_the_same_message_twice_is_one_message_and_one_receipt(desk):
    message = partner_message()

    first = inbound.receive_message(message, partner=desk.mps, now=T0)
    again = inbound.receive_message(message, partner=desk.mps, now=T0 + timedelta(minutes=1))

    assert first == again and Message.objects.count() == 1
    outbound = Collection.objects.get(alias="outbound-mps")
    assert outbound.entries.filter(type="hotline-receipt").count() == 1
    assert Notification.objects.filter(event="new_message").count() == 1


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"created_by_ref": node_identity_id("somebody-else")}, "not by partner mps"),
        ({"addressee_ref": node_identity_id("somebody-else")}, "not to this node"),
        ({"priority": "whenever"}, "property 'priority' must be one of"),
    ],
)
def test_a_message_that_is_not_for_us_or_not_valid_is_refused_and_nothing_stored(desk, change, reason):
    before = StixObject.objects.count()

    with pytest.raises(DeskError, match=reason):
        inbound.receive_message(partner_message(**change), partner=desk.mps, now=T0)

    assert Message.objects.count() == 0 and StixObject.objects.count() == before


def test_one_bad_object_does_not_stop_the_others(desk):
    good, bad = partner_message(), partner_message(created_by_ref=node_identity_id("x"))

    filed = inbound.receive_objects([bad, good], partner=desk.mps, now=T0)

    assert [m.stix_id for m in filed] == [good["id"]]


def test_a_file_whose_checksum_does_not_match_is_refused_but_the_message_arrives(desk):
    artifact = _artifact(b"original\n")
    artifact["payload_bin"] = base64.b64encode(b"tampered\n").decode()
    message = partner_message(attachment_refs=[artifact["id"]])

    filed = inbound.receive_objects([message, artifact], partner=desk.mps, now=T0)[0]

    assert filed.attachments.count() == 0
    assert filed.history().filter(action="note", note__contains="SHA-256 does not match").exists()


def test_receipt_and_acknowledgement_move_our_message_on(desk):
    sent = services.send(desk.alice, draft(kind="rfi", priority="urgent"), now=T0)
    receipt = stix_types.receipt_object(
        message_id=sent.stix_id, received=T0 + timedelta(minutes=10), created_by_ref=MPS, tlp="amber"
    )
    ack = stix_types.acknowledgement_object(
        message_id=sent.stix_id, acknowledged=T0 + timedelta(minutes=20), acknowledged_by="Nguyen Van A",
        created_by_ref=MPS, tlp="amber",
    )  # fmt: skip

    inbound.receive_objects([ack, receipt], partner=desk.mps, now=T0 + timedelta(minutes=21))

    sent.refresh_from_db()
    assert sent.state == lifecycle.ACKNOWLEDGED
    assert sent.delivered_at == T0 + timedelta(minutes=10) and sent.acknowledged_at == T0 + timedelta(
        minutes=20
    )
    # The deadlines run from the partner's receipt.
    assert sent.ack_due_at == T0 + timedelta(minutes=70) and sent.reply_due_at == T0 + timedelta(
        hours=8, minutes=10
    )
    assert [e.by_name for e in sent.history()][-1] == "Ministry of Public Security (Viet Nam) (Nguyen Van A)"
    assert Notification.objects.filter(recipient=desk.alice, event="acknowledged", message=sent).exists()


def test_a_receipt_from_another_partner_or_for_an_unknown_message_is_ignored(desk):
    sent = services.send(desk.alice, draft(), now=T0)
    unknown = stix_types.receipt_object(
        message_id=partner_message()["id"], received=T0, created_by_ref=MPS, tlp="amber"
    )

    assert inbound.receive_receipt(unknown, partner=desk.mps, now=T0) is None
    with pytest.raises(DeskError, match="not by partner mps"):
        inbound.receive_receipt(
            stix_types.receipt_object(
                message_id=sent.stix_id, received=T0, created_by_ref=node_identity_id("x"), tlp="amber"
            ),
            partner=desk.mps,
        )
    assert Message.objects.get(pk=sent.pk).state == lifecycle.SENT


def test_the_partners_reply_answers_our_request(desk):
    sent = services.send(desk.alice, draft(kind="rfi"), now=T0)
    answer = partner_message(
        kind="reply", in_reply_to_ref=sent.stix_id, subject="Re: ferry", priority="flash"
    )

    reply = inbound.receive_message(answer, partner=desk.mps, now=T0 + timedelta(hours=1))

    sent.refresh_from_db()
    assert sent.state == lifecycle.ANSWERED and sent.answered_at == T0 + timedelta(hours=1)
    assert reply.in_reply_to == sent and reply.thread_root == sent
    assert reply.ack_due_at is None and reply.reply_due_at is None  # a reply asks nothing
    assert Notification.objects.filter(recipient=desk.alice, event="answered", message=sent).exists()
