"""Notifications: in the app at once; by email (Django's email backend) and to the optional webhook
(HOTLINE_WEBHOOK_URL) from the worker only, never inside a web request.

Emails and webhook posts never carry a message's body; for TLP:RED messages not even the subject.
"""

import json
import logging
import urllib.request
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from hotline.access import policy
from hotline.desk.models import Message, Notification

log = logging.getLogger(__name__)
WEBHOOK_TIMEOUT = 10


def headline(message: Message, *, private: bool = False) -> str:
    """ "FLASH alert from MPS: subject" (without the subject when `private` or the message is TLP:RED)."""
    origin = message.partner.title if message.partner_id else "internal"
    where = "to" if message.direction == "outgoing" else "from"
    text = f"{message.priority.upper()} {message.kind} {where} {origin}"
    if private or message.tlp == "red":
        return f"{text} (TLP:RED)" if message.tlp == "red" else text
    return f"{text}: {message.subject}"


def notify(
    recipients, event: str, message: Message | None, text: str, *, now: datetime
) -> list[Notification]:
    """Tell each recipient (once, whatever duplicates are given); email/webhook follow from the worker.
    Nobody is told of a message they may not see (the access policy): it does not exist for them."""
    unique = {
        user.pk: user
        for user in recipients
        if user is not None and user.is_active and (message is None or policy.can_see_message(user, message))
    }
    created = Notification.objects.bulk_create(
        [
            Notification(recipient=user, message=message, event=event, text=text[:500], created_at=now)
            for user in unique.values()
        ]
    )
    if created:
        transaction.on_commit(_enqueue_delivery)
    return created


def _enqueue_delivery() -> None:
    from hotline.desk.tasks import deliver_notifications

    try:
        deliver_notifications.enqueue()
    except Exception:  # the periodic sweep delivers it later
        log.exception("could not enqueue notification delivery")


def notifications_for(user, *, unread_only: bool = False) -> QuerySet:
    found = _still_visible(user, Notification.objects.filter(recipient_id=user.pk)).select_related("message")
    return found.filter(read_at__isnull=True) if unread_only else found


def _still_visible(user, notifications: QuerySet) -> QuerySet:
    """Notifications about messages the user may (still) see, and those about no message."""
    # Correlated (EXISTS per notification), not `message IN (every visible message)`: a user has a few
    # notifications, a desk has hundreds of thousands of messages (docs/benchmarks.md, PostgreSQL).
    visible = policy.visible_messages(user, Message.objects.filter(pk=OuterRef("message_id")))
    return notifications.filter(Q(message__isnull=True) | Exists(visible))


def unread_count(user) -> int:
    return _still_visible(
        user, Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    ).count()


def mark_read(user, ids=None, *, now: datetime | None = None) -> int:
    """Mark the user's notifications read (the given ids, or all); other users' are never touched."""
    found = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    if ids is not None:
        found = found.filter(pk__in=list(ids))
    return found.update(read_at=now or timezone.now())


def message_url(message: Message | None) -> str:
    if message is None:
        return ""
    try:
        path = reverse("desk:message", args=[message.stix_id])
    except NoReverseMatch:  # the desk's pages are not installed
        return ""
    return settings.BASE_URL.rstrip("/") + path


# --- delivery (the worker) ----------------------------------------------------------------------------------


def deliver_pending(now: datetime | None = None) -> int:
    """Email and post every notification not yet claimed; each is claimed by one worker (conditional UPDATE)
    and delivered once. Returns how many this call delivered."""
    now = now or timezone.now()
    delivered = 0
    for pk in Notification.objects.filter(delivery_started_at__isnull=True).values_list("pk", flat=True)[
        :500
    ]:
        if not Notification.objects.filter(pk=pk, delivery_started_at__isnull=True).update(
            delivery_started_at=now
        ):
            continue  # another worker has it
        notification = Notification.objects.select_related("recipient", "message__partner").get(pk=pk)
        _deliver(notification, now)
        delivered += 1
    return delivered


def _deliver(notification: Notification, now: datetime) -> None:
    errors, changes = [], {}
    message = notification.message
    if message is not None and not policy.can_see_message(notification.recipient, message):
        return  # no longer theirs to see (a compartment, a TLP change): nothing about it is sent
    summary = headline(message) if message is not None else notification.text
    if notification.recipient.email:
        event = notification.get_event_display().capitalize()
        try:
            send_mail(
                subject=f"[Hotline] {summary}"[:200],
                message=f"{event}: {summary}\n\n{message_url(message)}\n",
                from_email=None,
                recipient_list=[notification.recipient.email],
            )
            changes["emailed_at"] = now
        except Exception as exc:
            log.warning("notification %s: email failed: %s", notification.pk, exc)
            errors.append(f"email: {exc}")
    if settings.HOTLINE_WEBHOOK_URL:
        try:
            _post_webhook(notification, summary)
            changes["webhook_at"] = now
        except Exception as exc:
            log.warning("notification %s: webhook failed: %s", notification.pk, exc)
            errors.append(f"webhook: {exc}")
    if errors:
        changes["delivery_error"] = "; ".join(errors)[:2000]
    if changes:
        Notification.objects.filter(pk=notification.pk).update(**changes)


def webhook_payload(notification: Notification, summary: str) -> dict:
    message = notification.message
    return {
        "event": notification.event,
        "text": summary,
        "recipient": notification.recipient.get_username(),
        "created": notification.created_at.isoformat(),
        "message": None
        if message is None
        else {
            "id": message.stix_id,
            "kind": message.kind,
            "priority": message.priority,
            "partner": message.partner.name if message.partner_id else None,
            "tlp": message.tlp,
            "url": message_url(message),
        },
    }


def _post_webhook(notification: Notification, summary: str) -> None:
    url = settings.HOTLINE_WEBHOOK_URL
    if not url.startswith(("http://", "https://")):
        raise ValueError("HOTLINE_WEBHOOK_URL must be an http(s) URL")
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        data=json.dumps(webhook_payload(notification, summary)).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:  # noqa: S310
        if response.status >= 300:
            raise ValueError(f"HTTP {response.status}")
