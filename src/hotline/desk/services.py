"""The desk's verbs: send, acknowledge, start work, reply, close, assign. Views, the CLI and tasks call these.

Every verb takes the acting user and asks the access policy first; `now` may be passed (tests control the
clock). A verb either does everything or nothing: bad input raises a DeskError (with the form field to blame)
and stores nothing. STIX objects are written through hotline.intel only; what goes to a partner is placed in
its outbound collection through hotline.federation.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from hotline import stix
from hotline.access import policy
from hotline.audit.services import record
from hotline.desk import attachments as files
from hotline.desk import lifecycle, notifications, roster, stix_types
from hotline.desk.errors import DeskError, NotAllowed
from hotline.desk.language import LANGUAGES, detect_language
from hotline.desk.models import Attachment, Message, MessageEvent, Notification
from hotline.desk.search import search_text
from hotline.federation import services as federation
from hotline.federation.models import DEFAULT_DEADLINES, Partner
from hotline.intel import queries
from hotline.intel import services as intel
from hotline.intel.models import Collection

INTERNAL = "internal"
SEND_KINDS = ("alert", "rfi", "notice")
DESK_COLLECTION = "hotline"
INTEL_COLLECTION = "intel"


@dataclass
class Draft:
    """A message being composed. `to` is a Partner, a partner's name, or "internal"."""

    to: Partner | str
    kind: str
    priority: str
    subject: str
    body: str = ""
    body_format: str = "text"
    language: str = ""  # "" -> detected from subject and body
    tlp: str = "amber"
    handling_code: str = "H0"
    handling_text: str = ""
    source_reliability: str = ""
    information_credibility: int | None = None
    attachments: list[files.AttachmentFile] = field(default_factory=list)
    intel_refs: list[str] = field(default_factory=list)  # STIX objects picked from the store
    new_intel: list[dict] = field(default_factory=list)  # STIX objects created while composing
    recipients: list = field(default_factory=list)  # users of this node named on the message


def desk_collection() -> Collection:
    """Where the node keeps every hotline object it sent or received. No role is granted on it: people read
    messages through the desk (and its policy), partners through their outbound collections."""
    return intel.create_collection(
        DESK_COLLECTION, "Hotline messages", "Every hotline message, receipt and file"
    )


def store_objects(collection: Collection, objects: list[dict]) -> None:
    result = intel.add_objects(collection, objects)
    if result.failures:
        raise DeskError("; ".join(f"{f.id}: {f.message}" for f in result.failures))


# --- sending ----------------------------------------------------------------------------------------------


def send(user, draft: Draft, *, now: datetime | None = None) -> Message:
    """Send an alert, RFI or notice to a partner (into its outbound collection) or internally (received on
    this node at once, assigned to the officer on duty). Returns the new message."""
    if draft.kind not in SEND_KINDS:
        raise DeskError(
            f"kind must be one of {', '.join(SEND_KINDS)} (replies are sent with reply())", field="kind"
        )
    return _send(user, draft, in_reply_to=None, now=now or timezone.now())


def reply(
    user,
    message: Message,
    *,
    body: str,
    subject: str = "",
    body_format: str = "text",
    language: str = "",
    tlp: str = "",
    attachments: list[files.AttachmentFile] = (),
    intel_refs: list[str] = (),
    new_intel: list[dict] = (),
    now: datetime | None = None,
) -> Message:
    """Answer an incoming or internal message. The reply goes back the way the message came; the message
    moves to answered (acknowledged first, if it was not yet). An answered message may get further replies
    (follow-ups); a closed one may not."""
    now = now or timezone.now()
    _require_act(user, message)
    if not message.is_receiving:
        raise DeskError("only a message received here can be replied to; send a new message instead")
    if message.state == lifecycle.CLOSED:
        raise DeskError("the message is closed; send a new message instead", field="body")
    if not (body or "").strip():
        raise DeskError("a reply needs a body", field="body")
    draft = Draft(
        to=message.partner if message.partner_id else INTERNAL,
        kind="reply",
        priority=message.priority,
        subject=subject or _reply_subject(message.subject),
        body=body,
        body_format=body_format,
        language=language,
        tlp=tlp or message.tlp,
        handling_code=message.handling_code,
        handling_text=message.handling_text,
        attachments=list(attachments),
        intel_refs=list(intel_refs),
        new_intel=list(new_intel),
        recipients=[message.created_by] if message.created_by_id else [],
    )
    with transaction.atomic():
        if message.state == lifecycle.RECEIVED:
            acknowledge(user, message, now=now)
        answer = _send(user, draft, in_reply_to=message, now=now)
        if message.state != lifecycle.ANSWERED:
            message.set_state(lifecycle.ANSWERED, at=now, by=user, note=f"reply {answer.stix_id}")
    return answer


