"""The federation app's verbs (issue 3's part): partners, their deadline agreements, what is shared with them.

Sharing means placing STIX objects in the partner's outbound collection; issue 4 pushes that collection to
the partner and lets the partner's node pull it.
"""

import re
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction

from hotline import stix
from hotline.access import services as access
from hotline.federation.models import OUTBOUND_PREFIX, PRIORITIES, Partner
from hotline.intel import queries
from hotline.intel import services as intel
from hotline.intel.models import Collection
from hotline.stix.extensions import PROJECT_EXTENSIONS, PROJECT_IDENTITY, project_id

NAME_RE = re.compile(r"[a-z][a-z0-9-]{1,49}\Z")
RESERVED_NAMES = frozenset({"internal", "home", "all"})
_DURATION_RE = re.compile(r"(\d+)([smhd])\Z")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


class PartnerError(ValueError):
    """A partner request that cannot be carried out, with a message for the person who made it."""


def node_identity_id(name: str | None = None) -> str:
    """The STIX identity id of a node: node.json's `identity_id` for this node, else derived from its name
    (so a partner can compute it from the name alone)."""
    if name is None:
        configured = settings.NODE.get("identity_id")
        if configured:
            return configured
        name = settings.NODE_NAME
    return project_id("identity", f"node/{name}")


def home_identity() -> dict:
    """This node's STIX identity object: the stored one if any (the demo stores a richer one), else a
    minimal one built from the node's title."""
    identity_id = node_identity_id()
    stored = queries.latest_objects([identity_id]).get(identity_id)
    if stored is not None:
        return stored
    return {
        "type": "identity",
        "spec_version": "2.1",
        "id": identity_id,
        "created": "2025-06-18T00:00:00.000Z",
        "modified": "2025-06-18T00:00:00.000Z",
        "name": settings.NODE_TITLE,
        "identity_class": "organization",
    }


def parse_duration(text: str) -> timedelta:
    """'90s', '15m', '2h', '7d' -> timedelta."""
    match = _DURATION_RE.match(text.strip())
    if not match or int(match.group(1)) == 0:
        raise PartnerError(
            f"{text!r} is not a duration (a positive number and s, m, h or d, e.g. 15m, 2h, 7d)"
        )
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def format_duration(value: timedelta) -> str:
    """timedelta -> the largest whole unit: '15m', '2h', '7d', '90s'."""
    seconds = int(value.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def parse_deadline(spec: str) -> tuple[str, timedelta, timedelta]:
    """'flash=15m/2h' -> ("flash", 15 minutes, 2 hours)."""
    priority, sep, durations = spec.partition("=")
    ack, slash, reply = durations.partition("/")
    if not sep or not slash or priority not in PRIORITIES:
        raise PartnerError(
            f"{spec!r}: expected PRIORITY=ACK/REPLY, e.g. flash=15m/2h ({', '.join(PRIORITIES)})"
        )
    return priority, parse_duration(ack), parse_duration(reply)


def create_partner(
    name: str,
    title: str,
    *,
    identity_id: str | None = None,
    account=None,
    deadlines: Iterable[tuple[str, timedelta, timedelta]] = (),
) -> Partner:
    """Add a partner agency and its outbound collection `outbound-<name>`, seeded with what the partner needs
    to read our objects (our identity, the project's identity and extension definitions, TLP markings).
    `account` (optional): the partner node's user here, allowed to read the outbound collection."""
    if not NAME_RE.match(name or "") or name in RESERVED_NAMES:
        raise PartnerError(
            f"invalid partner name {name!r}: 2-50 characters a-z, 0-9 and '-', starting with a letter"
            + (f"; {name!r} is reserved" if name in RESERVED_NAMES else "")
        )
    if not (title or "").strip():
        raise PartnerError("a partner needs a title, e.g. 'Ministry of Public Security (Viet Nam)'")
    if Partner.objects.filter(name=name).exists():
        raise PartnerError(f"partner {name!r} already exists")
    identity_id = identity_id or node_identity_id(name)
    if not re.fullmatch(r"identity--[0-9a-f-]{36}", identity_id):
        raise PartnerError(f"{identity_id!r} is not a STIX identity id (identity--<uuid>)")
    if identity_id == node_identity_id():
        raise PartnerError("that identity is this node's own")
    agreed = {}
    for priority, ack, reply in deadlines:
        if reply < ack:
            raise PartnerError(f"{priority}: the reply deadline must not be shorter than the acknowledgement")
        agreed[f"ack_{priority}"], agreed[f"reply_{priority}"] = ack, reply
    with transaction.atomic():
        alias = OUTBOUND_PREFIX + name
        if Collection.objects.filter(alias=alias).exists():
            raise PartnerError(f"collection {alias!r} already exists")
        outbound = intel.create_collection(
            alias, f"Shared with {title}", f"Objects shared with partner {name}"
        )
        partner = Partner.objects.create(
            name=name, title=title.strip(), identity_id=identity_id, outbound=outbound, **agreed
        )
        if account is not None:
            access.grant(outbound, user=account, read=True, write=False)
        share(partner, reference_objects())
    return partner


def reference_objects() -> list[dict]:
    """What a partner needs to understand our objects: identities, extension definitions, TLP markings."""
    home = home_identity()
    return [
        PROJECT_IDENTITY,
        home,
        *PROJECT_EXTENSIONS.values(),
        *stix.TLP_MARKINGS.values(),
    ]


def share(partner: Partner, objects: Iterable[dict]) -> None:
    """Place objects in the partner's outbound collection; all or nothing (PartnerError names the refused)."""
    with transaction.atomic():
        result = intel.add_objects(partner.outbound, list(objects))
        if result.failures:
            reasons = "; ".join(f"{f.id}: {f.message}" for f in result.failures)
            raise PartnerError(f"not shared with {partner.name}: {reasons}")


def get_partner(name: str) -> Partner:
    partner = Partner.objects.select_related("outbound").filter(name=name).first()
    if partner is None:
        known = ", ".join(Partner.objects.values_list("name", flat=True)) or "none yet"
        raise PartnerError(f"no partner {name!r} (partners: {known})")
    return partner


def list_partners():
    return Partner.objects.select_related("outbound").order_by("name")


def partner_for_identity(identity_id: str) -> Partner | None:
    return Partner.objects.filter(identity_id=identity_id).first()


def describe(partner: Partner) -> dict:
    """A partner as plain data (CLI --json, UI)."""
    return {
        "name": partner.name,
        "title": partner.title,
        "identity": partner.identity_id,
        "outbound": partner.outbound.alias,
        "deadlines": {
            priority: {
                "acknowledge": int(partner.deadlines(priority)[0].total_seconds()),
                "reply": int(partner.deadlines(priority)[1].total_seconds()),
            }
            for priority in PRIORITIES
        },
    }
