"""A short-lived cache of verified HTTP Basic credentials.

Checking a password costs Django's PBKDF2 (1,000,000 iterations, ~350 ms here) on every TAXII request. A
verified (user name, password) pair is remembered for `HOTLINE_BASIC_CACHE_SECONDS` (60; 0 turns it off),
under an HMAC of the pair keyed with the node's secret key, so the cache holds neither the password nor an
unkeyed hash of it. The entry holds the user's id and password hash: a hit re-reads the user (one indexed
query) and is refused, and forgotten, if the password has changed or the user is no longer active. Only a
successful check ever stores an entry. Each web process keeps its own cache (Django's local-memory cache).
"""

import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches

CACHE = "credentials"


def _key(username: str, password: str) -> str:
    pair = username.encode("utf-8") + b"\0" + password.encode("utf-8")
    digest = hmac.new(settings.SECRET_KEY.encode("utf-8"), pair, hashlib.sha256).hexdigest()
    return "basic:" + digest


def _seconds() -> int:
    return settings.HOTLINE_BASIC_CACHE_SECONDS


def lookup(username: str, password: str):
    """The active user these credentials were verified for within the last minute, or None."""
    if _seconds() <= 0:
        return None
    key = _key(username, password)
    entry = caches[CACHE].get(key)
    if entry is None:
        return None
    user_id, password_hash = entry
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.password != password_hash or user.get_username() != username:
        caches[CACHE].delete(key)
        return None
    return user


def remember(username: str, password: str, user) -> None:
    """Store credentials that `authenticate()` has just verified."""
    if _seconds() > 0 and user is not None and user.is_active:
        caches[CACHE].set(_key(username, password), (user.pk, user.password), _seconds())


def clear() -> None:
    caches[CACHE].clear()
