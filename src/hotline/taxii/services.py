"""Accepting objects over TAXII: validate the envelope, store what is valid, keep a status of the outcome."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hotline import stix
from hotline.audit import services as audit
from hotline.federation import receive
from hotline.federation import services as federation
from hotline.intel import services as intel
from hotline.intel.models import Collection
from hotline.taxii.http import TaxiiError
from hotline.taxii.models import Status


def _pending_entry(obj) -> dict:
    if not isinstance(obj, dict):
        return {"id": ""}
    entry = {"id": obj.get("id") if isinstance(obj.get("id"), str) else ""}
    version = obj.get("modified") or obj.get("created")
    if isinstance(version, str):
        entry["version"] = version
    return entry


def parse_envelope(raw: bytes) -> list:
    try:
        payload = stix.loads(raw)
    except stix.EnvelopeError as exc:
        raise TaxiiError(400, "Malformed JSON", str(exc)) from None
    try:
        return stix.extract_objects(payload)
    except stix.EnvelopeError as exc:
        raise TaxiiError(422, "Not a TAXII envelope", str(exc)) from None


def accept_objects(collection: Collection, owner, raw: bytes) -> Status:
    """Store small envelopes now and answer with a complete status; record a pending status for large ones
    and store them in the worker. The status and its audit record are written with what they describe."""
    objects = parse_envelope(raw)
    requested = timezone.now()
    if len(objects) > settings.TAXII_INLINE_OBJECTS:
        with transaction.atomic():
            status = Status.objects.create(
                collection=collection,
                owner=owner,
                request_timestamp=requested,
                total_count=len(objects),
                pendings=[_pending_entry(o) for o in objects],
                payload=stix.dumps(objects).decode("utf-8"),
            )
            _audit(status)
        from hotline.taxii.tasks import store_pending_objects

        transaction.on_commit(lambda: store_pending_objects.enqueue(str(status.pk)))
        return status
    # No client can poll a status before it has this answer, so the status is written once, complete.
    add = _adder(collection)
    if add is None:
        # Validated before the transaction, which holds the database's write lock from its first statement.
        prepared = intel.prepare_objects(objects)
    else:  # a partner's collection: federation verifies or signs outside its own transaction, chunk by chunk
        result = intel.AddResult()
        for outcome in _added_in_chunks(add, objects):
            result.extend(outcome)
    with transaction.atomic():
        # The objects, the status and the audit record are committed together: an audit trail that cannot be
        # written leaves nothing of the POST behind, and no record describes a write that did not happen.
        if add is None:
            result = intel.store_prepared(collection, prepared)
        status = Status.objects.create(
            collection=collection,
            owner=owner,
            request_timestamp=requested,
            total_count=len(objects),
            status=Status.COMPLETE,
            successes=[o.as_taxii() for o in result.successes],
            failures=[o.as_taxii() for o in result.failures],
            completed_at=timezone.now(),
        )
        _audit(status)
    if add is None and result.successes:
        intel.settle_store()
    return status


def _audit(status: Status) -> None:
    audit.record("object.write", target=status.collection.alias, detail=audit.status_detail(status))


def store_pending(status_id: str) -> None:
    status = Status.objects.filter(pk=status_id, status=Status.PENDING).first()
    if status is None or not status.payload:
        return
    _store(status, stix.loads(status.payload))


def _store(status: Status, objects: list) -> None:
    """Store chunk by chunk, updating the status after each so that a client polling it sees progress."""
    for result in _store_chunks(status.collection, objects):
        status.successes += [o.as_taxii() for o in result.successes]
        status.failures += [o.as_taxii() for o in result.failures]
        status.pendings = status.pendings[len(result.successes) + len(result.failures) :]
        status.save(update_fields=["successes", "failures", "pendings"])
    status.status = Status.COMPLETE
    status.pendings = []
    status.payload = ""
    status.completed_at = timezone.now()
    status.save(update_fields=["status", "pendings", "payload", "completed_at"])


def _store_chunks(collection: Collection, objects: list):
    """The outcome of each chunk of objects, as each is stored."""
    add = _adder(collection)
    if add is None:  # a plain collection: intel validates the next chunk while it writes this one
        yield from intel.add_objects_in_chunks(collection, objects, chunk_size=intel.CHUNK_SIZE)
        return
    yield from _added_in_chunks(add, objects)


def _added_in_chunks(add, objects: list):
    """The outcome of a partner collection's `add` (`_adder`) for each chunk of objects, as each is stored."""
    for start in range(0, len(objects), intel.CHUNK_SIZE):
        yield add(objects[start : start + intel.CHUNK_SIZE])


def _adder(collection: Collection):
    """How objects POSTed to a collection are stored: a partner's inbound collection verifies signatures
    (federation.receive), a partner's outbound collection applies the sharing policy and signs
    (federation.services.place); every other collection stores through intel (None)."""
    partner = receive.partner_for_inbound(collection)
    if partner is not None:
        return lambda objects: receive.receive(partner, objects, via="push")
    partner = receive.partner_for_outbound(collection)
    if partner is not None:
        return lambda objects: federation.place(partner, objects)
    return None


def status_resource(status: Status) -> dict:
    return {
        "id": str(status.id),
        "status": status.status,
        "request_timestamp": stix.format_timestamp(status.request_timestamp),
        "total_count": status.total_count,
        "success_count": len(status.successes),
        "successes": status.successes,
        "failure_count": len(status.failures),
        "failures": status.failures,
        "pending_count": max(status.total_count - len(status.successes) - len(status.failures), 0),
        "pendings": status.pendings,
    }


def purge_old_statuses() -> int:
    cutoff = timezone.now() - timedelta(hours=settings.TAXII_STATUS_RETENTION_HOURS)
    deleted, _ = Status.objects.filter(status=Status.COMPLETE, request_timestamp__lt=cutoff).delete()
    return deleted
