"""Updates and revocations travel after the first share (MISP's users complain of deletes that do not
propagate): a newer version of an object stored here after the object was shared with a partner, wherever it
was stored (the TAXII API, an import, the desk), is placed in that partner's outbound collection too, signed
and under the same sharing rules, so the push (and the partner's pull) carries it. A revocation is a newer
version with `revoked: true`, so it travels the same way.

The worker runs `propagate()` before each periodic push. Each partner keeps the last stored version it has
looked at (`Partner.propagated_through`, a StixObject pk), so a run reads only what was stored since.
"""

import json
import logging

from django.db import transaction

from hotline.federation import keys, services
from hotline.federation.models import Partner
from hotline.intel import queries
from hotline.stix import signatures

log = logging.getLogger(__name__)
SCAN = 2000  # stored versions looked at per query
# Re-read a few versions before the mark: a transaction that took a lower pk may commit after a higher one on
# some databases (placing is idempotent, so looking twice is harmless).
OVERLAP = 200


def propagate() -> int:
    """Place in every active partner's outbound collection the newer versions of what it already holds;
    returns how many versions were placed."""
    return sum(propagate_to(partner) for partner in Partner.objects.filter(active=True))


def propagate_to(partner: Partner) -> int:
    placed = 0
    mark = partner.propagated_through
    after = max(0, mark - OVERLAP)
    while True:
        bodies, last = queries.newer_versions_of_members(partner.outbound, after, SCAN)
        if last == after:
            break
        updates = [obj for obj in map(json.loads, bodies) if _ours_to_share(obj)]
        with transaction.atomic():
            if updates:
                result = services.place(partner, updates)
                placed += len(result.successes)
                for failure in result.failures:
                    log.warning("update %s not placed for %s: %s", failure.id, partner.name, failure.message)
            if last > mark:
                Partner.objects.filter(pk=partner.pk).update(propagated_through=last)
                mark = partner.propagated_through = last
        after = last
    if placed:
        log.info("placed %d updated versions for %s", placed, partner.name)
    return placed


def _ours_to_share(obj: dict) -> bool:
    """Not a version a partner signed (that came from them; passing it on is not an update of ours)."""
    ext = (obj.get("extensions") or {}).get(signatures.SIGNATURE_EXTENSION_ID)
    return not isinstance(ext, dict) or ext.get("key_id") == keys.own_key_id()
