"""TAXII: failed HTTP Basic attempts and failed API tokens count like failed web sign-ins. A locked-out
client gets a TAXII error message (429, Retry-After) and is refused even with good credentials; the
web login of the same name from the same address is locked too (one count per name and address)."""

import base64
import json

from axes.models import AccessAttempt
from django.test import Client

from hotline.access import roles
from hotline.access.services import create_token, create_user
from tests.actors import PASSWORD

TAXII = "application/taxii+json;version=2.1"
URL = "/taxii2/api/collections/"


def _get(authorization: str, address: str = "127.0.0.1"):
    return Client(REMOTE_ADDR=address).get(URL, headers={"accept": TAXII, "authorization": authorization})


def _basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def _assert_locked(response):
    assert response.status_code == 429
    assert response["Content-Type"] == TAXII and response["Retry-After"] == "900"
    body = json.loads(response.content)
    assert body["http_status"] == "429" and body["title"] == "Too many failed attempts"


def test_failed_basic_attempts_lock_the_name_out(actors):
    create_user("chandra", roles.AMBASSADOR, PASSWORD)  # HTTP Basic is for roles without a second factor
    for _ in range(4):
        assert _get(_basic("charlie", "wrong")).status_code == 401

    _assert_locked(_get(_basic("charlie", "wrong")))
    _assert_locked(_get(_basic("charlie", PASSWORD)))
    assert Client().post("/login/", {"username": "charlie", "password": PASSWORD}).status_code == 429
    assert _get(_basic("charlie", PASSWORD), address="192.0.2.7").status_code == 200  # another address
    assert _get(_basic("chandra", PASSWORD)).status_code == 200  # another name


def test_a_right_password_refused_for_a_two_factor_role_is_not_a_failed_guess(actors):
    for _ in range(6):
        refused = _get(_basic("alice", PASSWORD))
        assert refused.status_code == 401 and "API token" in json.loads(refused.content)["description"]

    assert not AccessAttempt.objects.filter(username="alice").exists()
    assert Client().post("/login/", {"username": "alice", "password": PASSWORD}).status_code == 302


def test_failed_tokens_lock_token_authentication_out_from_that_address(actors):
    _, good = create_token(actors["alice"], "script")
    for n in range(4):
        assert _get(f"Token htl_guess{n}").status_code == 401

    _assert_locked(_get("Token htl_guess5"))
    _assert_locked(_get(f"Token {good}"))
    assert _get(f"Bearer {good}", address="192.0.2.7").status_code == 200
    assert _get(_basic("charlie", PASSWORD)).status_code == 200  # Basic counts per user name


def test_a_revoked_or_expired_token_counts_as_a_failure(actors, settings):
    settings.AXES_FAILURE_LIMIT = 2
    token, raw = create_token(actors["alice"], "old")
    token.revoked_at = token.created_at
    token.save()

    assert _get(f"Token {raw}").status_code == 401
    _assert_locked(_get(f"Token {raw}"))


def test_a_huge_user_name_is_counted_under_its_first_150_characters(actors):
    name = "x" * 5000

    assert _get(_basic(name, "wrong")).status_code == 401

    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["x" * 150]