def _reply_subject(subject: str) -> str:
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"[: stix_types.MAX_SUBJECT]


def _send(user, draft: Draft, *, in_reply_to: Message | None, now: datetime) -> Message:
    if not policy.can_use_desk(user):
        raise NotAllowed("you may not send hotline messages")
    partner = _addressee(draft.to)
    _check_draft(draft)
    checked = _check_files(draft.attachments)
    picked = _picked_intel(user, draft.intel_refs)
    created = _created_intel(user, draft.new_intel, draft.tlp, now, handling=draft)
    home = federation.node_identity_id()
    artifacts = [files_artifact(f, draft.tlp) for f in checked]
    attached = [*picked, *created]
    language = draft.language or detect_language(f"{draft.subject}\n{draft.body}")
    obj = stix_types.message_object(
        created=now,
        created_by_ref=home,
        kind=draft.kind,
        subject=draft.subject.strip(),
        body=draft.body,
        body_format=draft.body_format,
        lang=language,
        priority=draft.priority,
        tlp=draft.tlp,
        handling_code=draft.handling_code,
        handling_text=draft.handling_text,
        source_reliability=draft.source_reliability,
        information_credibility=draft.information_credibility,
        addressee_ref=partner.identity_id if partner else None,
        in_reply_to_ref=in_reply_to.stix_id if in_reply_to else None,
        object_refs=[o["id"] for o in attached],
        attachment_refs=[a["id"] for a in artifacts],
        attachment_names=[f.name for f in checked],
    )
    problems = stix.validate_object(obj)
    if problems:
        raise DeskError("the message is not valid STIX: " + "; ".join(problems))

    written: list[str] = []
    try:
        with transaction.atomic():
            if created:
                store_objects(Collection.objects.get(alias=INTEL_COLLECTION), created)
            store_objects(desk_collection(), [obj, *artifacts])
            if partner is not None:
                try:
                    federation.share(partner, [*attached, *artifacts, obj])
                except federation.PartnerError as exc:
                    raise DeskError(str(exc), field="to") from None
            message = _create_message(
                user, draft, obj, partner=partner, in_reply_to=in_reply_to, language=language, now=now
            )
            message.search_text = search_text(
                message.subject, message.body, attached, [f.name for f in checked]
            )
            message.save(update_fields=["search_text"])
            for f, artifact in zip(checked, artifacts, strict=True):
                written += _attach(message, f, artifact["id"])
            if message.direction == lifecycle.INTERNAL:
                _deliver_internally(message, in_reply_to, now)
            record(
                "desk.reply" if in_reply_to else "desk.send",
                actor=user,
                target=message.stix_id,
                detail={"to": partner.name if partner else INTERNAL, "tlp": draft.tlp, "kind": draft.kind},
            )
    except BaseException:
        files.discard(written)
        raise
    return message


def _addressee(to) -> Partner | None:
    if isinstance(to, Partner):
        return to
    if not to or to == INTERNAL:
        return None
    try:
        return federation.get_partner(str(to))
    except federation.PartnerError as exc:
        raise DeskError(str(exc), field="to") from None


def _check_draft(draft: Draft) -> None:
    def one_of(value, allowed, name):
        if value not in allowed:
            raise DeskError(
                f"{name} must be one of {', '.join(map(str, allowed))}, not {value!r}", field=name
            )

    one_of(draft.priority, stix_types.PRIORITIES, "priority")
    one_of(draft.tlp, stix.TLP_LEVELS, "tlp")
    one_of(draft.body_format, stix_types.BODY_FORMATS, "body_format")
    one_of(draft.handling_code, stix_types.HANDLING_CODES, "handling_code")
    if draft.language:
        one_of(draft.language, tuple(LANGUAGES), "language")
    if draft.source_reliability:
        one_of(draft.source_reliability, stix_types.SOURCE_RELIABILITY, "source_reliability")
    if draft.information_credibility is not None:
        one_of(draft.information_credibility, stix_types.INFORMATION_CREDIBILITY, "information_credibility")
    subject = (draft.subject or "").strip()
    if not subject:
        raise DeskError("a message needs a subject", field="subject")
    if len(subject) > stix_types.MAX_SUBJECT:
        raise DeskError(f"the subject is longer than {stix_types.MAX_SUBJECT} characters", field="subject")
    if draft.handling_code == "H3" and not draft.handling_text.strip():
        raise DeskError("handling code H3 needs the restriction in words", field="handling_text")
    for user in draft.recipients:
        if not policy.can_read_desk(user):
            raise DeskError(f"{user.get_username()} may not read hotline messages", field="recipients")


