"""The programme's verbs. Every write checks the access policy (programme.edit) unless it is done by the
node itself (an actor given as a name: the demo, federation), runs in one transaction and leaves an audit
record."""

from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from hotline.access import policy
from hotline.audit import services as audit
from hotline.programme import joint
from hotline.programme.errors import NotAllowed, ProgrammeError
from hotline.programme.models import (
    INDONESIA,
    OWNER_SIDES,
    SIDES,
    VIETNAM,
    Activity,
    AgreedPoint,
    CooperationRequest,
    Delegation,
    Document,
    Evidence,
    Framework,
    Meeting,
    PointStatusChange,
    RequestEvent,
)

# Which side a node is on, by its name; HOTLINE_PROGRAMME_SIDE (settings.PROGRAMME_SIDE) overrides it.
NODE_SIDES = {"bnpt": INDONESIA, "mps": VIETNAM}


def home_side() -> str:
    side = getattr(settings, "PROGRAMME_SIDE", "") or NODE_SIDES.get(settings.NODE_NAME, INDONESIA)
    if side not in dict(SIDES):
        raise ProgrammeError(f"unknown programme side {side!r}")
    return side


def _name(actor) -> str:
    return actor if isinstance(actor, str) else actor.get_username()


def _require_edit(actor) -> None:
    if not isinstance(actor, str) and not policy.can_edit_programme(actor):
        raise NotAllowed("you may not change the programme")


def _require_read(user) -> None:
    if not policy.can_read_programme(user):
        raise NotAllowed("you may not read the programme")


def _choice(value: str, choices, what: str) -> str:
    if value not in dict(choices):
        raise ProgrammeError(f"unknown {what} {value!r}; one of: {', '.join(dict(choices))}")
    return value


def _text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ProgrammeError(f"{what} is required")
    return value


def _audit(actor, action: str, target: str, **detail) -> None:
    audit.record(f"programme.{action}", actor=actor, target=target, detail=detail)


# --- reading ------------------------------------------------------------------------------------------------


def visible_points(user) -> QuerySet:
    return policy.visible_points(user, AgreedPoint.objects.select_related("meeting"), home_side())


def get_point(user, pk: int) -> AgreedPoint:
    point = visible_points(user).filter(pk=pk).first()
    if point is None:
        raise NotAllowed("no such agreed point")
    return point


def visible_activities(user) -> QuerySet:
    return Activity.objects.filter(point__in=visible_points(user)).select_related("point", "point__meeting")


def visible_requests(user) -> QuerySet:
    if not policy.can_read_programme(user):
        return CooperationRequest.objects.none()
    return CooperationRequest.objects.select_related("point")


def overdue_points(user, today: date) -> QuerySet:
    return visible_points(user).filter(status__in=AgreedPoint.OPEN, due_date__lt=today)


def overdue_requests(user, now: datetime) -> QuerySet:
    return visible_requests(user).filter(status__in=CooperationRequest.PENDING, deadline__lt=now)


def timeline(point: AgreedPoint) -> list[dict]:
    """A point's history and activities (and evidence), oldest first."""
    items = [
        {"at": change.at, "kind": "status", "change": change} for change in point.history.select_related("by")
    ]
    items += [{"at": e.added_at, "kind": "evidence", "evidence": e} for e in point.evidence.all()]
    for activity in point.activities.all():
        when = activity.date or activity.created_at.date()
        at = datetime(when.year, when.month, when.day, tzinfo=timezone.get_current_timezone())
        items.append({"at": at, "kind": "activity", "activity": activity})
    return sorted(items, key=lambda item: item["at"])


# --- the framework and meetings -----------------------------------------------------------------------------


@transaction.atomic
def create_framework(
    actor, title: str, *, scope: str = "", signed_on=None, signed_text: str = ""
) -> Framework:
    _require_edit(actor)
    framework = Framework.objects.create(
        title=_text(title, "the title"), scope=scope, signed_on=signed_on, signed_text=signed_text
    )
    _audit(actor, "framework.create", f"framework/{framework.pk}", title=framework.title)
    return framework


