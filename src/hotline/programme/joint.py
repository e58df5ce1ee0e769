"""Jointly-owned records: meetings, agreed points (unless internal to one side) and activities are the same
records on both nodes. Each change makes a new version of the record's STIX object (`stix_types`), stored in
the node's `programme` collection through intel and shared with the partners through federation (signed,
pushed and pulled like every other object, under the access policy's sharing rules). A version arriving from
a partner (federation's `objects_received`) is kept in the record's history (`JointVersion`: who, which node,
when) and applied if it is newer than the version the record holds: the newer `modified` wins at both nodes
(equal times: the greater editing node identity), and the losing version of a concurrent edit stays in the
history, so nothing is lost."""

import logging
import uuid
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hotline import stix
from hotline.audit import services as audit
from hotline.federation import services as federation
from hotline.federation.models import Partner
from hotline.intel import services as intel
from hotline.programme import stix_types
from hotline.programme.models import (
    Activity,
    AgreedPoint,
    Delegation,
    Document,
    JointVersion,
    Meeting,
    PointStatusChange,
)
from hotline.stix.extensions import PROJECT_NAMESPACE
from hotline.stix.signatures import SIGNATURE_EXTENSION_ID

log = logging.getLogger(__name__)
PROGRAMME_COLLECTION = "programme"
MODELS = {stix_types.MEETING: Meeting, stix_types.POINT: AgreedPoint, stix_types.ACTIVITY: Activity}
TYPE_OF = {model: name for name, model in MODELS.items()}
MEETING_FIELDS = ("code", "title", "place", "date", "date_text", "host_side", "agenda", "minutes")
POINT_FIELDS = (
    "number",
    "text_en",
    "text_id",
    "text_vi",
    "owner_side",
    "responsible_unit",
    "due_date",
    "status",
)
ACTIVITY_FIELDS = (
    "kind", "title", "date", "place", "outcomes", "theme", "participants_indonesia", "participants_vietnam",
    "course", "trainers", "hours", "certificates", "topic", "institutions", "milestones", "outputs", "forum",
    "forum_meeting", "joint_position", "follow_ups",
)  # fmt: skip
_NULLABLE = {"date", "due_date", "participants_indonesia", "participants_vietnam", "hours", "certificates"}


def meeting_uid(code: str) -> uuid.UUID:
    """A meeting's id follows from its code, so both nodes that record JWG-2 hold the same record."""
    return uuid.uuid5(PROJECT_NAMESPACE, f"jwg-meeting/{code}")


def point_uid(meeting_code: str, number: int) -> uuid.UUID:
    return uuid.uuid5(PROJECT_NAMESPACE, f"agreed-point/{meeting_code}/{number}")


def programme_collection():
    """Where the node keeps the STIX form of the programme's jointly-owned records. No role is granted on it:
    people read the programme through its pages, partners through their outbound collections."""
    return intel.create_collection(PROGRAMME_COLLECTION, "JWG programme", "Jointly-owned programme records")


def stix_id(record) -> str:
    return stix_types.stix_id(TYPE_OF[type(record)], record.uid)


def is_joint(record) -> bool:
    """Meetings concern both sides; a point (and its activities) internal to one side stays at its node."""
    if isinstance(record, Meeting):
        return True
    point = record if isinstance(record, AgreedPoint) else record.point
    return not point.internal_to


def _properties(record) -> dict:
    if isinstance(record, Meeting):
        return {
            **{name: getattr(record, name) for name in MEETING_FIELDS},
            "delegations": [
                {"side": d.side, "head": d.head, "members": d.members} for d in record.delegations.all()
            ],
            "documents": [{"title": d.title, "reference": d.reference} for d in record.documents.all()],
        }
    if isinstance(record, AgreedPoint):
        return {
            "meeting_ref": stix_id(record.meeting),
            "meeting_code": record.meeting.code,
            **{name: getattr(record, name) for name in POINT_FIELDS},
        }
    return {"point_ref": stix_id(record.point), **{name: getattr(record, name) for name in ACTIVITY_FIELDS}}