def _check_files(uploads) -> list[files.CheckedFile]:
    checked, seen = [], set()
    for upload in uploads:
        f = files.check(upload)
        if f.sha256 not in seen:  # the same file twice is attached once
            seen.add(f.sha256)
            checked.append(f)
    return checked


def files_artifact(f: files.CheckedFile, tlp: str) -> dict:
    return stix_types.artifact_object(f.data, mime_type=f.mime_type, sha256=f.sha256, tlp=tlp)


def _picked_intel(user, refs) -> list[dict]:
    refs = list(dict.fromkeys(refs))
    if not refs:
        return []
    visible = policy.can_see_object_ids(user, refs)
    missing = [ref for ref in refs if ref not in visible]
    if missing:
        raise DeskError(f"no such intelligence you may read: {', '.join(missing)}", field="intel_refs")
    found = queries.latest_objects(refs)
    return [found[ref] for ref in refs]


def _created_intel(user, objects, tlp: str, now: datetime, *, handling: Draft) -> list[dict]:
    if not objects:
        return []
    collection = Collection.objects.get(alias=INTEL_COLLECTION)
    if not policy.can_write_collection(user, collection):
        raise NotAllowed("you may not create intelligence")
    prepared = []
    for obj in objects:
        obj = dict(obj)
        obj.setdefault("created_by_ref", federation.node_identity_id())
        if not stix.tlp_level(obj):
            obj = stix.mark(obj, tlp)
        if not policy.handling_code(obj):  # the message's code travels on what is created with it
            obj = stix_types.with_handling(obj, handling.handling_code, handling.handling_text)
        problems = stix.validate_object(obj)
        if problems:
            raise DeskError(f"{obj.get('id', 'new object')}: " + "; ".join(problems), field="new_intel")
        prepared.append(obj)
    return prepared


def _deadlines(partner: Partner | None, kind: str, priority: str, start: datetime) -> dict:
    ack, answer = partner.deadlines(priority) if partner else DEFAULT_DEADLINES[priority]
    return {
        "ack_due_at": start + ack if kind in lifecycle.ACK_EXPECTED else None,
        "reply_due_at": start + answer if kind in lifecycle.REPLY_EXPECTED else None,
    }


def _create_message(user, draft: Draft, obj: dict, *, partner, in_reply_to, language, now) -> Message:
    direction = lifecycle.OUTGOING if partner else lifecycle.INTERNAL
    message = Message.objects.create(
        stix_id=obj["id"],
        direction=direction,
        kind=draft.kind,
        partner=partner,
        subject=obj["subject"],
        body=draft.body,
        body_format=draft.body_format,
        language=language,
        priority=draft.priority,
        tlp=draft.tlp,
        handling_code=draft.handling_code,
        handling_text=obj.get("handling_text", ""),
        source_reliability=draft.source_reliability,
        information_credibility=draft.information_credibility,
        in_reply_to=in_reply_to,
        in_reply_to_ref=in_reply_to.stix_id if in_reply_to else "",
        thread_root=(in_reply_to.thread_root or in_reply_to) if in_reply_to else None,
        object_refs=obj.get("object_refs", []),
        state=lifecycle.INITIAL[direction],
        created_at=now,
        received_at=now if direction == lifecycle.INTERNAL else None,
        created_by=user,
        **_deadlines(partner, draft.kind, draft.priority, now),
    )
    if message.thread_root_id is None:
        message.thread_root = message
        message.save(update_fields=["thread_root"])
    recipients = [u for u in draft.recipients if u is not None]
    if recipients:
        message.recipients.add(*recipients)
    MessageEvent.objects.create(
        message=message, action=MessageEvent.STATE, to_state=message.state, at=now, by=user,
        by_name=user.get_username(),
        note=f"to {partner.name}" if partner else "internal",
    )  # fmt: skip
    return message


def _attach(message: Message, f: files.CheckedFile, artifact_id: str) -> list[str]:
    """Store the file and its row; return the storage names written now (to remove if all fails)."""
    name, written = files.store(f)
    Attachment.objects.create(
        message=message, name=f.name, size=f.size, mime_type=f.mime_type, sha256=f.sha256, file=name,
        artifact_id=artifact_id,
    )  # fmt: skip
    return [name] if written else []


