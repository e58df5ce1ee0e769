"""Deadline escalation of law-enforcement cooperation requests, as the desk's (hotline.desk.escalation):
run by the worker every minute. A request still pending at its deadline tells the secretariat (everyone
with programme.edit); if still pending HOTLINE_SUPERVISOR_AFTER_MINUTES later, the supervisors. Each
step is claimed with a conditional UPDATE on the escalation level, so it happens once however many
workers run. `now` is passed in, so tests control the clock."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from hotline.access import roles
from hotline.desk import notifications, roster
from hotline.desk.models import Notification
from hotline.programme.models import CooperationRequest, RequestEvent

log = logging.getLogger(__name__)
REQUEST_OVERDUE = Notification.REQUEST_OVERDUE  # the Notification event


def secretariat() -> list:
    users = get_user_model().objects.filter(is_active=True)
    found = list(users.filter(groups__name__in=roles.roles_with(roles.PROGRAMME_EDIT)).distinct())
    return found or list(users.filter(is_superuser=True))


def check_deadlines(now: datetime | None = None) -> dict[int, list[int]]:
    """Escalate overdue requests; returns {level reached: [request ids]}."""
    now = now or timezone.now()
    grace = timedelta(minutes=settings.HOTLINE_SUPERVISOR_AFTER_MINUTES)
    done: dict[int, list[int]] = {}
    for old, new, cutoff in (
        (CooperationRequest.NOT_ESCALATED, CooperationRequest.SECRETARIAT_TOLD, now),
        (CooperationRequest.SECRETARIAT_TOLD, CooperationRequest.SUPERVISORS_TOLD, now - grace),
    ):
        due = CooperationRequest.objects.filter(
            status__in=CooperationRequest.PENDING, escalation=old, deadline__lte=cutoff
        )
        for pk in due.values_list("pk", flat=True):
            if _escalate(pk, old, new, now):
                done.setdefault(new, []).append(pk)
    return done


def _escalate(pk: int, old: int, new: int, now: datetime) -> bool:
    with transaction.atomic():
        claimed = CooperationRequest.objects.filter(
            pk=pk, status__in=CooperationRequest.PENDING, escalation=old
        ).update(escalation=new)
        if not claimed:
            return False
        request = CooperationRequest.objects.get(pk=pk)
        told = secretariat() if new == CooperationRequest.SECRETARIAT_TOLD else roster.supervisors()
        who = "secretariat" if new == CooperationRequest.SECRETARIAT_TOLD else "supervisors"
        text = (
            f"Law-enforcement request overdue since {request.deadline:%Y-%m-%d %H:%M} UTC: "
            f"{request.get_request_type_display()} requested of {request.requested_side}: {request.subject}"
        )
        notifications.notify(told, REQUEST_OVERDUE, None, text, now=now)
        names = ", ".join(u.get_username() for u in told) or "nobody"
        RequestEvent.objects.create(
            request=request,
            by_name="deadline check",
            at=now,
            note=f"deadline passed: told the {who} ({names})",
        )
    log.info("escalated programme request %s to level %s", pk, new)
    return True
