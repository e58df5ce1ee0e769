"""A short-lived cache of verified HTTP Basic credentials.

Checking a password costs Django's PBKDF2 (1,000,000 iterations, ~350 ms here) on every TAXII request. A
verified (user name, password) pair is remembered for `HOTLINE_BASIC_CACHE_SECONDS` (60; 0 turns it off),
under an HMAC of the pair keyed with the node's secret key, so the cache holds neither the password nor an
unkeyed hash of it. Only a successful check ever stores an entry. Each web process keeps its own cache
(Django's local-memory cache).

Two levels, as for API tokens (`access/request_cache.py`): while the access generation is unchanged, the
process reuses the user object itself, with the policy's memos on it, so a Basic request costs what a token
request costs. The generation changes with any change to a user's name, password, activity or roles; after
it, the entry (the user's id and password hash) is checked against the user re-read from the database, and
refused, and forgotten, if the password has changed or the user is no longer active.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches

from hotline.access import request_cache

CACHE = "credentials"


def _key(username: str, password: str) -> str:
    pair = username.encode("utf-8") + b"\0" + password.encode("utf-8")
    digest = hmac.new(settings.SECRET_KEY.encode("utf-8"), pair, hashlib.sha256).hexdigest()
    return "basic:" + digest


def _seconds() -> int:
    return settings.HOTLINE_BASIC_CACHE_SECONDS


def lookup(username: str, password: str, current: int):
    """The active user these credentials were verified for within the last minute, or None. `current`: the
    access generation read for this request."""
    if _seconds() <= 0:
        return None
    key = _key(username, password)
    user = request_cache.basic_user(key, current, _seconds())
    if user is not None:
        return user
    entry = caches[CACHE].get(key)
    if entry is None:
        return None
    user_id, password_hash, verified_at = entry
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.password != password_hash or user.get_username() != username:
        caches[CACHE].delete(key)
        return None
    request_cache.remember_basic_user(key, current, user, verified_at)
    return user


def remember(username: str, password: str, user, current: int) -> None:
    """Store credentials that `authenticate()` has just verified."""
    if _seconds() > 0 and user is not None and user.is_active:
        key, verified_at = _key(username, password), time.monotonic()
        caches[CACHE].set(key, (user.pk, user.password, verified_at), _seconds())
        request_cache.remember_basic_user(key, current, user, verified_at)


def clear() -> None:
    caches[CACHE].clear()
    request_cache.clear()
