import base64
from datetime import timedelta

import django_otp
import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.utils import timezone
from django_otp.middleware import OTPMiddleware

from hotline.access.auth import BASIC_NEEDS_TOKEN, TOKEN_EXPIRED, TOKEN_REVOKED, authenticate_request, refusal
from hotline.access.services import create_token, revoke_token
from tests.actors import PASSWORD
from tests.signin import give_authenticator


def _basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def _request(header: str | None, method: str = "get"):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    request = RequestFactory().generic(method.upper(), "/taxii2/", **extra)
    request.user = AnonymousUser()
    return request


def test_http_basic_authenticates_a_role_without_a_second_factor(actors):
    request = _request(_basic("charlie", PASSWORD))

    assert authenticate_request(request) == actors["charlie"]
    assert refusal(request) is None


@pytest.mark.parametrize("who", ["alice", "bob"])  # an officer; a partner's account (no role)
def test_http_basic_is_refused_for_a_role_that_requires_a_second_factor(actors, who):
    request = _request(_basic(who, PASSWORD))

    assert authenticate_request(request) is None
    refused = refusal(request)
    assert refused.reason == BASIC_NEEDS_TOKEN and refused.detail == {"username": who}
    assert "two-factor" in refused.message and "API token" in refused.message


def test_http_basic_with_a_wrong_password_or_garbage_does_not(actors):
    requests = [
        _request(_basic("alice", "wrong")),
        _request(_basic("mallory", PASSWORD)),
        _request("Basic !!!not-base64"),
        _request("Basic " + base64.b64encode(b"no-colon").decode()),
    ]
    for request in requests:
        assert authenticate_request(request) is None
        assert refusal(request) is None  # a wrong password does not say whether the account needs a token


def test_token_and_bearer_schemes_authenticate(actors):
    _, raw = create_token(actors["bob"], "partner")

    assert authenticate_request(_request(f"Token {raw}")) == actors["bob"]
    assert authenticate_request(_request(f"Bearer {raw}")) == actors["bob"]


def test_a_revoked_or_expired_token_is_refused_saying_why(actors):
    revoked, revoked_raw = create_token(actors["alice"], "old script")
    revoke_token(revoked)
    expired, expired_raw = create_token(
        actors["alice"], "short", expires_at=timezone.now() - timedelta(seconds=1)
    )

    for token, raw, reason, says in [
        (revoked, revoked_raw, TOKEN_REVOKED, "was revoked on"),
        (expired, expired_raw, TOKEN_EXPIRED, "expired on"),
    ]:
        request = _request(f"Token {raw}")
        assert authenticate_request(request) is None
        refused = refusal(request)
        assert refused.reason == reason and says in refused.message and token.prefix in refused.message
        assert refused.detail == {"token_id": token.pk, "token_name": token.name, "user": "alice"}
        assert raw not in refused.message


def test_an_unknown_token_is_refused_without_a_reason(actors):
    request = _request("Token htl_" + "x" * 40)

    assert authenticate_request(request) is None
    assert refusal(request) is None


def _session_request(user, method: str = "get", *, second_factor: bool = True):
    """A request of a signed-in session as the middleware sees it (OTPMiddleware marks the verified)."""
    request = _request(None, method=method)
    request.session = SessionStore()
    request.user = user
    if second_factor:
        django_otp.login(request, give_authenticator(user))
    return OTPMiddleware(lambda r: r)(request)


def test_a_web_session_may_read_but_not_write(actors):
    read, write = _session_request(actors["alice"]), _session_request(actors["alice"], method="post")

    assert authenticate_request(read) == actors["alice"]
    assert authenticate_request(write) is None


def test_a_session_that_has_not_passed_the_second_factor_may_not_read(actors):
    assert authenticate_request(_session_request(actors["alice"], second_factor=False)) is None
