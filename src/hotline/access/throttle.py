"""Lockout of repeated failed sign-ins (django-axes) on every path: the web login (axes' authentication
backend sees it), HTTP Basic on TAXII (it goes through `authenticate()` too) and API tokens (recorded here).

A lockout is per (user name, client address): `HOTLINE_LOGIN_FAILURE_LIMIT` failures (5) lock that pair for
`HOTLINE_LOGIN_LOCKOUT_MINUTES` (15), and every failure while locked restarts the wait. Failed API tokens
count under one name, TOKEN_USERNAME (not a possible user name), so a client guessing tokens is locked out
of token authentication from its address. A failure is announced with Django's `user_login_failed` signal,
as `authenticate()` does, so the audit trail records it the same way.
"""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed

from hotline.access import request_cache

TOKEN_USERNAME = "(api token)"  # noqa: S105 - a name for counting failed tokens, not a secret


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or, behind `HOTLINE_TRUSTED_PROXIES` reverse proxies, the address
    the outermost trusted proxy saw (from the right of X-Forwarded-For), which a client cannot forge."""
    proxies = settings.HOTLINE_TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_username(request, credentials=None) -> str | None:
    """The name a failure is counted under (AXES_USERNAME_CALLABLE): as axes reads it, cut to 150
    characters (Django's longest user name; axes' column holds 255: a longer guess must not fail)."""
    if credentials:
        name = credentials.get("username")
    else:
        name = getattr(request, "POST", {}).get("username") if request is not None else None
    return name[:150] if isinstance(name, str) else name


def is_allowed(request, username: str) -> bool:
    """False if this user name is locked out from this client; the response then becomes a lockout
    (axes' middleware answers it with `hotline.accounts.lockout.lockout_response`). A pair found not locked
    out is remembered by the process until axes' attempts table changes (`access/request_cache.py`)."""
    # Read before the check: a failure counted meanwhile changes the generation, so the entry is not used.
    current = request_cache.request_generation(request)
    key = (lockout_username(request, {"username": username}), client_ip(request))
    if request_cache.not_locked_out(key, current):
        return True
    if AxesProxyHandler.is_allowed(request, {"username": username}):
        request_cache.remember_not_locked_out(key, current)
        return True
    request.axes_locked_out = True
    return False


def record_failure(request, username: str, **details) -> None:
    """Count a failed attempt that did not go through `authenticate()` (an API token, a second-step code)."""
    user_login_failed.send(sender=__name__, credentials={"username": username, **details}, request=request)


def reset(request, username: str) -> None:
    """Forget the failures of this user name from this client (after a complete sign-in)."""
    AxesProxyHandler.update_request(request)
    AxesProxyHandler.reset_attempts(username=username, ip_address=request.axes_ip_address)


def unlock(username: str) -> int:
    """Lift the lockouts of a user name from every address (`hotline user unlock`); the number of records."""
    return AxesProxyHandler.reset_attempts(username=username)