@transaction.atomic
def create_meeting(
    actor,
    code: str,
    title: str,
    *,
    place: str,
    host_side: str,
    date=None,
    date_text: str = "",
    framework: Framework | None = None,
    agenda: str = "",
    minutes: str = "",
    delegations: dict[str, tuple[str, str]] | None = None,
    documents: list[tuple[str, str]] = (),
) -> Meeting:
    """`delegations`: {side: (head, members)}; `documents`: [(title, reference)]."""
    _require_edit(actor)
    code = _text(code, "the meeting code")
    if Meeting.objects.filter(code=code).exists():
        raise ProgrammeError(f"a meeting {code!r} exists already")
    meeting = Meeting.objects.create(
        uid=joint.meeting_uid(code), code=code, title=_text(title, "the title"),
        place=_text(place, "the place"), host_side=_choice(host_side, SIDES, "side"), date=date,
        date_text=date_text, framework=framework,
        agenda=agenda, minutes=minutes,
    )  # fmt: skip
    for side, (head, members) in (delegations or {}).items():
        Delegation.objects.create(
            meeting=meeting, side=_choice(side, SIDES, "side"), head=head, members=members
        )
    for doc_title, reference in documents:
        Document.objects.create(meeting=meeting, title=doc_title, reference=reference)
    _audit(actor, "meeting.create", f"meeting/{meeting.code}", title=meeting.title)
    joint.publish(meeting, actor=_name(actor), note="created")
    return meeting


MEETING_EDITABLE = ("title", "place", "date", "date_text", "host_side", "agenda", "minutes")


@transaction.atomic
def update_meeting(actor, meeting: Meeting, *, note: str = "", **fields) -> Meeting:
    """Change a meeting's details (not its code); the new version reaches the partner."""
    _require_edit(actor)
    unknown = set(fields) - set(MEETING_EDITABLE)
    if unknown:
        raise ProgrammeError(f"unknown meeting field(s): {', '.join(sorted(unknown))}")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    for name in ("title", "place"):
        if name in fields:
            fields[name] = _text(fields[name], f"the {name}")
    if "host_side" in fields:
        _choice(fields["host_side"], SIDES, "side")
    for name, value in fields.items():
        setattr(meeting, name, value if value is not None or name == "date" else "")
    meeting.save()
    _audit(actor, "meeting.edit", f"meeting/{meeting.code}", fields=sorted(fields))
    joint.publish(meeting, actor=_name(actor), note=note.strip())
    return meeting


# --- agreed points ------------------------------------------------------------------------------------------


@transaction.atomic
def create_point(
    actor,
    meeting: Meeting,
    number: int,
    *,
    text_en: str,
    text_id: str,
    text_vi: str,
    owner_side: str = "joint",
    responsible_unit: str = "",
    due_date=None,
    internal_to: str = "",
    now: datetime | None = None,
) -> AgreedPoint:
    _require_edit(actor)
    if AgreedPoint.objects.filter(meeting=meeting, number=number).exists():
        raise ProgrammeError(f"{meeting.code} has a point {number} already")
    if internal_to:
        _choice(internal_to, SIDES, "side")
        if internal_to != home_side():
            raise ProgrammeError("a point internal to the other side cannot be created at this node")
    point = AgreedPoint.objects.create(
        uid=joint.point_uid(meeting.code, number), meeting=meeting, number=number,
        text_en=_text(text_en, "the English text"),
        text_id=_text(text_id, "the Indonesian text"), text_vi=_text(text_vi, "the Vietnamese text"),
        owner_side=_choice(owner_side, OWNER_SIDES, "owner side"), responsible_unit=responsible_unit,
        due_date=due_date, internal_to=internal_to,
    )  # fmt: skip
    PointStatusChange.objects.create(
        point=point, old_status="", new_status=point.status, by=None if isinstance(actor, str) else actor,
        by_name=_name(actor), at=now or timezone.now(), note="agreed",
    )  # fmt: skip
    _audit(actor, "point.create", f"point/{point.uid}", meeting=meeting.code, number=number)
    joint.publish(point, actor=_name(actor), note="agreed")
    return point


