"""Filing what a partner sends: messages (received, assigned to the officer on duty, a receipt sent back),
receipts and acknowledgements of our own messages. Federation calls `receive_objects` through its
`objects_received` signal; tests call the functions directly. Receiving the same object twice files it once.
"""

import base64
import binascii
import logging
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from hotline import stix
from hotline.desk import attachments as files
from hotline.desk import lifecycle, notifications, roster, stix_types
from hotline.desk.errors import AttachmentRejected, DeskError
from hotline.desk.language import detect_language
from hotline.desk.models import Attachment, Message, MessageEvent, Notification
from hotline.desk.search import search_text
from hotline.desk.services import announce_new, desk_collection, store_objects
from hotline.federation import services as federation
from hotline.federation.models import Partner
from hotline.intel import queries

log = logging.getLogger(__name__)


def on_objects_received(sender: Partner, objects: list[dict], now: datetime | None = None, **kwargs) -> None:
    receive_objects(objects, partner=sender, now=now)


def receive_objects(objects: list[dict], *, partner: Partner, now: datetime | None = None) -> list[Message]:
    """File every hotline object among `objects` (the rest travel as the messages' related objects). One bad
    object is logged and skipped; it does not stop the others. Returns the messages filed or updated."""
    now = now or timezone.now()
    handled: list[Message] = []
    by_type = {stix_types.MESSAGE: [], stix_types.RECEIPT: [], stix_types.ACKNOWLEDGEMENT: []}
    related = []
    for obj in objects:
        kind = obj.get("type") if isinstance(obj, dict) else None
        by_type.get(kind, related).append(obj)
    # Messages first, so a reply in the same batch finds its original; then the confirmations.
    steps = [
        (stix_types.MESSAGE, lambda o: receive_message(o, partner=partner, related=related, now=now)),
        (stix_types.RECEIPT, lambda o: receive_receipt(o, partner=partner, now=now)),
        (stix_types.ACKNOWLEDGEMENT, lambda o: receive_acknowledgement(o, partner=partner, now=now)),
    ]
    for type_name, receive in steps:
        for obj in by_type[type_name]:
            try:
                message = receive(obj)
            except (DeskError, federation.PartnerError) as exc:
                log.warning("from %s: %s refused: %s", partner.name, obj.get("id"), exc)
                continue
            if message is not None:
                handled.append(message)
    return handled


def _validated(obj: dict, type_name: str, partner: Partner) -> None:
    if not isinstance(obj, dict) or obj.get("type") != type_name:
        raise DeskError(f"not a {type_name}")
    problems = stix.validate_object(obj)
    if problems:
        raise DeskError("; ".join(problems))
    if obj.get("created_by_ref") != partner.identity_id:
        raise DeskError(f"created by {obj.get('created_by_ref')}, not by partner {partner.name}")


def receive_message(
    obj: dict, *, partner: Partner, related: list[dict] = (), now: datetime | None = None
) -> Message:
    """File an incoming hotline-message: stored, assigned to the officer on duty, deadlines from the partner
    agreement, a receipt placed for the sender; a reply to one of ours moves ours to answered."""
    now = now or timezone.now()
    existing = Message.objects.filter(stix_id=obj.get("id")).first() if isinstance(obj, dict) else None
    if existing is not None:
        return existing
    _validated(obj, stix_types.MESSAGE, partner)
    addressee = obj.get("addressee_ref")
    if addressee and addressee != federation.node_identity_id():
        raise DeskError(f"addressed to {addressee}, not to this node")
    related = [o for o in related if isinstance(o, dict) and "id" in o]
    by_id = {o["id"]: o for o in related}
    wanted = [*obj.get("object_refs", []), *obj.get("attachment_refs", [])]
    missing = [ref for ref in wanted if ref not in by_id]
    by_id.update(queries.latest_objects(missing))
    attached = [by_id[ref] for ref in obj.get("object_refs", []) if ref in by_id]
    names = dict(zip(obj.get("attachment_refs", []), obj.get("attachment_names", []), strict=False))
    artifacts = [(by_id[ref], names.get(ref, "")) for ref in obj.get("attachment_refs", []) if ref in by_id]

    written: list[str] = []
    try:
        with transaction.atomic():
            store_objects(desk_collection(), [obj, *[o for o in related if o["id"] in wanted]])
            message = _create_incoming(obj, partner, now)
            refused = []
            for artifact, name in artifacts:
                try:
                    written += _attach_artifact(message, artifact, name)
                except AttachmentRejected as exc:
                    refused.append(str(exc))
            for reason in refused:
                MessageEvent.objects.create(
                    message=message, action=MessageEvent.NOTE, at=now, by_name="desk",
                    note=f"attachment refused: {reason}",
                )  # fmt: skip
            names = list(message.attachments.values_list("name", flat=True))
            message.search_text = search_text(message.subject, message.body, attached, names)
            message.save(update_fields=["search_text"])
            shift = roster.on_duty(now)
            announce_new(message, shift.officer if shift else None, now)
            _send_receipt(message, partner, now)
            _answer_original(message, partner, now)
    except IntegrityError:
        # The same message arrived at the same moment by another way (push and pull): it is filed once.
        # (Its files are kept: the other arrival refers to the same content-addressed files.)
        existing = Message.objects.filter(stix_id=obj["id"]).first()
        if existing is None:
            raise
        return existing
    except BaseException:
        files.discard(written)
        raise
    return message


