"""The compose form's intelligence picker: find stored STIX objects the user may read, and build new ones
(threat actor, campaign, indicator, location, identity, report …) to attach. send() validates what it gets."""

import uuid
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from hotline import stix
from hotline.access import policy

# The types the compose form offers to create.
CREATABLE_TYPES = (
    "threat-actor", "intrusion-set", "campaign", "indicator", "malware", "tool", "attack-pattern",
    "location", "identity", "report", "note",
)  # fmt: skip


def find_intel(user, query: str = "", *, types=(), limit: int = 20) -> list[dict]:
    """The newest version of stored objects the user may read whose JSON contains `query` (any case), of
    the given types; newest first. For the picker: each row has id, type, name, TLP and handling code."""
    entries = (
        policy.readable_entries(user)
        .filter(is_latest=True)
        .exclude(type__in=["marking-definition", "extension-definition", "hotline-message"])
    )
    if types:
        entries = entries.filter(type__in=list(types))
    if query.strip():
        for term in query.split():
            entries = entries.filter(Q(obj__body__icontains=term))
    rows, seen = [], set()
    for stix_id, body in entries.order_by("-date_added").values_list("stix_id", "obj__body")[: limit * 3]:
        if stix_id in seen:
            continue
        seen.add(stix_id)
        obj = stix.loads(body)
        rows.append(
            {
                "id": stix_id,
                "type": obj["type"],
                "name": obj.get("name") or obj.get("abstract") or obj.get("value") or stix_id,
                "tlp": stix.tlp_level(obj) or "",
                "handling": policy.handling_code(obj),
            }
        )
        if len(rows) == limit:
            break
    return rows


def build_object(type_name: str, properties: dict, *, now: datetime | None = None) -> dict:
    """A new STIX object of a creatable type from the form's properties (validated later by send())."""
    if type_name not in CREATABLE_TYPES:
        raise ValueError(f"cannot create a {type_name!r} here; one of {', '.join(CREATABLE_TYPES)}")
    timestamp = stix.format_timestamp(now or timezone.now())
    obj = {
        "type": type_name,
        "spec_version": "2.1",
        "id": f"{type_name}--{uuid.uuid4()}",
        "created": timestamp,
        "modified": timestamp,
    }
    if type_name == "indicator":
        obj.setdefault("pattern_type", "stix")
        obj.setdefault("valid_from", timestamp)
    obj.update({k: v for k, v in properties.items() if v not in (None, "", [])})
    return obj