def _millis(moment: datetime) -> datetime:
    return stix.parse_timestamp(stix.format_timestamp(moment))


def _unsigned(obj: dict) -> dict:
    extensions = {k: v for k, v in obj.get("extensions", {}).items() if k != SIGNATURE_EXTENSION_ID}
    return {**obj, "extensions": extensions}


def _node_name(identity: str) -> str:
    if identity == federation.node_identity_id():
        return settings.NODE_NAME
    partner = Partner.objects.filter(identity_id=identity).first()
    return partner.name if partner else identity


def publish(record, *, actor: str, note: str = "") -> dict | None:
    """Make the record's next version (later than the one it holds), keep it in the history and the
    `programme` collection, and share it with every active partner. Called inside the service's transaction
    after the change is saved. A record that is not joint makes no version."""
    if not is_joint(record):
        return None
    home = federation.node_identity_id()
    modified = _millis(timezone.now())
    if record.stix_modified and modified <= record.stix_modified:
        modified = record.stix_modified + timedelta(milliseconds=1)
    created_by = record.created_by_ref or home
    type(record).objects.filter(pk=record.pk).update(stix_modified=modified, created_by_ref=created_by)
    record.stix_modified, record.created_by_ref = modified, created_by
    first = JointVersion.objects.filter(stix_id=stix_id(record)).order_by("modified").first()
    obj = stix_types.make_object(
        TYPE_OF[type(record)], uid=record.uid, created=first.modified if first else modified,
        modified=modified, created_by_ref=created_by, edited_by=actor, edited_by_ref=home, edit_note=note,
        properties=_properties(record),
    )  # fmt: skip
    stored = intel.add_objects(programme_collection(), [obj])
    if stored.failures:
        raise ValueError("; ".join(f.message for f in stored.failures))
    JointVersion.objects.create(
        stix_id=obj["id"], modified=modified, node=settings.NODE_NAME, by_name=actor, note=note, body=obj,
        recorded_at=timezone.now(),
    )  # fmt: skip
    along = _parents(record)
    for partner in Partner.objects.filter(active=True):
        federation.share(partner, [*along, obj])
    return obj


def _parents(record) -> list[dict]:
    """The current versions of the records this one refers to (a point's meeting, an activity's point and
    meeting), sent along with a new record so the partner can file it even if it never had them."""
    if isinstance(record, Meeting):
        return []
    parents = [record.meeting] if isinstance(record, AgreedPoint) else [record.point.meeting, record.point]
    found = []
    for parent in parents:
        version = JointVersion.objects.filter(stix_id=stix_id(parent), modified=parent.stix_modified).first()
        if version is not None:
            found.append(version.body)
    return found


def history(record) -> list[JointVersion]:
    return list(JointVersion.objects.filter(stix_id=stix_id(record)))


# --- receiving ----------------------------------------------------------------------------------------------


def on_objects_received(sender: Partner, objects: list[dict], **kwargs) -> None:
    receive_objects(objects, partner=sender)


def receive_objects(objects: list[dict], *, partner: Partner) -> int:
    """File the programme's objects among `objects` (meetings, then points, then activities). One bad object
    is logged and skipped. Returns how many versions were recorded."""
    recorded = 0
    for type_name in stix_types.TYPES:
        for obj in objects:
            if not isinstance(obj, dict) or obj.get("type") != type_name:
                continue
            try:
                recorded += bool(receive_version(obj, partner))
            except (ValueError, KeyError, TypeError) as exc:
                log.warning("from %s: %s not filed: %s", partner.name, obj.get("id"), exc)
    return recorded


def _value(name: str, value):
    if name in ("date", "due_date") and value:
        return date.fromisoformat(value)
    if value is None and name not in _NULLABLE:
        return ""
    return value


def _uid(obj: dict) -> uuid.UUID:
    return uuid.UUID(obj["id"].split("--", 1)[1])