def _deliver_internally(message: Message, in_reply_to: Message | None, now: datetime) -> None:
    """An internal message is received at once: a reply goes to whoever asked, anything else to the duty
    officer (or, with nobody on duty, to every officer)."""
    if in_reply_to is not None and in_reply_to.created_by_id:
        assignee = in_reply_to.created_by
    else:
        shift = roster.on_duty(now)
        assignee = shift.officer if shift else None
    announce_new(message, assignee, now)


def announce_new(message: Message, assignee, now: datetime) -> None:
    """Assign a newly received message and tell the assignee (everyone who could be on duty if nobody)."""
    if assignee is not None:
        Message.objects.filter(pk=message.pk).update(assigned_to=assignee)
        message.assigned_to = assignee
        if message.tlp == "red":
            message.recipients.add(assignee)
        MessageEvent.objects.create(
            message=message, action=MessageEvent.ASSIGNED, at=now, by_name="duty roster",
            note=f"assigned to {assignee.get_username()}",
        )  # fmt: skip
    told = [assignee] if assignee is not None else roster.officers()
    told = [u for u in told if u.pk != message.created_by_id]  # the author knows
    if message.tlp == "red":
        told = [u for u in told if policy.can_see_message(u, message)]
    notifications.notify(told, Notification.NEW_MESSAGE, message, notifications.headline(message), now=now)


# --- acting on a received message ---------------------------------------------------------------------------


def _require_act(user, message: Message) -> None:
    if not policy.can_act_on_message(user, message):
        raise NotAllowed("you may not act on this message")


def _require_receiving(message: Message, verb: str) -> None:
    if not message.is_receiving:
        raise DeskError(f"only a message received here can be {verb}; this one was sent to {message.partner}")


def acknowledge(user, message: Message, *, now: datetime | None = None) -> Message:
    """Acknowledge a received message; the acknowledgement (a STIX object) goes back to the sender."""
    now = now or timezone.now()
    _require_act(user, message)
    _require_receiving(message, "acknowledged")
    with transaction.atomic():
        message.set_state(lifecycle.ACKNOWLEDGED, at=now, by=user)
        if message.assigned_to_id is None:
            _assign(message, user, by=user, now=now)
        ack = stix_types.acknowledgement_object(
            message_id=message.stix_id,
            acknowledged=now,
            acknowledged_by=user.get_full_name() or user.get_username(),
            created_by_ref=federation.node_identity_id(),
            tlp=message.tlp,
        )
        store_objects(desk_collection(), [ack])
        record("desk.acknowledge", actor=user, target=message.stix_id, detail={"tlp": message.tlp})
        if message.partner_id:
            federation.share(message.partner, [ack])
        elif message.created_by_id and message.created_by_id != user.pk:
            notifications.notify(
                [message.created_by], Notification.ACKNOWLEDGED, message,
                f"Acknowledged by {user.get_username()}: {notifications.headline(message)}", now=now,
            )  # fmt: skip
    return message


def start_work(user, message: Message, *, now: datetime | None = None) -> Message:
    now = now or timezone.now()
    _require_act(user, message)
    _require_receiving(message, "worked on")
    with transaction.atomic():
        message.set_state(lifecycle.IN_PROGRESS, at=now, by=user)
        if message.assigned_to_id is None:
            _assign(message, user, by=user, now=now)
    return message


def close(user, message: Message, *, note: str = "", now: datetime | None = None) -> Message:
    now = now or timezone.now()
    _require_act(user, message)
    with transaction.atomic():
        message.set_state(lifecycle.CLOSED, at=now, by=user, note=note)
        record("desk.close", actor=user, target=message.stix_id, detail={"tlp": message.tlp})
    return message


def assign(user, message: Message, officer, *, now: datetime | None = None) -> Message:
    """Give a message to an officer (who is told, and named on it if it is TLP:RED)."""
    now = now or timezone.now()
    _require_act(user, message)
    if not policy.can_use_desk(officer):
        raise DeskError(f"{officer.get_username()} does not use the desk", field="officer")
    with transaction.atomic():
        _assign(message, officer, by=user, now=now)
        record("desk.assign", actor=user, target=message.stix_id, detail={"to": officer.get_username()})
        if officer.pk != user.pk:
            notifications.notify(
                [officer], Notification.ASSIGNED, message, notifications.headline(message), now=now
            )
    return message


def _assign(message: Message, officer, *, by, now: datetime) -> None:
    Message.objects.filter(pk=message.pk).update(assigned_to=officer)
    message.assigned_to = officer
    if message.tlp == "red":
        message.recipients.add(officer)
    MessageEvent.objects.create(
        message=message, action=MessageEvent.ASSIGNED, at=now, by=by, by_name=by.get_username(),
        note=f"assigned to {officer.get_username()}",
    )  # fmt: skip
