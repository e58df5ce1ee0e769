"""Reads the web UI needs that the desk's queries do not offer yet (kept apart so their owner can adopt them).

`pickable_intel`: the intelligence picker of the compose form — STIX objects in collections the user may
read, found by name (and other text) and type. `intel_by_ids`: those already ticked. `get_shift`: one shift.
"""

from hotline.access import policy
from hotline.desk.errors import NotAllowed, NotFound
from hotline.desk.models import DutyShift
from hotline.desk.search import normalise, object_text
from hotline.intel import queries as store
from hotline.intel import text

# The types people name things in, which the store can find by their words.
PICKABLE_TYPES = text.SEARCHABLE_TYPES
# When no object matches the words as typed, this many of the newest objects are compared without
# diacritics (so "ha noi" finds "Hà Nội"); a bounded fallback, not a scan of the store.
FALLBACK_WINDOW = 1000


def readable_collections(user) -> list:
    return [c for c in policy.visible_collections(user) if policy.can_read_collection(user, c)]


def pickable_intel(user, query: str = "", kind: str = "", *, limit: int = 25) -> list[dict]:
    """The newest versions of matching objects the user may read, newest first (at most `limit`)."""
    collections = readable_collections(user)
    if not collections:
        return []
    types = (kind,) if kind in PICKABLE_TYPES else PICKABLE_TYPES
    entries = policy.readable_entries(user).filter(is_latest=True, type__in=types)
    terms = normalise(query or "").split()
    found = _matching(text.containing_words(entries, query or ""), terms, collections, limit)
    if not found and terms:
        found = _matching(entries, terms, collections, limit, window=FALLBACK_WINDOW)
    return found


def _matching(entries, terms, collections, limit: int, window: int | None = None) -> list[dict]:
    ids = list(
        dict.fromkeys(entries.order_by("-date_added").values_list("stix_id", flat=True)[: window or 200])
    )
    objects = store.latest_objects(ids, collections)
    result = []
    for stix_id in ids:
        obj = objects.get(stix_id)
        if obj is None or obj.get("revoked"):
            continue
        text = normalise(object_text(obj))
        if all(term in text for term in terms):
            result.append(obj)
            if len(result) >= limit:
                break
    return result


def intel_by_ids(user, stix_ids) -> list[dict]:
    """Those of these objects the user may read (to show what is already ticked), in the order given."""
    stix_ids = list(dict.fromkeys(stix_ids))
    visible = policy.can_see_object_ids(user, stix_ids)
    found = store.latest_objects([i for i in stix_ids if i in visible], readable_collections(user))
    return [found[i] for i in stix_ids if i in found]


def get_shift(user, pk: int) -> DutyShift:
    """One shift of the roster (NotFound if none; the roster is visible to the desk's readers)."""
    if not policy.can_read_desk(user):
        raise NotAllowed("you may not see the duty roster")
    shift = DutyShift.objects.select_related("officer").filter(pk=pk).first()
    if shift is None:
        raise NotFound("no such shift")
    return shift
