"""Reading the desk: inbox, outbox, threads, one message, its attachments and intelligence, the dashboard.
Every function takes the acting user and returns only what the access policy lets them see."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from hotline.access import policy
from hotline.desk import lifecycle, notifications, roster
from hotline.desk.errors import NotAllowed, NotFound
from hotline.desk.models import Attachment, DutyShift, Message
from hotline.federation import services as federation
from hotline.intel import queries as store

# The open states by name, not "not closed": an IN list can use the (direction, state, created_at) index.
_NOT_CLOSED = [state for state, _ in lifecycle.STATES if state != lifecycle.CLOSED]
_ID_PREFIX = re.compile(r"(hotline-message--)?[0-9a-f-]{6,36}\Z")


def _visible(user, messages: QuerySet) -> QuerySet:
    if not policy.can_read_desk(user):
        raise NotAllowed("you may not read the hotline desk")
    return policy.visible_messages(user, messages).select_related("partner", "assigned_to", "created_by")


def inbox(user, *, include_closed: bool = False) -> QuerySet:
    """Messages received here (from partners and internal), newest first."""
    found = Message.objects.filter(direction__in=[lifecycle.INCOMING, lifecycle.INTERNAL])
    if not include_closed:
        found = found.filter(state__in=_NOT_CLOSED)
    return _visible(user, found).order_by("-created_at")


def outbox(user, *, include_closed: bool = False) -> QuerySet:
    """Messages this node sent (to partners and internal), newest first."""
    found = Message.objects.filter(
        Q(direction=lifecycle.OUTGOING) | Q(direction=lifecycle.INTERNAL, created_by__isnull=False)
    )
    if not include_closed:
        found = found.filter(state__in=_NOT_CLOSED)
    return _visible(user, found).order_by("-created_at")


def get_message(user, stix_id: str) -> Message:
    """One message by its STIX id; NotFound if there is none or the user may not see it."""
    message = _visible(user, Message.objects.filter(stix_id=stix_id)).first()
    if message is None:
        raise NotFound(f"no message {stix_id}")
    return message


def find_message(user, ref: str) -> Message:
    """A message by its STIX id or an unambiguous start of its UUID (for the command line)."""
    ref = (ref or "").strip().lower()
    if not _ID_PREFIX.match(ref):
        raise NotFound(f"{ref!r} is not a message id")
    if not ref.startswith("hotline-message--"):
        ref = "hotline-message--" + ref
    matches = list(_visible(user, Message.objects.filter(stix_id__startswith=ref))[:2])
    if len(matches) != 1:
        raise NotFound(f"no message {ref}" if not matches else f"{ref} is ambiguous; give more of the id")
    return matches[0]


def thread(user, message: Message) -> list[Message]:
    """The visible messages of the message's thread, oldest first."""
    root = message.thread_root_id or message.pk
    return list(_visible(user, Message.objects.filter(thread_root_id=root)).order_by("created_at", "pk"))


def attached_objects(user, message: Message) -> list[dict]:
    """The intelligence attached to a message (newest stored versions), in the order attached."""
    if not policy.can_see_message(user, message):
        raise NotFound(f"no message {message.stix_id}")
    refs = policy.without_hidden(user, message.object_refs)
    found = store.latest_objects(refs)
    return [found[ref] for ref in refs if ref in found]


def get_attachment(user, attachment_id: int) -> Attachment:
    """An attachment for download; NotFound unless its message is visible to the user."""
    attachment = Attachment.objects.select_related("message").filter(pk=attachment_id).first()
    if attachment is None or not policy.can_see_message(user, attachment.message):
        raise NotFound("no such attachment")
    return attachment


# How many messages each dashboard list shows: the most urgent; the rest are a click away in the inbox/outbox.
# A busy desk has thousands open, and a page that renders them all is slow for everyone (docs/benchmarks.md).
DASHBOARD_LIST_SIZE = 25


@dataclass
class Shortlist:
    """The first messages of a dashboard list, and how many the list holds in all."""

    items: list[Message]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def _shortlist(found: QuerySet) -> Shortlist:
    items = list(found[:DASHBOARD_LIST_SIZE])
    return Shortlist(items, len(items) if len(items) < DASHBOARD_LIST_SIZE else found.count())


@dataclass
class Dashboard:
    awaiting_ack: Shortlist  # received here, not yet acknowledged, soonest deadline first
    awaiting_reply: Shortlist  # received here, acknowledged, an answer due
    sent_open: Shortlist  # sent to partners, not yet answered
    on_duty: DutyShift | None
    next_shift: DutyShift | None
    partners: list
    unread_notifications: int
    now: datetime


def dashboard(user, *, now: datetime | None = None) -> Dashboard:
    now = now or timezone.now()
    receiving = inbox(user)
    return Dashboard(
        awaiting_ack=_shortlist(
            receiving.filter(state=lifecycle.RECEIVED).order_by("ack_due_at", "created_at")
        ),
        awaiting_reply=_shortlist(
            receiving.filter(
                state__in=[lifecycle.ACKNOWLEDGED, lifecycle.IN_PROGRESS], reply_due_at__isnull=False
            ).order_by("reply_due_at")
        ),
        sent_open=_shortlist(
            outbox(user)
            .filter(direction=lifecycle.OUTGOING, state__in=lifecycle.OPEN_OUTGOING)
            .order_by("reply_due_at", "ack_due_at", "-created_at")
        ),  # fmt: skip
        on_duty=roster.on_duty(now),
        next_shift=DutyShift.objects.select_related("officer").filter(starts_at__gt=now).first(),
        partners=list(federation.list_partners()),
        unread_notifications=notifications.unread_count(user),
        now=now,
    )


def deadline_status(due: datetime | None, done: datetime | None, now: datetime) -> str:
    """ "" (no deadline), "met", "missed", "due" or "overdue"."""
    if due is None:
        return ""
    if done is not None:
        return "met" if done <= due else "missed"
    return "due" if now < due else "overdue"


def describe(message: Message, *, now: datetime | None = None) -> dict:
    """A message as plain data (CLI --json, API): state, deadlines and their status."""
    now = now or timezone.now()
    return {
        "id": message.stix_id,
        "direction": message.direction,
        "kind": message.kind,
        "priority": message.priority,
        "tlp": message.tlp,
        "partner": message.partner.name if message.partner_id else None,
        "subject": message.subject,
        "language": message.language,
        "state": message.state,
        "created": message.created_at.isoformat(),
        "assigned_to": message.assigned_to.get_username() if message.assigned_to_id else None,
        "ack_due": message.ack_due_at.isoformat() if message.ack_due_at else None,
        "ack_status": deadline_status(message.ack_due_at, message.acknowledged_at, now),
        "reply_due": message.reply_due_at.isoformat() if message.reply_due_at else None,
        "reply_status": deadline_status(message.reply_due_at, message.answered_at, now),
        "in_reply_to": message.in_reply_to_ref or None,
    }
