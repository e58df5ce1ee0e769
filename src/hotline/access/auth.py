"""Authentication for the machine-facing API: HTTP Basic with the node's users, or an API token.

Every failed attempt counts towards a lockout (`access/throttle.py`); a locked-out client is refused even
with the right credentials, and the response becomes a lockout (429). Verified Basic credentials are
remembered briefly (`access/credential_cache.py`), so a client does not pay the password hash per request.
"""

import base64
import binascii

from django.contrib.auth import authenticate

from hotline import stix
from hotline.access import credential_cache, request_cache, second_factor, throttle


def authenticate_request(request):
    """The user behind a request's Authorization header (or its web session), or None."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, credentials = header.partition(" ")
    scheme = scheme.lower()
    credentials = credentials.strip()
    if scheme == "basic":
        try:
            decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        username, sep, password = decoded.partition(":")
        if not sep or stix.NUL in decoded:
            # Malformed like undecodable credentials: no account name holds a NUL (stix/nul.py).
            return None
        return _basic(request, username, password)
    if scheme in ("bearer", "token"):
        return _token(request, credentials)
    # A signed-in officer may browse the API; writes need credentials, so a session cannot be used for CSRF.
    # The session must have passed every sign-in step (the second factor where it is needed).
    if not header and request.method in ("GET", "HEAD") and second_factor.sign_in_complete(request):
        return request.user
    return None


def _basic(request, username: str, password: str):
    if not throttle.is_allowed(request, username):
        return None
    user = credential_cache.lookup(username, password)
    if user is not None:
        return user
    # authenticate() runs axes' backend (refuses a locked-out pair) and counts a failure.
    user = authenticate(request, username=username, password=password)
    if user is not None:
        credential_cache.remember(username, password, user)
    return user


def _token(request, raw: str):
    if not throttle.is_allowed(request, throttle.TOKEN_USERNAME):
        return None
    # access/services.user_for_token, cached per process while the access generation is unchanged
    user = request_cache.user_for_token(raw, request_cache.request_generation(request))
    if user is None:
        throttle.record_failure(request, throttle.TOKEN_USERNAME, token_prefix=raw[:10])
    return user
