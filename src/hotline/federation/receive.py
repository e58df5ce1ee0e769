"""Receiving from a partner, by its push (our TAXII server, into `inbound-<name>`) or by our pull: every
object is verified against the partner's public keys before it is stored. A missing, unknown or wrong
signature puts the object in quarantine (shown to the node admin) and it is never stored as trusted. What
verifies is stored through intel in the partner's inbound collection and announced with `objects_received`,
so the desk files it.

Both ways run the same function, in one transaction per received page (a push request or a pull page): its
objects, quarantine entries, replay counts, the desk's filing and receipts, the audit record and, for a pull,
the page's cursor (`and_then`) commit together. If any of it fails nothing of the page stays, so the
sender's retry (or our next pull, from the same cursor) brings the page again. Receiving an object twice
(push and pull) stores it once and announces it once.

Replays: a valid object whose version was already received from this partner (same id and `modified`, or
the same content for an object without a version) is a replay: the receive stays idempotent (the TAXII status
says success, nothing is stored or announced again). A version older than the newest one already received is
a replay too, and it is refused (an attacker, or a confused partner, must not roll an object back). Both are
counted on the partner (`replays`, the last one and when: `partner show`, the dashboard, the link page).

An object holding a NUL character (U+0000) in any string is refused before anything else (stix/nul.py): the
desk and the banks file a partner's text into columns of their own, and PostgreSQL's text columns cannot
hold one; the rule is the same on SQLite. The sender reads the reason in its TAXII status.
"""

import hashlib
import logging
import os
from concurrent.futures import ThreadPoolExecutor

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from hotline import stix
from hotline.access import policy
from hotline.audit import services as audit
from hotline.federation import services
from hotline.federation.models import Partner, Quarantine
from hotline.federation.signals import objects_received
from hotline.intel import queries
from hotline.intel import services as intel
from hotline.intel.models import Collection
from hotline.stix import signatures

log = logging.getLogger(__name__)
QUARANTINED = "quarantined: "
REPLAY_OLDER = "replay: older than the version already received from "
VERIFY_THREADS = max(1, min(4, os.cpu_count() or 1))
PARALLEL_FROM = 200  # objects in one receive: below this, threads cost more than they save
NUL_REFUSED = "refused: a NUL character (U+0000) in one of its strings; partners' objects may not hold one"


def partner_for_inbound(collection: Collection) -> Partner | None:
    return Partner.objects.filter(inbound=collection).first()


def partner_for_outbound(collection: Collection) -> Partner | None:
    return Partner.objects.filter(outbound=collection).first()


def receive(partner: Partner, objects: list, *, via: str, and_then=None) -> intel.AddResult:
    """Verify, store and announce what a partner sent. Returns the outcome per object (TAXII status).
    `and_then()`, if given, runs last inside the page's transaction (the pull moves its cursor there)."""
    if not partner.active:
        with transaction.atomic():
            if and_then is not None:
                and_then()
            return services.refused_all(partner, objects)
    result = intel.AddResult()
    keys = services.verification_keys(partner)
    inbound = services.ensure_inbound(partner)
    now = timezone.now()
    trusted, refused = [], []
    candidates, messages = [], []
    for obj in objects:
        if not isinstance(obj, dict):
            result.failures.append(intel.Outcome(None, None, "not a JSON object"))
            continue
        message = _unsigned_json(obj)
        if _holds_nul(obj, message):
            version = stix.object_version(obj)
            result.failures.append(
                intel.Outcome(
                    obj.get("id") if isinstance(obj.get("id"), str) else None,
                    version if isinstance(version, str) else None,
                    NUL_REFUSED,
                )
            )
            continue
        candidates.append(obj)
        messages.append(message)
    # Verified before the transaction: the database's write lock is not held while Ed25519 runs.
    identities = {}
    for obj, message, reason in zip(candidates, messages, _reasons(candidates, messages, keys), strict=True):
        if reason is None:
            trusted.append(obj)
            identities[id(obj)] = message.decode("utf-8") if message is not None else None
        else:
            refused.append((obj, reason))
    with transaction.atomic():
        for obj, reason in refused:
            _quarantine(partner, obj, reason, via, now)
            version = stix.object_version(obj)
            result.failures.append(
                intel.Outcome(
                    obj.get("id") if isinstance(obj.get("id"), str) else None,
                    version if isinstance(version, str) else None,
                    QUARANTINED + reason,
                )
            )
        fresh, replayed, stale = _sort_out(inbound, trusted)
        for obj in stale:
            result.failures.append(
                intel.Outcome(obj["id"], stix.object_version(obj), REPLAY_OLDER + partner.name)
            )
        if stale:
            stale_ids = {id(obj) for obj in stale}
            trusted = [obj for obj in trusted if id(obj) not in stale_ids]
        if replayed or stale:
            _count_replays(partner, replayed + stale, via, now)
        if via == "push":
            Partner.objects.filter(pk=partner.pk).update(last_pushed_in_at=now)
        # The canonical JSON computed for the signature is the content's identity in intel: not done again.
        stored = intel.add_objects(inbound, trusted, identities=[identities[id(obj)] for obj in trusted])
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
        if and_then is not None:
            and_then()
    intel.truncate_log_if_large()  # the statistics were checked by intel.add_objects, inside the transaction
    return result