def _wins(obj: dict, modified: datetime, record) -> bool:
    if record.stix_modified is None or modified > record.stix_modified:
        return True
    if modified < record.stix_modified:
        return False
    held = JointVersion.objects.filter(stix_id=obj["id"], modified=modified).first()
    return held is None or obj["edited_by_ref"] > held.body.get("edited_by_ref", "")


@transaction.atomic
def receive_version(obj: dict, partner: Partner) -> JointVersion | None:
    problems = stix.validate_object(obj)
    if problems:
        raise ValueError("; ".join(problems))
    obj = _unsigned(obj)
    modified = stix.parse_timestamp(obj["modified"])
    if JointVersion.objects.filter(stix_id=obj["id"], modified=modified).exists():
        return None  # this version is known (ours come back, a partner may send one twice)
    model = MODELS[obj["type"]]
    record = model.objects.select_for_update().filter(uid=_uid(obj)).first()
    node = _node_name(obj["edited_by_ref"])
    by_name = obj["edited_by"]
    applied = record is None or _wins(obj, modified, record)
    if applied:
        record = _apply(obj, record, modified, f"{by_name} ({node})")
    version = JointVersion.objects.create(
        stix_id=obj["id"], modified=modified, node=node, by_name=by_name, note=obj.get("edit_note", ""),
        body=obj, superseded=not applied, recorded_at=timezone.now(),
    )  # fmt: skip
    audit.record(
        "programme.joint.receive", actor=partner.name, target=obj["id"],
        detail={"modified": obj["modified"], "node": node, "by": by_name, "applied": applied},
    )  # fmt: skip
    return version


def _apply(obj: dict, record, modified: datetime, who: str):
    kind = obj["type"]
    common = {"stix_modified": modified, "created_by_ref": obj["created_by_ref"]}
    if kind == stix_types.MEETING:
        fields = {name: _value(name, obj.get(name)) for name in MEETING_FIELDS}
        if record is None:
            record = Meeting.objects.create(uid=_uid(obj), **fields, **common)
        else:
            Meeting.objects.filter(pk=record.pk).update(**fields, **common)
        record.delegations.all().delete()
        record.documents.all().delete()
        for row in obj.get("delegations", []):
            Delegation.objects.create(meeting=record, side=row["side"], head=row["head"],
                                      members=row.get("members", ""))  # fmt: skip
        for row in obj.get("documents", []):
            Document.objects.create(meeting=record, title=row["title"], reference=row.get("reference", ""))
        return record
    if kind == stix_types.POINT:
        meeting = Meeting.objects.filter(uid=_uid({"id": obj["meeting_ref"]})).first()
        if meeting is None:
            raise ValueError(f"its meeting {obj['meeting_ref']} is not known here")
        if record is not None and record.internal_to:
            raise ValueError(
                f"{record} is internal to this node; the partner's point of that number is not filed"
            )
        fields = {name: _value(name, obj.get(name)) for name in POINT_FIELDS}
        old_status = "" if record is None else record.status
        if record is None:
            record = AgreedPoint.objects.create(uid=_uid(obj), meeting=meeting, **fields, **common)
        else:
            AgreedPoint.objects.filter(pk=record.pk).update(meeting=meeting, **fields, **common)
        if fields["status"] != old_status:
            PointStatusChange.objects.create(
                point=record, old_status=old_status, new_status=fields["status"], by_name=who, at=modified,
                note=obj.get("edit_note", ""),
            )  # fmt: skip
        return record
    point = AgreedPoint.objects.filter(uid=_uid({"id": obj["point_ref"]})).first()
    if point is None:
        raise ValueError(f"its point {obj['point_ref']} is not known here")
    fields = {name: _value(name, obj.get(name)) for name in ACTIVITY_FIELDS}
    if record is None:
        return Activity.objects.create(uid=_uid(obj), point=point, created_at=modified, **fields, **common)
    Activity.objects.filter(pk=record.pk).update(point=point, **fields, **common)
    return record
