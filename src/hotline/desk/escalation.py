"""Deadline escalation, run by the worker every minute (never in a web request).

A missed acknowledgement tells the officer on duty (and the assigned officer); if it is still missing
HOTLINE_SUPERVISOR_AFTER_MINUTES later, the supervisors. A missed reply likewise. Each message is claimed
with a conditional UPDATE on its escalation level (as healthchecks' sendalerts claims checks), so however many
workers run, each escalation happens once. `now` is passed in, so tests control the clock.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hotline.desk import lifecycle, notifications, roster
from hotline.desk.models import (
    DUTY_OFFICER_TOLD,
    NOT_ESCALATED,
    SUPERVISOR_TOLD,
    Message,
    MessageEvent,
    Notification,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Deadline:
    name: str  # "acknowledgement" / "reply"
    due_field: str
    level_field: str
    states: tuple[str, ...]
    event: str


ACK = _Deadline(
    "acknowledgement", "ack_due_at", "ack_escalation", lifecycle.AWAITING_ACK, Notification.ACK_OVERDUE
)
REPLY = _Deadline(
    "reply", "reply_due_at", "reply_escalation", lifecycle.AWAITING_REPLY, Notification.REPLY_OVERDUE
)


@dataclass
class Escalations:
    """What one run did: message ids per (deadline, level)."""

    done: dict[tuple[str, int], list[str]] = field(default_factory=dict)

    def count(self, deadline: str | None = None, level: int | None = None) -> int:
        return sum(
            len(ids)
            for (name, lvl), ids in self.done.items()
            if (deadline is None or name == deadline) and (level is None or lvl == level)
        )


def check_deadlines(now: datetime | None = None) -> Escalations:
    now = now or timezone.now()
    grace = timedelta(minutes=settings.HOTLINE_SUPERVISOR_AFTER_MINUTES)
    result = Escalations()
    for deadline in (ACK, REPLY):
        for old, new, cutoff in (
            (NOT_ESCALATED, DUTY_OFFICER_TOLD, now),
            (DUTY_OFFICER_TOLD, SUPERVISOR_TOLD, now - grace),
        ):
            due = Message.objects.filter(
                direction__in=[lifecycle.INCOMING, lifecycle.INTERNAL],
                state__in=deadline.states,
                **{deadline.level_field: old, f"{deadline.due_field}__lte": cutoff},
            )
            for pk in due.values_list("pk", flat=True):
                if _escalate(pk, deadline, old, new, now):
                    result.done.setdefault((deadline.name, new), []).append(pk)
    return result


def _escalate(pk: int, deadline: _Deadline, old: int, new: int, now: datetime) -> bool:
    with transaction.atomic():
        claimed = Message.objects.filter(
            pk=pk, state__in=deadline.states, **{deadline.level_field: old}
        ).update(**{deadline.level_field: new})
        if not claimed:
            return False  # another worker escalated it, or it was acknowledged/answered meanwhile
        message = Message.objects.select_related("partner", "assigned_to").get(pk=pk)
        if new == DUTY_OFFICER_TOLD:
            shift = roster.on_duty(now)
            people = [u for u in (shift.officer if shift else None, message.assigned_to) if u is not None]
            told = list({u.pk: u for u in people}.values()) or roster.officers()
            who = "duty officer"
        else:
            told = roster.supervisors()
            who = "supervisors"
        if message.tlp == "red":  # the people told become named recipients, so they can act on it
            message.recipients.add(*told)
        due_at = getattr(message, deadline.due_field)
        text = (
            f"{deadline.name.capitalize()} overdue since {due_at:%Y-%m-%d %H:%M} UTC: "
            + notifications.headline(message)
        )
        names = ", ".join(u.get_username() for u in told) or "nobody"
        notifications.notify(told, deadline.event, message, text, now=now)
        MessageEvent.objects.create(
            message=message, action=MessageEvent.ESCALATED, at=now, by_name="deadline check",
            note=f"{deadline.name} overdue: told the {who} ({names})",
        )  # fmt: skip
    log.info("escalated %s %s to level %s", message.stix_id, deadline.name, new)
    return True
