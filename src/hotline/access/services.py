"""The access app's verbs: users and roles, collection grants, API tokens."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from hotline.access import scopes
from hotline.access.models import ApiToken, CollectionGrant
from hotline.access.roles import ADMIN, ROLES
from hotline.intel.models import Collection

TOKEN_USE_GRANULARITY = timedelta(minutes=1)
TOKEN_PREFIX = "htl_"  # noqa: S105 - a marker that makes leaked tokens recognisable, not a secret


# Sent inside the transaction that creates or revokes a token, with `token` and `by` (the user who did it, or
# None for the node's operator at the command line); the audit trail records both (audit/signals.py).
token_created = Signal()
token_revoked = Signal()


class AccessError(ValueError):
    """A request the access layer refuses, with a message for the person who made it."""


def ensure_roles() -> None:
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def create_user(username: str, role: str, password: str, *, email: str = "", check_password: bool = True):
    if role not in ROLES:
        raise AccessError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise AccessError(f"user {username!r} already exists")
    user = user_model(username=username, email=email)
    if check_password:
        validate_password(password, user)
    user.set_password(password)
    user.is_staff = user.is_superuser = role == ADMIN
    with transaction.atomic():
        user.save()
        ensure_roles()
        user.groups.add(Group.objects.get(name=role))
    return user


def list_users():
    return get_user_model().objects.order_by("username").prefetch_related("groups")


def grant(
    collection: Collection, *, role: str | None = None, user=None, read: bool = True, write: bool = False
):
    if (role is None) == (user is None):
        raise AccessError("grant to exactly one of a role or a user")
    target = {"group": Group.objects.get_or_create(name=role)[0]} if role else {"user": user}
    existing = CollectionGrant.objects.filter(collection=collection, **target).first()
    if existing is not None and (existing.can_read, existing.can_write) == (read, write):
        return existing  # unchanged: not saved, so the audit trail records no change that did not happen
    grant_row, _ = CollectionGrant.objects.update_or_create(
        collection=collection, **target, defaults={"can_read": read, "can_write": write}
    )
    return grant_row


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


token_digest = _digest  # what is stored of a token (access/request_cache.py keys its cache by it)


def create_token(
    user,
    name: str,
    *,
    expires_at: datetime | None = None,
    raw: str | None = None,
    collections: list[Collection] | None = None,
    read: bool = True,
    write: bool = True,
    by=None,
) -> tuple[ApiToken, str]:
    """Return the token row and the raw token, which is shown once and never stored. `raw`: a token made
    elsewhere (the demo hands each node the token its partner will use), at least 32 characters.
    The scope: `collections` (None: every collection the user may reach) and the actions `read`, `write`;
    it narrows the user's own rights, never widens them. `by`: who creates it (None: the operator)."""
    if raw is not None and (not raw.startswith(TOKEN_PREFIX) or len(raw) < len(TOKEN_PREFIX) + 32):
        raise AccessError(f"a token must start with {TOKEN_PREFIX!r} and have at least 32 more characters")
    if not (read or write):
        raise AccessError("a token must allow reading, writing or both")
    if collections is not None and not collections:
        raise AccessError("name at least one collection, or none for all the user's collections")
    raw = raw or TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=raw[: len(TOKEN_PREFIX) + 6], digest=_digest(raw),
            expires_at=expires_at, all_collections=collections is None, can_read=read, can_write=write,
        )  # fmt: skip
        if collections:
            token.collections.set(collections)
        token_created.send(sender=ApiToken, token=token, by=by)
    return token, raw


def describe_scope(token: ApiToken) -> str:
    """e.g. "read+write on all collections", "read on intel, public"."""
    actions = "+".join(a for a, ok in (("read", token.can_read), ("write", token.can_write)) if ok)
    if token.all_collections:
        return f"{actions} on all the user's collections"
    return f"{actions} on " + ", ".join(sorted(c.alias for c in token.collections.all()))


def revoke_token(token: ApiToken, *, by=None) -> bool:
    """Revoke the token (at once: the next request with it is refused). False if it was already revoked."""
    if token.revoked_at is not None:
        return False
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        token_revoked.send(sender=ApiToken, token=token, by=by)
    return True


def token_state(token: ApiToken, now: datetime | None = None) -> str:
    """ "revoked", "expired" or "active"."""
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= (now or timezone.now()):
        return "expired"
    return "active"


def refused_token(raw: str) -> ApiToken | None:
    """The token, if `raw` is a real token that is refused only because it was revoked or has expired (the
    client is told so); None for an unknown token, or one that is still valid."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=_digest(raw)).first()
    if token is None:
        return None
    expired = token.expires_at is not None and token.expires_at <= timezone.now()
    return token if token.revoked_at is not None or expired else None


def user_for_token(raw: str):
    """The active user a token belongs to, or None if the token is unknown, revoked or expired."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=_digest(raw)).first()
    now = timezone.now()
    if token is None or token.revoked_at is not None or (token.expires_at and token.expires_at <= now):
        return None
    if not token.user.is_active:
        return None
    # Record use at most once a minute: a write per request would serialise every API read on the database.
    if token.last_used_at is None or now - token.last_used_at > TOKEN_USE_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    user = token.user
    scopes.attach(user, scopes.of_token(token))
    return user