POINT_EDITABLE = ("text_en", "text_id", "text_vi", "owner_side", "responsible_unit", "due_date")


@transaction.atomic
def update_point(actor, point: AgreedPoint, *, note: str = "", **fields) -> AgreedPoint:
    """Change a point's text, owner, unit or due date (its status moves with `set_point_status`)."""
    _require_edit(actor)
    unknown = set(fields) - set(POINT_EDITABLE)
    if unknown:
        raise ProgrammeError(f"unknown point field(s): {', '.join(sorted(unknown))}")
    point = AgreedPoint.objects.select_for_update().get(pk=point.pk)
    for name, what in (("text_en", "English"), ("text_id", "Indonesian"), ("text_vi", "Vietnamese")):
        if name in fields:
            fields[name] = _text(fields[name], f"the {what} text")
    if "owner_side" in fields:
        _choice(fields["owner_side"], OWNER_SIDES, "owner side")
    for name, value in fields.items():
        setattr(point, name, value if value is not None or name == "due_date" else "")
    point.save()
    _audit(actor, "point.edit", f"point/{point.uid}", fields=sorted(fields))
    joint.publish(point, actor=_name(actor), note=note.strip())
    return point


@transaction.atomic
def set_point_status(actor, point: AgreedPoint, status: str, *, note: str = "", now=None) -> AgreedPoint:
    """Move a point along its pipeline (AgreedPoint.PIPELINE); the history keeps who, when and why."""
    _require_edit(actor)
    point = AgreedPoint.objects.select_for_update().get(pk=point.pk)
    _choice(status, AgreedPoint.STATUSES, "status")
    if status not in AgreedPoint.PIPELINE[point.status]:
        allowed = ", ".join(AgreedPoint.PIPELINE[point.status]) or "none"
        raise ProgrammeError(f"a point {point.status} cannot become {status} (allowed: {allowed})")
    old = point.status
    point.status = status
    point.save(update_fields=["status", "updated_at"])
    PointStatusChange.objects.create(
        point=point, old_status=old, new_status=status, by=None if isinstance(actor, str) else actor,
        by_name=_name(actor), at=now or timezone.now(), note=note.strip(),
    )  # fmt: skip
    _audit(actor, "point.status", f"point/{point.uid}", old=old, new=status, note=note.strip())
    joint.publish(point, actor=_name(actor), note=note.strip())
    return point


@transaction.atomic
def add_evidence(actor, point: AgreedPoint, kind: str, title: str, reference: str, *, now=None) -> Evidence:
    _require_edit(actor)
    _choice(kind, Evidence.KINDS, "evidence kind")
    reference = _text(reference, "the reference")
    if kind == Evidence.LINK and not (reference.startswith("/") or reference.startswith("https://")):
        raise ProgrammeError("a link is a path in Hotline (/desk/…) or an https:// address")
    evidence = Evidence.objects.create(
        point=point, kind=kind, title=_text(title, "the title"), reference=reference,
        added_by=_name(actor), added_at=now or timezone.now(),
    )  # fmt: skip
    _audit(actor, "point.evidence", f"point/{point.uid}", kind=kind, title=evidence.title)
    return evidence


# --- activities ---------------------------------------------------------------------------------------------

ACTIVITY_FIELDS = (
    "date", "place", "outcomes", "theme", "participants_indonesia", "participants_vietnam", "course",
    "trainers", "hours", "certificates", "topic", "institutions", "milestones", "outputs", "forum",
    "forum_meeting", "joint_position", "follow_ups",
)  # fmt: skip


