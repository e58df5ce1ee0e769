"""The audit trail's verbs: `record` (called from every entry point) and the readers of the trail.

Every login (and failed one), read of a marked object, write, share, export, acknowledgement, role or partner
change is recorded with who, what, when, from where (IP address) and through which entry point. A record is
appended in the caller's transaction: if the action is rolled back, so is its record.
"""

import ipaddress
import json
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from hotline.audit import chain, context
from hotline.audit.models import ChainHead, Record

TARGET_MAX = 400
TLP_CLEAR_ID = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"


def _address(request) -> str | None:
    raw = (getattr(request, "META", None) or {}).get("REMOTE_ADDR", "") if request is not None else ""
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def _user_of(actor, request):
    if actor is not None:
        return actor
    user = getattr(request, "taxii_user", None) or getattr(request, "user", None)
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def record(
    action: str,
    *,
    actor=None,
    entry_point: str | None = None,
    target: str = "",
    detail: dict | None = None,
    request=None,
    at: datetime | None = None,
) -> Record:
    """Append one record to the trail. `actor`: a user (default: the current request's), or a name (a
    partner, the retention job). `entry_point` and `request` default to where the current action came from
    (see `hotline.audit.context`)."""
    origin = context.current()
    request = request if request is not None else origin.request
    entry_point = entry_point or origin.entry_point
    if entry_point not in context.ENTRY_POINTS:
        raise ValueError(f"unknown entry point {entry_point!r}")
    user = actor if isinstance(actor, str) else _user_of(actor, request) or origin.actor
    name = user if isinstance(user, str) else (user.get_username() if user is not None else "")
    detail = dict(detail or {})
    if entry_point == context.CLI and "os_user" not in detail:
        detail["os_user"] = context.os_user()
    fields = {
        "at": at or timezone.now(),
        "actor": name[:150],
        "actor_id": None if user is None or isinstance(user, str) else user.pk,
        "entry_point": entry_point,
        "action": action,
        "target": str(target or "")[:TARGET_MAX],
        "ip": _address(request),
        "detail": chain.plain_json(detail),
    }
    with transaction.atomic():
        head = ChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = ChainHead.objects.create(pk=1)
        fields["seq"], fields["prev_hash"] = head.seq + 1, head.hash
        digest = chain.compute_hash(**fields)
        row = Record.objects.create(hash=digest, **fields)
        ChainHead.objects.filter(pk=1).update(seq=row.seq, hash=digest)
    return row


def credentials_refused(request) -> Record | None:
    """Record refused credentials: an API token (by its prefix, never the token; an expired or revoked one
    with the reason and the token's id and name), or a right password refused because HTTP Basic is not
    accepted for the user's role. A wrong password is recorded through Django's user_login_failed."""
    from hotline.access.auth import refusal

    refused = refusal(request)
    scheme, _, credentials = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() not in ("bearer", "token"):
        if refused is None:
            return None
        name = refused.detail.get("username", "")
        return record(
            "login.failed",
            actor="",
            request=request,
            target=name,
            detail={"reason": refused.reason, **refused.detail},
        )
    prefix = credentials.strip()[:10]  # as `hotline token list` shows it; never the token
    detail = {"token": prefix, **({"reason": refused.reason, **refused.detail} if refused else {})}
    return record("login.failed", actor="", request=request, target=prefix, detail=detail)


def marked_ids(bodies) -> list[str]:
    """The ids of the objects (stored canonical JSON) that carry a marking other than TLP:CLEAR."""
    found = []
    for body in bodies:
        if '"object_marking_refs"' not in body and '"granular_markings"' not in body:
            continue  # the common case costs a substring search, not a parse
        obj = json.loads(body)
        if _is_marked(obj):
            found.append(obj.get("id", ""))
    return found


def _is_marked(obj: dict) -> bool:
    refs = set(obj.get("object_marking_refs") or ())
    refs |= {g.get("marking_ref") for g in obj.get("granular_markings") or () if isinstance(g, dict)}
    return bool(refs - {None, TLP_CLEAR_ID})


def objects_shown(user, objects, *, where: str) -> Record | None:
    """Record that `user` was shown these (parsed) objects somewhere in the web UI, if any is marked."""
    ids = [o.get("id", "") for o in objects if isinstance(o, dict) and _is_marked(o)]
    if not ids:
        return None
    return record("object.read", actor=user, target=where, detail={"objects": ids})


def objects_read(user, collection, bodies, *, request=None) -> Record | None:
    """Record that `user` read these objects of `collection`, if any of them is marked."""
    ids = marked_ids(bodies)
    if not ids:
        return None
    detail = {"collection": collection.alias, "objects": ids}
    return record("object.read", actor=user, target=collection.alias, detail=detail, request=request)


def trail():
    return Record.objects.order_by("-seq")


# --- details of what the entry points record (plain data; never secrets, never message bodies) -------------


def status_detail(status) -> dict:
    """A TAXII status (objects POSTed): its id and counts."""
    return {"status": str(status.id), "total": status.total_count, "stored": len(status.successes),
            "refused": len(status.failures), "pending": status.status == "pending"}  # fmt: skip


def receipt_detail(via: str, result) -> dict:
    """What a partner sent (federation.receive): ids stored and refused (quarantined)."""
    return {
        "via": via,
        "stored": [o.id for o in result.successes],
        "refused": [o.id for o in result.failures],
    }


def partner_detail(partner) -> dict:
    """A partner agency's settings as recorded (never its credentials)."""
    return {
        "title": partner.title, "identity": partner.identity_id, "url": partner.url, "active": partner.active,
        "account": partner.account.get_username() if partner.account_id else "",
        "auth": "token" if partner.token else "password" if partner.username else "",
        "public_keys": list(partner.public_keys or []),
        "push": partner.push_enabled, "pull": partner.pull_enabled,
    }  # fmt: skip


def message_read(user, message) -> Record | None:
    """A desk message opened by `user` (recorded when it is marked above TLP:CLEAR)."""
    if message.tlp in ("", "clear"):
        return None
    return record("desk.read", actor=user, target=message.stix_id, detail={"tlp": message.tlp})


# --- reading the trail (auditors) ---------------------------------------------------------------------------

CSV_COLUMNS = ("seq", "at", "actor", "entry_point", "action", "target", "ip", "detail", "prev_hash", "hash")


def filtered(*, actor="", action="", entry_point="", since=None, until=None):
    """The trail, newest first, narrowed by actor (exact), action (exact, or a prefix ending in '.'),
    entry point and a date range (UTC days, both inclusive)."""
    records = Record.objects.order_by("-seq")
    if actor:
        records = records.filter(actor=actor)
    if action:
        records = (
            records.filter(action__startswith=action)
            if action.endswith(".")
            else records.filter(action=action)
        )
    if entry_point:
        records = records.filter(entry_point=entry_point)
    if since:
        records = records.filter(at__date__gte=since)
    if until:
        records = records.filter(at__date__lte=until)
    return records


def csv_rows(records):
    """The header and one row per record (the detail as canonical JSON), for a CSV export."""
    from hotline import stix

    yield CSV_COLUMNS
    for row in records.values_list(*CSV_COLUMNS).iterator(chunk_size=2000):
        values = dict(zip(CSV_COLUMNS, row, strict=True))
        values["at"] = stix.format_timestamp(values["at"])
        values["detail"] = stix.canonical_json(values["detail"]).decode("utf-8")
        yield [("" if values[c] is None else values[c]) for c in CSV_COLUMNS]
