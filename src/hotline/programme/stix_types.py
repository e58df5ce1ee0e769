"""The JWG programme's jointly-owned records as STIX 2.1 objects of project types (new-sdo, each declared by
an extension definition authored by the Hotline project identity). Plain Python (no Django).

hotline-jwg-meeting    a JWG meeting: code, title, place, date / date_text, host_side, agenda, minutes,
                       delegations [{side, head, members}], documents [{title, reference}]
hotline-agreed-point   an agreed point: meeting_ref, meeting_code, number, text_en / text_id / text_vi,
                       owner_side, responsible_unit, due_date, status
hotline-jwg-activity   an activity: point_ref, kind, title and the fields of its kind

Every version also says who made it and where: `edited_by` (the person's user name), `edited_by_ref` (the
identity of the node where the edit was made) and `edit_note`. The record is the same on both nodes: its id
stays, each edit is a new version (a later `modified`), and the newer version wins at both nodes.
"""

import re
from datetime import date, datetime

from hotline import stix
from hotline.stix.extensions import PROJECT_IDENTITY, project_id

MEETING = "hotline-jwg-meeting"
POINT = "hotline-agreed-point"
ACTIVITY = "hotline-jwg-activity"
TYPES = (MEETING, POINT, ACTIVITY)  # in the order a partner must file them (a point needs its meeting)
SCHEMA_BASE = "https://hotline.jwg-ct.example/stix/extensions/"
_DEFINED = "2025-06-18T00:00:00.000Z"
EXTENSION_IDS = {name: project_id("extension-definition", name) for name in TYPES}
SIDES = ("indonesia", "vietnam")
OWNER_SIDES = (*SIDES, "joint")
POINT_STATUSES = ("agreed", "in_progress", "blocked", "done", "cancelled")
ACTIVITY_KINDS = ("workshop", "training", "research", "forum")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DESCRIPTIONS = {
    MEETING: "A meeting of the Indonesia-Viet Nam Joint Working Group on Counter-Terrorism, jointly owned by "
    "both nodes: code, title, place, date, host side, agenda, minutes, delegations and documents.",
    POINT: "A point agreed at a JWG meeting, jointly owned by both nodes: its text in English, Indonesian "
    "and Vietnamese, owner side, responsible unit, due date and status.",
    ACTIVITY: "An activity of the JWG programme serving an agreed point (seminar or workshop, training, "
    "joint research, multilateral forum), jointly owned by both nodes.",
}
EDIT_PROPERTIES = ("edited_by", "edited_by_ref", "edit_note")


def definitions() -> list[dict]:
    return [
        stix.make_extension_definition(
            id=EXTENSION_IDS[name],
            name=name,
            description=_DESCRIPTIONS[name],
            schema_url=SCHEMA_BASE + name + ".json",
            version="1.0.0",
            extension_types=["new-sdo"],
            created_by_ref=PROJECT_IDENTITY["id"],
            created=_DEFINED,
        )  # fmt: skip
        for name in TYPES
    ]


def register() -> None:
    for definition in definitions():
        stix.register_extension(definition, check_object)


def stix_id(type_name: str, uid) -> str:
    return f"{type_name}--{uid}"


def _day(value) -> str | None:
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, date) else (value or None)


def make_object(
    type_name: str,
    *,
    uid,
    created: datetime,
    modified: datetime,
    created_by_ref: str,
    edited_by: str,
    edited_by_ref: str,
    edit_note: str = "",
    properties: dict,
) -> dict:
    obj = {
        "type": type_name,
        "spec_version": "2.1",
        "id": stix_id(type_name, uid),
        "created": stix.format_timestamp(created),
        "modified": stix.format_timestamp(max(modified, created)),
        "created_by_ref": created_by_ref,
        **{k: _day(v) if k in ("date", "due_date") else v for k, v in properties.items()},
        "edited_by": edited_by,
        "edited_by_ref": edited_by_ref,
        "edit_note": edit_note,
        "extensions": {EXTENSION_IDS[type_name]: {"extension_type": "new-sdo"}},
    }
    obj = {k: v for k, v in obj.items() if v not in (None, "", [])}
    return stix.mark(obj, "amber")


def _strings(obj: dict, names, problems: list[str]) -> None:
    for name in names:
        if name in obj and not isinstance(obj[name], str):
            problems.append(f"property '{name}' must be a string")


def check_object(obj: dict) -> list[str]:
    kind = obj.get("type")
    if kind not in TYPES:
        return []
    problems: list[str] = []
    if not isinstance(obj.get("edited_by"), str) or not obj["edited_by"]:
        problems.append("property 'edited_by' (who made this version) is required")
    if not isinstance(obj.get("edited_by_ref"), str) or not obj["edited_by_ref"].startswith("identity--"):
        problems.append("property 'edited_by_ref' (the node where it was made) must be an identity id")
    for name in ("date", "due_date"):
        if name in obj and not (isinstance(obj[name], str) and _DATE.match(obj[name])):
            problems.append(f"property '{name}' must be a date YYYY-MM-DD")
    _strings(obj, ("title", "place", "agenda", "minutes", "edit_note", "responsible_unit"), problems)
    if kind == MEETING:
        for name in ("code", "title", "place"):
            if not isinstance(obj.get(name), str) or not obj[name]:
                problems.append(f"property '{name}' is required")
        if obj.get("host_side") not in SIDES:
            problems.append(f"property 'host_side' must be one of {', '.join(SIDES)}")
        for name, keys in (("delegations", ("side", "head")), ("documents", ("title",))):
            rows = obj.get(name, [])
            if not isinstance(rows, list) or not all(
                isinstance(row, dict) and all(isinstance(row.get(k), str) for k in keys) for row in rows
            ):
                problems.append(f"property '{name}' must be a list of objects with {', '.join(keys)}")
    elif kind == POINT:
        if not str(obj.get("meeting_ref", "")).startswith(MEETING + "--"):
            problems.append(f"property 'meeting_ref' must be a {MEETING} id")
        if type(obj.get("number")) is not int or obj["number"] < 1:
            problems.append("property 'number' must be a positive integer")
        for name in ("meeting_code", "text_en", "text_id", "text_vi"):
            if not isinstance(obj.get(name), str) or not obj[name]:
                problems.append(f"property '{name}' is required")
        if obj.get("owner_side") not in OWNER_SIDES:
            problems.append(f"property 'owner_side' must be one of {', '.join(OWNER_SIDES)}")
        if obj.get("status") not in POINT_STATUSES:
            problems.append(f"property 'status' must be one of {', '.join(POINT_STATUSES)}")
    else:
        if not str(obj.get("point_ref", "")).startswith(POINT + "--"):
            problems.append(f"property 'point_ref' must be a {POINT} id")
        if obj.get("kind") not in ACTIVITY_KINDS:
            problems.append(f"property 'kind' must be one of {', '.join(ACTIVITY_KINDS)}")
        if not isinstance(obj.get("title"), str) or not obj["title"]:
            problems.append("property 'title' is required")
        for name in ("participants_indonesia", "participants_vietnam", "hours", "certificates"):
            if name in obj and (type(obj[name]) is not int or obj[name] < 0):
                problems.append(f"property '{name}' must be a non-negative integer")
    return problems
