"""The desk's STIX 2.1 types, declared by extension definitions (new-sdo), and builders for them.

Plain Python (no Django), so scripts and tests can build and check the objects:

hotline-message          an alert, request for information, reply or notice between agencies
hotline-receipt          "your message reached our node" (object_ref, received)
hotline-acknowledgement  "an officer has taken note of your message" (object_ref, acknowledged,
                         acknowledged_by)

Attached files travel as standard `artifact` SCOs (payload_bin, mime_type, hashes SHA-256) referenced from
the message's `attachment_refs` (their file names, which artifacts lack, in `attachment_names`, same order);
attached intelligence is referenced from `object_refs`.
"""

import base64
import re
import uuid
from datetime import datetime

from hotline import stix
from hotline.stix.extensions import PROJECT_IDENTITY, project_id

MESSAGE, RECEIPT, ACKNOWLEDGEMENT = "hotline-message", "hotline-receipt", "hotline-acknowledgement"
KINDS = ("alert", "rfi", "reply", "notice")
BODY_FORMATS = ("text", "markdown")
PRIORITIES = ("flash", "urgent", "routine")
HANDLING_CODES = ("H0", "H1", "H2", "H3")
SOURCE_RELIABILITY = ("A", "B", "C", "D", "E", "F")
INFORMATION_CREDIBILITY = (1, 2, 3, 4, 5, 6)
MAX_SUBJECT = 300

SCHEMA_BASE = "https://hotline.jwg-ct.example/stix/extensions/"
_DEFINED = "2025-06-18T00:00:00.000Z"
_DESCRIPTIONS = {
    MESSAGE: "A Hotline message between counter-terrorism agencies: an alert, a request for information "
    "(rfi), a reply or a notice, with priority (flash, urgent, routine), handling code (H0-H3, as SIENA), "
    "admiralty-scale evaluation, attached intelligence (object_refs) and files (attachment_refs to "
    "artifacts, with attachment_names).",
    RECEIPT: "Confirms that a Hotline message reached the receiving agency's node (object_ref, received).",
    ACKNOWLEDGEMENT: "Confirms that an officer of the receiving agency has taken note of a Hotline message "
    "(object_ref, acknowledged, acknowledged_by).",
}
EXTENSION_IDS = {name: project_id("extension-definition", name) for name in _DESCRIPTIONS}
# A property extension that carries a handling code (H0-H3) on any object, e.g. the intelligence created with
# a message: so a partner and the access policy (policy.handling_code) see the code on the object itself.
HANDLING = "hotline-handling"
HANDLING_EXTENSION_ID = project_id("extension-definition", HANDLING)
_HANDLING_DESCRIPTION = (
    "The handling code (H0-H3, as SIENA) of the object, with handling_text for H3: H0 law-enforcement use "
    "only; H1 not for judicial proceedings without the originator's permission; H2 no further dissemination "
    "without the originator's permission; H3 other restrictions, stated in handling_text."
)
# The namespace STIX 2.1 (section 2.9) fixes for deterministic SCO ids.
SCO_NAMESPACE = uuid.UUID("00abedb4-aa42-466c-9c01-fed23315a9b7")

_ID_RE = re.compile(
    r"[a-z][a-z0-9-]*[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\Z"
)


def definitions() -> list[dict]:
    """The desk's extension-definition objects (fixed ids, created by the Hotline project identity)."""
    return [
        stix.make_extension_definition(
            id=EXTENSION_IDS[name],
            name=name,
            description=description,
            schema_url=SCHEMA_BASE + name + ".json",
            version="1.0.0",
            extension_types=["new-sdo"],
            created_by_ref=PROJECT_IDENTITY["id"],
            created=_DEFINED,
        )
        for name, description in _DESCRIPTIONS.items()
    ] + [
        stix.make_extension_definition(
            id=HANDLING_EXTENSION_ID,
            name=HANDLING,
            description=_HANDLING_DESCRIPTION,
            schema_url=SCHEMA_BASE + HANDLING + ".json",
            version="1.0.0",
            extension_types=["property-extension"],
            created_by_ref=PROJECT_IDENTITY["id"],
            created=_DEFINED,
        )
    ]


def register() -> None:
    """Make the desk's types known to hotline.stix.validate_object (with their property checks)."""
    checks = {
        MESSAGE: check_message, RECEIPT: check_receipt, ACKNOWLEDGEMENT: check_acknowledgement,
        HANDLING: check_handling,
    }  # fmt: skip
    for definition in definitions():
        stix.register_extension(definition, checks[definition["name"]])


# --- builders ---------------------------------------------------------------------------------------------


