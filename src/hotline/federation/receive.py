"""Receiving from a partner, by its push (our TAXII server, into `inbound-<name>`) or by our pull: every
object is verified against the partner's public keys before it is stored. A missing, unknown or wrong
signature puts the object in quarantine (shown to the node admin) and it is never stored as trusted. What
verifies is stored through intel in the partner's inbound collection and announced with `objects_received`,
so the desk files it.

Both ways run the same function, in one transaction: if filing fails the store is rolled back too, so the
sender's retry (or our next pull) brings the objects again. Receiving an object twice (push and pull) stores
it once and announces it once.
"""

import hashlib
import logging

from django.db import transaction
from django.utils import timezone

from hotline import stix
from hotline.audit import services as audit
from hotline.federation import services
from hotline.federation.models import Partner, Quarantine
from hotline.federation.signals import objects_received
from hotline.intel import services as intel
from hotline.intel.models import Collection, CollectionEntry
from hotline.stix import signatures

log = logging.getLogger(__name__)
QUARANTINED = "quarantined: "


def partner_for_inbound(collection: Collection) -> Partner | None:
    return Partner.objects.filter(inbound=collection).first()


def partner_for_outbound(collection: Collection) -> Partner | None:
    return Partner.objects.filter(outbound=collection).first()


def receive(partner: Partner, objects: list, *, via: str) -> intel.AddResult:
    """Verify, store and announce what a partner sent. Returns the outcome per object (TAXII status)."""
    if not partner.active:
        return services.refused_all(partner, objects)
    result = intel.AddResult()
    keys = services.verification_keys(partner)
    inbound = services.ensure_inbound(partner)
    now = timezone.now()
    trusted = []
    with transaction.atomic():
        for obj in objects:
            if not isinstance(obj, dict):
                result.failures.append(intel.Outcome(None, None, "not a JSON object"))
                continue
            check = signatures.verify(obj, keys)
            if check.valid:
                trusted.append(obj)
                continue
            _quarantine(partner, obj, check.reason, via, now)
            version = stix.object_version(obj)
            result.failures.append(
                intel.Outcome(
                    obj.get("id") if isinstance(obj.get("id"), str) else None,
                    version if isinstance(version, str) else None,
                    QUARANTINED + check.reason,
                )
            )
        fresh = _not_yet_received(inbound, trusted)
        stored = intel.add_objects(inbound, trusted)
        result.extend(stored)
        stored_ids = {o.id for o in stored.successes}
        announced = [o for o in fresh if o["id"] in stored_ids]
        if announced:
            objects_received.send(sender=partner, objects=announced, now=now)
        audit.record(
            "federation.receive",
            actor=partner.account or partner.name,
            entry_point="federation",
            target=partner.name,
            detail=audit.receipt_detail(via, result),
        )
    return result


def _not_yet_received(inbound: Collection, objects: list[dict]) -> list[dict]:
    """The objects whose version is not yet in the inbound collection (versionless ones by content)."""
    ids = [o.get("id") for o in objects if isinstance(o.get("id"), str)]
    if not ids:
        return []
    held: dict[str, set] = {}
    for stix_id, version, content_hash in CollectionEntry.objects.filter(
        collection=inbound, stix_id__in=ids
    ).values_list("stix_id", "version", "obj__content_hash"):
        held.setdefault(stix_id, set()).update({version, content_hash})
    fresh = []
    for obj in objects:
        known = held.get(obj.get("id"), set())
        version = obj.get("modified") or obj.get("created")
        if isinstance(version, str):
            try:
                if stix.parse_timestamp(version) in known:
                    continue
            except (ValueError, TypeError):
                pass  # invalid: intel reports it
        elif _content_hash(obj) in known:
            continue
        fresh.append(obj)
    return fresh


def _content_hash(obj: dict) -> str:
    body = stix.canonical_json(signatures.unsigned(obj))
    return hashlib.sha256(body).hexdigest()


def _quarantine(partner: Partner, obj: dict, reason: str, via: str, now) -> None:
    body = stix.canonical_json(obj).decode("utf-8") if _serialisable(obj) else repr(obj)[:100_000]
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    version = stix.object_version(obj)
    entry, created = Quarantine.objects.get_or_create(
        partner=partner, body_hash=digest,
        defaults={
            "stix_id": str(obj.get("id", ""))[:300], "version": version if isinstance(version, str) else "",
            "reason": reason[:500], "body": body, "via": via, "at": now, "last_at": now,
        },
    )  # fmt: skip
    if not created:
        Quarantine.objects.filter(pk=entry.pk).update(times=entry.times + 1, last_at=now)
    log.warning("quarantined %s from %s (%s): %s", obj.get("id"), partner.name, via, reason)


def _serialisable(obj) -> bool:
    try:
        stix.canonical_json(obj)
        return True
    except Exception:
        return False
