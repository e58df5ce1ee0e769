"""Every login and every failed one is recorded: who, when, from which address, through which entry point --
never the password."""

import base64
from datetime import timedelta

from django.utils import timezone

from hotline.access.services import create_token, revoke_token
from hotline.audit.models import Record
from tests.actors import PASSWORD
from tests.audit.conftest import records


def test_a_web_login_is_recorded(client, actors):
    client.post("/login/", {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="192.0.2.10")

    (login,) = records("login")
    assert (login.actor, login.actor_id, login.entry_point, login.ip) == (
        "alice", actors["alice"].pk, "web", "192.0.2.10"
    )  # fmt: skip


def test_a_failed_web_login_is_recorded_without_the_password(client, actors):
    client.post("/login/", {"username": "alice", "password": "wrong-guess-123"}, REMOTE_ADDR="198.51.100.7")

    (failed,) = records("login.failed")
    assert (failed.actor, failed.target, failed.entry_point, failed.ip) == (
        "",
        "alice",
        "web",
        "198.51.100.7",
    )
    assert not records("login")
    assert not Record.objects.filter(detail__icontains="wrong-guess").exists()


def _taxii_with_basic(client, username: str, password: str):
    credentials = base64.b64encode(f"{username}:{password}".encode()).decode()
    return client.get(
        "/taxii2/",
        HTTP_ACCEPT="application/taxii+json;version=2.1",
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )


def test_a_failed_taxii_basic_login_is_recorded(client, actors):
    response = _taxii_with_basic(client, "bob", "not-his-password")

    assert response.status_code == 401
    (failed,) = records("login.failed")
    assert (failed.target, failed.entry_point, failed.ip) == ("bob", "taxii", "127.0.0.1")


def test_a_right_password_refused_over_taxii_basic_is_recorded_with_the_reason(client, actors):
    response = _taxii_with_basic(client, "alice", PASSWORD)

    assert response.status_code == 401
    (failed,) = records("login.failed")
    assert (failed.actor, failed.target, failed.entry_point) == ("", "alice", "taxii")
    assert failed.detail == {"reason": "basic-needs-token", "username": "alice"}
    assert PASSWORD not in str(failed.detail)


def test_charlie_logging_in_is_recorded_like_anyone(client, actors):
    client.post("/login/", {"username": "charlie", "password": PASSWORD})

    assert [r.actor for r in records("login")] == ["charlie"]


def test_a_refused_api_token_is_recorded_by_its_prefix_only(client, actors):
    raw = "htl_" + "x" * 40
    response = client.get(
        "/taxii2/", HTTP_ACCEPT="application/taxii+json;version=2.1", HTTP_AUTHORIZATION=f"Token {raw}"
    )

    assert response.status_code == 401
    (failed,) = records("login.failed")
    assert (failed.target, failed.entry_point, failed.detail) == (
        "htl_xxxxxx",
        "taxii",
        {"token": "htl_xxxxxx"},
    )
    assert raw not in str(failed.detail)


def test_an_expired_or_revoked_token_is_recorded_with_the_reason_and_the_token(client, actors):
    revoked, revoked_raw = create_token(actors["bob"], "partner feed")
    revoke_token(revoked)
    expired, expired_raw = create_token(
        actors["bob"], "trial", expires_at=timezone.now() - timedelta(minutes=1)
    )
    for raw in (revoked_raw, expired_raw):
        response = client.get(
            "/taxii2/", HTTP_ACCEPT="application/taxii+json;version=2.1", HTTP_AUTHORIZATION=f"Token {raw}"
        )
        assert response.status_code == 401

    details = [r.detail for r in records("login.failed")]
    assert sorted(details, key=lambda d: d["token_id"]) == [
        {"token": raw[:10], "reason": reason, "token_id": token.pk, "token_name": token.name, "user": "bob"}
        for token, raw, reason in [
            (revoked, revoked_raw, "token-revoked"),
            (expired, expired_raw, "token-expired"),
        ]
    ]
    assert revoked_raw not in str(details) and expired_raw not in str(details)