def _check_activity(kind: str, fields: dict) -> None:
    _choice(kind, Activity.KINDS, "activity kind")
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ProgrammeError(f"unknown activity field(s): {', '.join(sorted(unknown))}")
    for required in Activity.REQUIRED[kind]:
        if not fields.get(required):
            raise ProgrammeError(f"a {kind} activity needs its {required.replace('_', ' ')}")
    if fields.get("forum"):
        _choice(fields["forum"], Activity.FORUMS, "forum")
    for number in ("participants_indonesia", "participants_vietnam", "hours", "certificates"):
        if fields.get(number) is not None and int(fields[number]) < 0:
            raise ProgrammeError(f"{number.replace('_', ' ')} cannot be negative")


@transaction.atomic
def create_activity(actor, point: AgreedPoint, kind: str, title: str, *, now=None, **fields) -> Activity:
    _require_edit(actor)
    _check_activity(kind, fields)
    activity = Activity.objects.create(
        point=point, kind=kind, title=_text(title, "the title"), created_at=now or timezone.now(),
        **{k: v for k, v in fields.items() if v is not None},
    )  # fmt: skip
    _audit(actor, "activity.create", f"activity/{activity.uid}", kind=kind, point=str(point.uid))
    joint.publish(activity, actor=_name(actor), note="created")
    return activity


@transaction.atomic
def update_activity(actor, activity: Activity, *, title: str | None = None, note: str = "", **fields):
    """Change an activity's title and fields (its kind and point stay); the new version reaches the
    partner."""
    _require_edit(actor)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    merged = {name: getattr(activity, name) for name in ACTIVITY_FIELDS}
    merged.update(fields)
    _check_activity(activity.kind, merged)
    if title is not None:
        activity.title = _text(title, "the title")
    for name, value in fields.items():
        nullable = Activity._meta.get_field(name).null
        setattr(activity, name, value if value is not None or nullable else "")
    activity.save()
    _audit(actor, "activity.edit", f"activity/{activity.uid}", fields=sorted(fields))
    joint.publish(activity, actor=_name(actor), note=note.strip())
    return activity


# --- law-enforcement cooperation requests -------------------------------------------------------------------


@transaction.atomic
def create_request(
    actor,
    request_type: str,
    subject: str,
    *,
    requesting_side: str,
    requested_side: str,
    deadline: datetime,
    details: str = "",
    point: AgreedPoint | None = None,
    now=None,
) -> CooperationRequest:
    _require_edit(actor)
    now = now or timezone.now()
    _choice(request_type, CooperationRequest.TYPES, "request type")
    _choice(requesting_side, SIDES, "side")
    _choice(requested_side, SIDES, "side")
    if requesting_side == requested_side:
        raise ProgrammeError("the requesting and requested sides must differ")
    if deadline is None or deadline <= now:
        raise ProgrammeError("the deadline must be in the future")
    request = CooperationRequest.objects.create(
        request_type=request_type, subject=_text(subject, "the subject"), details=details,
        requesting_side=requesting_side, requested_side=requested_side, deadline=deadline, point=point,
        created_at=now,
    )  # fmt: skip
    RequestEvent.objects.create(request=request, new_status=request.status, by_name=_name(actor), at=now)
    _audit(
        actor, "request.create", f"request/{request.uid}", type=request_type, deadline=deadline.isoformat()
    )
    return request


@transaction.atomic
def set_request_status(actor, request: CooperationRequest, status: str, *, note: str = "", now=None):
    _require_edit(actor)
    request = CooperationRequest.objects.select_for_update().get(pk=request.pk)
    _choice(status, CooperationRequest.STATUSES, "status")
    if status not in CooperationRequest.PIPELINE[request.status]:
        allowed = ", ".join(CooperationRequest.PIPELINE[request.status]) or "none"
        raise ProgrammeError(f"a request {request.status} cannot become {status} (allowed: {allowed})")
    old = request.status
    request.status = status
    request.save(update_fields=["status"])
    RequestEvent.objects.create(
        request=request, old_status=old, new_status=status, by_name=_name(actor), at=now or timezone.now(),
        note=note.strip(),
    )  # fmt: skip
    _audit(actor, "request.status", f"request/{request.uid}", old=old, new=status)
    return request
