import base64

import django_otp
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django_otp.middleware import OTPMiddleware

from hotline.access.auth import authenticate_request
from hotline.access.services import create_token
from tests.actors import PASSWORD
from tests.signin import give_authenticator


def _basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def _request(header: str | None, method: str = "get"):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    request = RequestFactory().generic(method.upper(), "/taxii2/", **extra)
    request.user = AnonymousUser()
    return request


def test_http_basic_with_the_right_password_authenticates(actors):
    assert authenticate_request(_request(_basic("alice", PASSWORD))) == actors["alice"]


def test_http_basic_with_a_wrong_password_or_garbage_does_not(actors):
    assert authenticate_request(_request(_basic("alice", "wrong"))) is None
    assert authenticate_request(_request("Basic !!!not-base64")) is None
    assert authenticate_request(_request("Basic " + base64.b64encode(b"no-colon").decode())) is None


def test_token_and_bearer_schemes_authenticate(actors):
    _, raw = create_token(actors["bob"], "partner")

    assert authenticate_request(_request(f"Token {raw}")) == actors["bob"]
    assert authenticate_request(_request(f"Bearer {raw}")) == actors["bob"]


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