def _unsigned_json(obj: dict) -> bytes | None:
    """The canonical JSON the signature covers, computed once per received object (None if it cannot be
    serialised: the signature check then reports it)."""
    try:
        return stix.canonical_json(signatures.unsigned(obj))
    except Exception:
        return None


def _holds_nul(obj: dict, message: bytes | None) -> bool:
    """`stix.contains_nul(obj)`, mostly without walking the object: the canonical JSON the signature covers
    writes every NUL as the escape \\u0000, so if that text has none, only the signature (which it leaves
    out) can hold one."""
    if message is None or b"\\u0000" in message:
        return stix.contains_nul(obj)
    extensions = obj.get("extensions")
    signature = extensions.get(signatures.SIGNATURE_EXTENSION_ID) if isinstance(extensions, dict) else None
    return stix.contains_nul(signature)


def _reasons(objects: list[dict], messages: list, keys) -> list[str | None]:
    """The policy's quarantine reason for each object. Ed25519 verification releases the GIL, so a big page
    is verified by VERIFY_THREADS threads at once (the receiver's largest single cost in a catch-up)."""

    def check(pair):
        obj, message = pair
        if message is None:
            return policy.quarantine_reason(obj, keys)
        return policy.quarantine_reason(obj, keys, message=message)

    pairs = list(zip(objects, messages, strict=True))
    if len(pairs) < PARALLEL_FROM or VERIFY_THREADS < 2:
        return [check(pair) for pair in pairs]
    step = -(-len(pairs) // VERIFY_THREADS)
    slices = [pairs[start : start + step] for start in range(0, len(pairs), step)]
    with ThreadPoolExecutor(max_workers=len(slices), thread_name_prefix="verify") as pool:
        return [reason for part in pool.map(lambda part: [check(p) for p in part], slices) for reason in part]


def _sort_out(inbound: Collection, objects: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """(fresh, replayed, stale): objects whose version the inbound collection does not hold yet; those it
    holds (versionless ones by content); those older than the newest version it holds of the same object."""
    ids = [o.get("id") for o in objects if isinstance(o.get("id"), str)]
    if not ids:
        return list(objects), [], []
    held, newest = queries.held_versions(inbound, ids)
    fresh, replayed, stale = [], [], []
    for obj in objects:
        stix_id = obj.get("id")
        known = held.get(stix_id)
        if not known:
            fresh.append(obj)
            continue
        version = stix.object_version(obj)
        if version is None:
            (replayed if _content_hash(obj) in known else fresh).append(obj)
            continue
        try:
            when = stix.parse_timestamp(version)
        except (ValueError, TypeError):
            fresh.append(obj)  # invalid: intel reports it
            continue
        if when in known:
            replayed.append(obj)
        elif stix_id in newest and when < newest[stix_id]:
            stale.append(obj)
        else:
            fresh.append(obj)
    return fresh, replayed, stale


def _count_replays(partner: Partner, objects: list[dict], via: str, now) -> None:
    last = objects[-1]
    text = f"{last.get('id')} @ {stix.object_version(last) or '(no version)'} by {via}"
    Partner.objects.filter(pk=partner.pk).update(
        replays=F("replays") + len(objects), last_replay=text[:400], last_replay_at=now
    )
    log.warning("%d replayed object(s) from %s (%s), last %s", len(objects), partner.name, via, text)


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
    if not created:  # sent again: counted, and back on the admin's list if it had been dealt with
        Quarantine.objects.filter(pk=entry.pk).update(
            times=F("times") + 1, last_at=now, resolution="", resolved_by=None, resolved_at=None
        )
    log.warning("quarantined %s from %s (%s): %s", obj.get("id"), partner.name, via, reason)


def _serialisable(obj) -> bool:
    try:
        stix.canonical_json(obj)
        return True
    except Exception:
        return False


# --- the admin's decision on a quarantined object --------------------------------------------------------


class QuarantineError(ValueError):
    """A release or discard that cannot be done, with a message for the admin."""


PENDING = ""
RELEASED, DISCARDED = "released", "discarded"


def pending_quarantine(partner: Partner | None = None):
    found = Quarantine.objects.filter(resolution=PENDING).select_related("partner")
    return found.filter(partner=partner) if partner is not None else found


def release(entry: Quarantine, user) -> intel.AddResult:
    """Store a quarantined object as trusted, on the admin's word (e.g. a partner's key changed and the
    content was checked another way), and let the desk file it. An object that is not valid STIX (or not
    JSON) cannot be released: QuarantineError, and nothing changes."""
    try:
        obj = stix.loads(entry.body)
    except ValueError:
        obj = None
    if not isinstance(obj, dict):
        raise QuarantineError("this is not a JSON object: it can only be discarded")
    partner = entry.partner
    now = timezone.now()
    with transaction.atomic():
        _claim(entry, RELEASED, user, now)
        inbound = services.ensure_inbound(partner)
        fresh, _, stale = _sort_out(inbound, [obj])
        if stale:
            raise QuarantineError("a newer version of this object was already received: discard this one")
        stored = intel.add_objects(inbound, [obj])
        if stored.failures:
            raise QuarantineError("not valid STIX: " + "; ".join(f.message for f in stored.failures))
        if fresh:
            objects_received.send(sender=partner, objects=fresh, now=now)
    log.warning("quarantined %s from %s released by %s", entry.stix_id, partner.name, user)
    return stored


def discard(entry: Quarantine, user) -> None:
    """Drop a quarantined object (kept as a record: who discarded it and when)."""
    with transaction.atomic():
        _claim(entry, DISCARDED, user, timezone.now())
    log.info("quarantined %s from %s discarded by %s", entry.stix_id, entry.partner.name, user)


def _claim(entry: Quarantine, resolution: str, user, now) -> None:
    claimed = Quarantine.objects.filter(pk=entry.pk, resolution=PENDING).update(
        resolution=resolution, resolved_by=user, resolved_at=now
    )
    if not claimed:
        raise QuarantineError("this object was already released or discarded")
    entry.resolution, entry.resolved_by, entry.resolved_at = resolution, user, now


# --- what we already hold (the pull asks before it downloads) ---------------------------------------------


class Holdings:
    """Which versions of some objects the partner's inbound collection already holds, to skip them in a
    pull (MISP's users complain of pulls that download what they then discard)."""

    def __init__(self, partner: Partner, stix_ids):
        self.versions: dict[str, set] = {}
        self.versionless: set[str] = set()
        inbound = services.ensure_inbound(partner)
        for stix_id, version, versioned in queries.entry_versions(inbound, stix_ids):
            if versioned is None:
                self.versionless.add(stix_id)  # an object without versions does not change
            else:
                self.versions.setdefault(stix_id, set()).add(version)

    def holds(self, stix_id, version) -> bool:
        if stix_id in self.versionless:
            return True
        if not isinstance(version, str) or stix_id not in self.versions:
            return False
        try:
            return stix.parse_timestamp(version) in self.versions[stix_id]
        except (ValueError, TypeError):
            return False