def _sdo(
    type_name: str, object_id: str, created: datetime, created_by_ref: str, tlp: str, props: dict
) -> dict:
    timestamp = stix.format_timestamp(created)
    obj = {
        "type": type_name,
        "spec_version": "2.1",
        "id": object_id,
        "created": timestamp,
        "modified": timestamp,
        "created_by_ref": created_by_ref,
        **{k: v for k, v in props.items() if v not in (None, "", [], ())},
        "extensions": {EXTENSION_IDS[type_name]: {"extension_type": "new-sdo"}},
    }
    return stix.mark(obj, tlp)


def message_object(
    *,
    created: datetime,
    created_by_ref: str,
    kind: str,
    subject: str,
    body: str,
    priority: str,
    tlp: str,
    body_format: str = "text",
    lang: str = "",
    handling_code: str = "H0",
    handling_text: str = "",
    source_reliability: str = "",
    information_credibility: int | None = None,
    addressee_ref: str | None = None,
    in_reply_to_ref: str | None = None,
    object_refs: list[str] = (),
    attachment_refs: list[str] = (),
    attachment_names: list[str] = (),
    object_id: str | None = None,
) -> dict:
    """`attachment_names[i]` is the file name of the artifact `attachment_refs[i]` (artifacts carry none)."""
    props = {
        "kind": kind,
        "subject": subject,
        "body": body,
        "body_format": body_format,
        "lang": lang,
        "priority": priority,
        "handling_code": handling_code,
        "handling_text": handling_text if handling_code == "H3" else "",
        "source_reliability": source_reliability,
        "information_credibility": information_credibility,
        "addressee_ref": addressee_ref,
        "in_reply_to_ref": in_reply_to_ref,
        "object_refs": list(object_refs),
        "attachment_refs": list(attachment_refs),
        "attachment_names": list(attachment_names),
    }
    return _sdo(MESSAGE, object_id or f"{MESSAGE}--{uuid.uuid4()}", created, created_by_ref, tlp, props)


def _derived_id(type_name: str, *parts: str) -> str:
    return project_id(type_name, "/".join(parts))


def receipt_object(*, message_id: str, received: datetime, created_by_ref: str, tlp: str) -> dict:
    """One receipt per message and receiving agency (a fixed id, so a repeated receipt is one object)."""
    object_id = _derived_id(RECEIPT, message_id, created_by_ref)
    props = {"object_ref": message_id, "received": stix.format_timestamp(received)}
    return _sdo(RECEIPT, object_id, received, created_by_ref, tlp, props)


def acknowledgement_object(
    *, message_id: str, acknowledged: datetime, acknowledged_by: str, created_by_ref: str, tlp: str
) -> dict:
    object_id = _derived_id(ACKNOWLEDGEMENT, message_id, created_by_ref)
    props = {
        "object_ref": message_id,
        "acknowledged": stix.format_timestamp(acknowledged),
        "acknowledged_by": acknowledged_by,
    }
    return _sdo(ACKNOWLEDGEMENT, object_id, acknowledged, created_by_ref, tlp, props)


def with_handling(obj: dict, code: str, text: str = "") -> dict:
    """A copy of `obj` carrying a handling code in the hotline-handling property extension."""
    extension = {"extension_type": "property-extension", "handling_code": code}
    if code == "H3" and text:
        extension["handling_text"] = text
    return {**obj, "extensions": {**obj.get("extensions", {}), HANDLING_EXTENSION_ID: extension}}


def artifact_object(data: bytes, *, mime_type: str, sha256: str, tlp: str) -> dict:
    """An `artifact` SCO carrying a file; its id is the STIX 2.1 deterministic id (UUIDv5 over hashes and
    payload_bin, as the stix2 library computes it)."""
    payload = base64.b64encode(data).decode("ascii")
    hashes = {"SHA-256": sha256}
    name = stix.canonical_json({"hashes": hashes, "payload_bin": payload}).decode("utf-8")
    obj = {
        "type": "artifact",
        "spec_version": "2.1",
        "id": f"artifact--{uuid.uuid5(SCO_NAMESPACE, name)}",
        "mime_type": mime_type,
        "payload_bin": payload,
        "hashes": hashes,
    }
    return stix.mark(obj, tlp)


# --- checks (run by hotline.stix.validate_object on every object of these types) ----------------------------


def _is_id(value, type_name: str | None = None) -> bool:
    return (
        isinstance(value, str)
        and bool(_ID_RE.match(value))
        and (type_name is None or value.startswith(type_name + "--"))
    )