def _create_incoming(obj: dict, partner: Partner, now: datetime) -> Message:
    kind, priority = obj["kind"], obj["priority"]
    ack, answer = partner.deadlines(priority)
    original = None
    if obj.get("in_reply_to_ref"):
        original = Message.objects.filter(stix_id=obj["in_reply_to_ref"]).first()
    message = Message.objects.create(
        stix_id=obj["id"],
        direction=lifecycle.INCOMING,
        kind=kind,
        partner=partner,
        subject=obj["subject"],
        body=obj.get("body", ""),
        body_format=obj.get("body_format", "text"),
        language=obj.get("lang", "")[:16] or detect_language(f"{obj['subject']}\n{obj.get('body', '')}"),
        priority=priority,
        tlp=stix.tlp_level(obj) or "amber",
        handling_code=obj.get("handling_code", "H0"),
        handling_text=obj.get("handling_text", "")[:500],
        source_reliability=obj.get("source_reliability", ""),
        information_credibility=obj.get("information_credibility"),
        in_reply_to=original,
        in_reply_to_ref=obj.get("in_reply_to_ref", ""),
        thread_root=(original.thread_root or original) if original else None,
        object_refs=obj.get("object_refs", []),
        state=lifecycle.RECEIVED,
        created_at=stix.parse_timestamp(obj["created"]),
        received_at=now,
        ack_due_at=now + ack if kind in lifecycle.ACK_EXPECTED else None,
        reply_due_at=now + answer if kind in lifecycle.REPLY_EXPECTED else None,
    )
    if message.thread_root_id is None:
        message.thread_root = message
        message.save(update_fields=["thread_root"])
    MessageEvent.objects.create(
        message=message, action=MessageEvent.STATE, to_state=lifecycle.RECEIVED, at=now, by_name=partner.title
    )
    return message


def _attach_artifact(message: Message, artifact: dict, name: str) -> list[str]:
    """Keep an attached artifact as a file, after the same checks as an upload and a checksum match."""
    try:
        data = base64.b64decode(artifact.get("payload_bin", ""), validate=True)
    except (binascii.Error, ValueError):
        raise AttachmentRejected(f"{artifact['id']}: payload_bin is not base64") from None
    checked = files.check(files.AttachmentFile(name or artifact["id"].split("--")[1][:8], data))
    declared = (artifact.get("hashes") or {}).get("SHA-256", "").lower()
    if declared and declared != checked.sha256:
        raise AttachmentRejected(f"{artifact['id']}: the SHA-256 does not match the content")
    name, written = files.store(checked)
    Attachment.objects.get_or_create(
        message=message, sha256=checked.sha256,
        defaults={"name": checked.name, "size": checked.size, "mime_type": checked.mime_type, "file": name,
                  "artifact_id": artifact["id"]},
    )  # fmt: skip
    return [name] if written else []


def _send_receipt(message: Message, partner: Partner, now: datetime) -> None:
    receipt = stix_types.receipt_object(
        message_id=message.stix_id,
        received=now,
        created_by_ref=federation.node_identity_id(),
        tlp=message.tlp,
    )
    store_objects(desk_collection(), [receipt])
    federation.share(partner, [receipt])


def _answer_original(reply: Message, partner: Partner, now: datetime) -> None:
    original = reply.in_reply_to
    if original is None or original.direction != lifecycle.OUTGOING or original.partner_id != partner.pk:
        return
    if lifecycle.ANSWERED in original.allowed_steps():
        original.set_state(lifecycle.ANSWERED, at=now, by_name=partner.title, note=f"reply {reply.stix_id}")
        if original.created_by_id:
            notifications.notify(
                [original.created_by], Notification.ANSWERED, original,
                f"Answered by {partner.title}: {notifications.headline(original)}", now=now,
            )  # fmt: skip


def _our_outgoing(obj: dict, partner: Partner) -> Message | None:
    return Message.objects.filter(
        stix_id=obj.get("object_ref"), direction=lifecycle.OUTGOING, partner=partner
    ).first()


def receive_receipt(obj: dict, *, partner: Partner, now: datetime | None = None) -> Message | None:
    """The partner's node has our message: sent -> delivered; its deadlines now run from that moment."""
    _validated(obj, stix_types.RECEIPT, partner)
    message = _our_outgoing(obj, partner)
    if message is None:
        return None
    received = stix.parse_timestamp(obj["received"])
    with transaction.atomic():
        store_objects(desk_collection(), [obj])
        if message.state == lifecycle.SENT:
            message.set_state(lifecycle.DELIVERED, at=received, by_name=partner.title)
        ack, answer = partner.deadlines(message.priority)
        changes = {
            "ack_due_at": received + ack if message.ack_due_at else None,
            "reply_due_at": received + answer if message.reply_due_at else None,
        }
        Message.objects.filter(pk=message.pk).update(**changes)
        for name, value in changes.items():
            setattr(message, name, value)
    return message


def receive_acknowledgement(obj: dict, *, partner: Partner, now: datetime | None = None) -> Message | None:
    """An officer of the partner has acknowledged our message: -> acknowledged; its author is told."""
    _validated(obj, stix_types.ACKNOWLEDGEMENT, partner)
    message = _our_outgoing(obj, partner)
    if message is None:
        return None
    at = stix.parse_timestamp(obj["acknowledged"])
    now = now or timezone.now()
    with transaction.atomic():
        store_objects(desk_collection(), [obj])
        if lifecycle.ACKNOWLEDGED in message.allowed_steps():
            who = obj.get("acknowledged_by", "")
            message.set_state(
                lifecycle.ACKNOWLEDGED, at=at, by_name=f"{partner.title} ({who})" if who else partner.title
            )
            if message.created_by_id:
                notifications.notify(
                    [message.created_by], Notification.ACKNOWLEDGED, message,
                    f"Acknowledged by {partner.title}: {notifications.headline(message)}", now=now,
                )  # fmt: skip
    return message
