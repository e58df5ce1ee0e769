"""Per-process caches of what authorising an API request reads: the user behind a token or behind verified
HTTP Basic credentials (with the token's scope, and with the policy's per-user memos on it: roles,
collection rights, own outbound collections, the prepared page queries) and the collections by id or alias.

Each entry is kept with the access generation (`AccessGeneration`) read before it was looked up; the
database increases the generation on every change to tokens, grants, users, roles, collections or partner
accounts (triggers, migration 0005), and every request reads it (one indexed row). An entry of an older
generation is never used, so a revoked token or grant stops working at the next request in every process.
Expiry (`expires_at`) is checked on every use. Entries also age out after MAX_AGE seconds, and a process
keeps at most MAX_ENTRIES of each kind.

The lockout check: a process remembers that a (user name, address) pair was *not* locked out, under the
generation read before the check; every failed attempt, reset or unlock changes axes' attempts table, which
changes the generation (migration 0006), so a failure counted by any process is seen at the next request.
Only time alone turns a locked-out pair into an allowed one, so a lockout is never remembered.

What is not cached: the audit trail, and the page itself (compartments, named recipients and TLP are
subqueries of the page's query).
"""

import copy
import threading
import time

from django.db import connection
from django.utils import timezone

MAX_AGE = 300.0
MAX_ENTRIES = 1024
_lock = threading.Lock()
_tokens: dict[str, tuple] = {}  # token digest -> (generation, stored at, user, expires_at, [last_used_at])
_collections: dict[str, tuple] = {}  # id or alias -> (generation, stored at, collection)
_not_locked_out: dict[tuple, tuple] = {}  # (user name, address) -> (generation, stored at)
_basic_users: dict[str, tuple] = {}  # credential_cache key -> (generation, stored at, user, verified at)


def generation() -> int:
    """The current access generation (one indexed row)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM access_accessgeneration WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else -1


def request_generation(request) -> int:
    """The access generation, read once per request (kept on the request)."""
    current = getattr(request, "_hotline_access_generation", None)
    if current is None:
        current = request._hotline_access_generation = generation()
    return current


def _fresh(entry: tuple | None, current: int) -> bool:
    return entry is not None and entry[0] == current and time.monotonic() - entry[1] < MAX_AGE


def _put(store: dict, key: str, value: tuple) -> None:
    with _lock:
        if len(store) >= MAX_ENTRIES:
            store.clear()
        store[key] = value


def token_user(digest: str, current: int):
    """The cached (user, last_used_at holder) of a token digest if still valid in this generation, else
    None. An expired token's entry is dropped (the caller's lookup then refuses it)."""
    entry = _tokens.get(digest)
    if not _fresh(entry, current):
        return None
    _, _, user, expires_at, last_used = entry
    if expires_at is not None and expires_at <= timezone.now():
        _tokens.pop(digest, None)
        return None
    return user, last_used


def remember_token(digest: str, current: int, user, expires_at, last_used_at) -> None:
    _put(_tokens, digest, (current, time.monotonic(), user, expires_at, [last_used_at]))


def collection(key: str, current: int):
    """A copy of the cached collection for this id or alias (the caller may change its copy), or None."""
    entry = _collections.get(key)
    return copy.copy(entry[2]) if _fresh(entry, current) else None


def remember_collection(key: str, current: int, found) -> None:
    _put(_collections, key, (current, time.monotonic(), copy.copy(found)))


def not_locked_out(key: tuple, current: int) -> bool:
    """True if this (user name, address) was found not locked out in this generation."""
    return _fresh(_not_locked_out.get(key), current)


def remember_not_locked_out(key: tuple, current: int) -> None:
    _put(_not_locked_out, key, (current, time.monotonic()))


def basic_user(key: str, current: int, lifetime: float):
    """The user object kept for these HTTP Basic credentials (`credential_cache`'s key) in this generation, if
    the password was verified less than `lifetime` seconds ago; else None."""
    entry = _basic_users.get(key)
    if not _fresh(entry, current) or time.monotonic() - entry[3] >= lifetime:
        return None
    return entry[2]


def remember_basic_user(key: str, current: int, user, verified_at: float) -> None:
    _put(_basic_users, key, (current, time.monotonic(), user, verified_at))


def clear() -> None:
    with _lock:
        _tokens.clear()
        _collections.clear()
        _not_locked_out.clear()
        _basic_users.clear()


def user_for_token(raw: str, current: int | None = None):
    """`access.services.user_for_token`, answered from this process's cache while the access generation is
    unchanged (`current`: the generation if already read); its use is still recorded at most once a
    minute."""
    from hotline.access import services
    from hotline.access.models import ApiToken

    if not raw.startswith(services.TOKEN_PREFIX):
        return None
    digest = services.token_digest(raw)
    current = generation() if current is None else current
    hit = token_user(digest, current)
    if hit is not None:
        user, last_used = hit
        now = timezone.now()
        if last_used[0] is None or now - last_used[0] > services.TOKEN_USE_GRANULARITY:
            ApiToken.objects.filter(digest=digest).update(last_used_at=now)
            last_used[0] = now
        return user
    user = services.user_for_token(raw)
    if user is not None:
        row = ApiToken.objects.filter(digest=digest).values_list("expires_at", "last_used_at").first()
        if row is not None:
            remember_token(digest, current, user, *row)
    return user
