"""The 24/7 duty roster: shifts, who is on duty now, handover notes.

Shifts may overlap (a handover); the officer on duty is then the one whose shift started last.
"""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from hotline.access import policy, roles
from hotline.desk.errors import DeskError, NotAllowed
from hotline.desk.models import DutyShift


def on_duty(now: datetime | None = None) -> DutyShift | None:
    """The shift on duty at `now` (for the services; the UI calls `who_is_on_duty`)."""
    now = now or timezone.now()
    return (
        DutyShift.objects.select_related("officer")
        .filter(starts_at__lte=now, ends_at__gt=now, officer__is_active=True)
        .order_by("-starts_at", "-pk")
        .first()
    )


def who_is_on_duty(user, now: datetime | None = None) -> DutyShift | None:
    if not policy.can_read_desk(user):
        raise NotAllowed("you may not see the duty roster")
    return on_duty(now)


def shifts(user, start: datetime, end: datetime) -> QuerySet:
    """The shifts that overlap [start, end), in order."""
    if not policy.can_read_desk(user):
        raise NotAllowed("you may not see the duty roster")
    return DutyShift.objects.select_related("officer").filter(starts_at__lt=end, ends_at__gt=start)


def add_shift(user, officer, starts_at: datetime, ends_at: datetime, handover_note: str = "") -> DutyShift:
    if not policy.can_manage_roster(user):
        raise NotAllowed("only supervisors and node admins manage the duty roster")
    if not policy.can_be_on_duty(officer):
        raise DeskError(f"{officer.get_username()} is not an officer or supervisor", field="officer")
    if ends_at <= starts_at:
        raise DeskError("a shift must end after it starts", field="ends_at")
    return DutyShift.objects.create(
        officer=officer, starts_at=starts_at, ends_at=ends_at, handover_note=handover_note, created_by=user
    )


def hand_over(user, shift: DutyShift, note: str) -> DutyShift:
    """Write the handover note of a shift (its officer, or a roster manager)."""
    if user.pk != shift.officer_id and not policy.can_manage_roster(user):
        raise NotAllowed("only the shift's officer or a supervisor writes its handover note")
    shift.handover_note = note
    shift.save(update_fields=["handover_note"])
    return shift


def remove_shift(user, shift: DutyShift) -> None:
    if not policy.can_manage_roster(user):
        raise NotAllowed("only supervisors and node admins manage the duty roster")
    shift.delete()


def supervisors() -> list:
    """Who receives escalations: the active supervisors, else the node admins."""
    users = get_user_model().objects.filter(is_active=True)
    found = list(users.filter(groups__name=roles.SUPERVISOR).distinct())
    return found or list(users.filter(is_superuser=True))


def officers() -> list:
    """Everyone who could be on duty (told about a new message when nobody is)."""
    users = get_user_model().objects.filter(is_active=True)
    return list(users.filter(groups__name__in=roles.roles_with(roles.DESK_DUTY)).distinct())