def _is_timestamp(value) -> bool:
    try:
        stix.parse_timestamp(value)
    except stix.StixError:
        return False
    return True


def _one_of(obj: dict, name: str, allowed, problems: list[str], *, required: bool = True) -> None:
    if name not in obj:
        if required:
            problems.append(f"missing required property '{name}'")
        return
    if obj[name] not in allowed or isinstance(obj[name], bool):
        problems.append(
            f"property '{name}' must be one of {', '.join(map(str, allowed))}, got {obj[name]!r:.40}"
        )


def check_message(obj: dict) -> list[str]:
    if obj.get("type") != MESSAGE:
        return []
    problems: list[str] = []
    _one_of(obj, "kind", KINDS, problems)
    _one_of(obj, "priority", PRIORITIES, problems)
    _one_of(obj, "body_format", BODY_FORMATS, problems, required=False)
    _one_of(obj, "handling_code", HANDLING_CODES, problems, required=False)
    _one_of(obj, "source_reliability", SOURCE_RELIABILITY, problems, required=False)
    _one_of(obj, "information_credibility", INFORMATION_CREDIBILITY, problems, required=False)
    subject = obj.get("subject")
    if not isinstance(subject, str) or not subject.strip() or len(subject) > MAX_SUBJECT:
        problems.append(f"property 'subject' must be a non-empty string of at most {MAX_SUBJECT} characters")
    if not isinstance(obj.get("body", ""), str):
        problems.append("property 'body' must be a string")
    if obj.get("handling_code") == "H3" and not isinstance(obj.get("handling_text"), str):
        problems.append("handling code H3 needs property 'handling_text' (the restriction, in words)")
    if "handling_text" in obj and obj.get("handling_code") != "H3":
        problems.append("property 'handling_text' is only used with handling code H3")
    if "addressee_ref" in obj and not _is_id(obj["addressee_ref"], "identity"):
        problems.append("property 'addressee_ref' must be the id of an identity")
    if "in_reply_to_ref" in obj and not _is_id(obj["in_reply_to_ref"], MESSAGE):
        problems.append(f"property 'in_reply_to_ref' must be the id of a {MESSAGE}")
    if obj.get("kind") == "reply" and "in_reply_to_ref" not in obj:
        problems.append("a reply needs property 'in_reply_to_ref'")
    for name, type_name in (("object_refs", None), ("attachment_refs", "artifact")):
        refs = obj.get(name, [])
        if not isinstance(refs, list) or not all(_is_id(ref, type_name) for ref in refs):
            problems.append(f"property '{name}' must be a list of {type_name or 'STIX'} ids")
    names = obj.get("attachment_names")
    if names is not None and (
        not isinstance(names, list)
        or not all(isinstance(n, str) for n in names)
        or len(names) != len(obj.get("attachment_refs", []))
    ):
        problems.append(
            "property 'attachment_names' must be a list of strings, one per attachment_refs entry"
        )
    return problems


def check_handling(obj: dict) -> list[str]:
    extension = obj.get("extensions", {}).get(HANDLING_EXTENSION_ID)
    if not isinstance(extension, dict):
        return ["the hotline-handling extension must be an object"]
    problems: list[str] = []
    if extension.get("extension_type") != "property-extension":
        problems.append("the hotline-handling extension's extension_type must be 'property-extension'")
    _one_of(extension, "handling_code", HANDLING_CODES, problems)
    if "handling_text" in extension and (
        extension.get("handling_code") != "H3" or not isinstance(extension["handling_text"], str)
    ):
        problems.append(
            "the hotline-handling extension's handling_text is a string, only with handling code H3"
        )
    return problems


def _check_reference_object(obj: dict, type_name: str, time_property: str) -> list[str]:
    if obj.get("type") != type_name:
        return []
    problems = []
    if not _is_id(obj.get("object_ref"), MESSAGE):
        problems.append(f"property 'object_ref' must be the id of a {MESSAGE}")
    if not _is_timestamp(obj.get(time_property)):
        problems.append(f"property '{time_property}' must be a timestamp")
    if not _is_id(obj.get("created_by_ref"), "identity"):
        problems.append("property 'created_by_ref' (the agency that confirms) is required")
    return problems


def check_receipt(obj: dict) -> list[str]:
    return _check_reference_object(obj, RECEIPT, "received")


def check_acknowledgement(obj: dict) -> list[str]:
    problems = _check_reference_object(obj, ACKNOWLEDGEMENT, "acknowledged")
    if obj.get("type") == ACKNOWLEDGEMENT and not isinstance(obj.get("acknowledged_by", ""), str):
        problems.append("property 'acknowledged_by' must be a string")
    return problems
