"""Authentication for the machine-facing API: HTTP Basic with the node's users, or an API token.

HTTP Basic is a password alone, so it is refused for every user whose role requires a second factor
(`second_factor.is_required`: everyone but ambassadors, and accounts without a role such as partner nodes'):
they use an API token, made after a full sign-in with the second factor (account page) or by the node
admin (`hotline token create`). The password is checked first, so a refusal does not tell a guesser which
accounts exist; a right password refused this way is not a failed guess and does not count to a lockout.
When a request is refused for a reason the client can act on (Basic for such a user, an expired or revoked
token), `refusal(request)` says why, for the 401 and the audit trail.

Every failed attempt counts towards a lockout (`access/throttle.py`); a locked-out client is refused even
with the right credentials, and the response becomes a lockout (429). Verified Basic credentials are
remembered briefly (`access/credential_cache.py`), so a client does not pay the password hash per request.
"""

import base64
import binascii
from dataclasses import dataclass, field

from django.contrib.auth import authenticate

from hotline import stix
from hotline.access import credential_cache, request_cache, second_factor, throttle
from hotline.access.services import refused_token

BASIC_NEEDS_TOKEN = "basic-needs-token"  # noqa: S105 - reasons, not secrets
TOKEN_EXPIRED = "token-expired"  # noqa: S105
TOKEN_REVOKED = "token-revoked"  # noqa: S105


@dataclass(frozen=True)
class Refusal:
    """Why credentials were refused, when the client can act on it: `reason` (one of the constants above),
    a `message` for the 401, and plain `detail` for the audit trail (never a secret)."""

    reason: str
    message: str
    detail: dict = field(default_factory=dict)


def refusal(request) -> Refusal | None:
    """Why `authenticate_request` refused this request's credentials, if it was for such a reason."""
    return getattr(request, "hotline_auth_refusal", None)


def _refuse(request, reason: str, message: str, **detail) -> None:
    request.hotline_auth_refusal = Refusal(reason, message, detail)


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
    current = request_cache.request_generation(request)
    user = credential_cache.lookup(username, password, current)
    if user is None:
        # authenticate() runs axes' backend (refuses a locked-out pair) and counts a failure.
        user = authenticate(request, username=username, password=password)
        if user is None:
            return None
        credential_cache.remember(username, password, user, current)
    if second_factor.is_required(user):
        _refuse(
            request, BASIC_NEEDS_TOKEN,
            f"HTTP Basic (a password alone) is not accepted for {user.get_username()!r}: the account's role "
            "requires two-factor authentication. Use an API token (Authorization: Token <token>): create one "
            "on your account page after signing in with your second factor, or ask the node administrator "
            "(hotline token create).",
            username=user.get_username(),
        )  # fmt: skip
        return None
    return user


def _token(request, raw: str):
    if not throttle.is_allowed(request, throttle.TOKEN_USERNAME):
        return None
    # access/services.user_for_token, cached per process while the access generation is unchanged
    user = request_cache.user_for_token(raw, request_cache.request_generation(request))
    token = refused_token(raw) if user is None else None
    if token is not None:
        # The client can act on these: say so, rather than "wrong credentials".
        if token.revoked_at is not None:
            reason, what = TOKEN_REVOKED, f"was revoked on {token.revoked_at:%Y-%m-%d %H:%M} UTC"
        else:
            reason, what = TOKEN_EXPIRED, f"expired on {token.expires_at:%Y-%m-%d %H:%M} UTC"
        _refuse(
            request, reason,
            f"This API token ({token.prefix}…) {what}; ask for a new one (account page, or the node "
            "administrator: hotline token create).",
            token_id=token.pk, token_name=token.name, user=token.user.get_username(),
        )  # fmt: skip
    if user is None:
        throttle.record_failure(request, throttle.TOKEN_USERNAME, token_prefix=raw[:10])
    return user
