"""The account's API tokens page (/account/api-tokens/): after a full sign-in (both steps) a user creates a
token of their own, shown once, which then works on TAXII where their password alone is refused; the list
shows each token's expiry, last use and state; revoking stops it at once. Create and revoke are recorded in
the audit trail (entry point web, who, which token, scope, expiry; never the token). Bad input creates
nothing; another user's token cannot be revoked; a session without the second factor never reaches
the page."""

import re

import pytest
from django.test import Client

from hotline.access.models import ApiToken
from hotline.audit.models import Record
from tests.actors import PASSWORD
from tests.signin import signed_in_client

URL = "/account/api-tokens/"
TAXII = "application/taxii+json;version=2.1"


def _create(client, **form):
    return client.post(URL, {"name": "misp feed", "days": "30", **form})


def _taxii(raw: str):
    return Client().get("/taxii2/api/collections/", HTTP_ACCEPT=TAXII, HTTP_AUTHORIZATION=f"Token {raw}")


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_a_new_token_is_shown_once_and_works_on_taxii(actors, who):
    client = signed_in_client(actors[who])

    page = _create(client).content.decode()

    raw = re.search(r'id="new-token-value">(htl_[^<]+)<', page).group(1)
    assert _taxii(raw).status_code == 200
    token = ApiToken.objects.get(user=actors[who])
    assert (token.name, token.can_read, token.can_write, token.all_collections) == (
        "misp feed",
        True,
        False,
        True,
    )
    assert raw not in client.get(URL).content.decode()  # shown once


def test_creating_is_recorded_without_the_token(actors):
    client = signed_in_client(actors["alice"])

    raw = re.search(r"(htl_[^<]+)<", _create(client, write="on").content.decode()).group(1)

    (created,) = Record.objects.filter(action="token.create")
    token = ApiToken.objects.get(user=actors["alice"])
    assert (created.actor, created.entry_point, created.target) == ("alice", "web", "alice")
    assert {k: created.detail[k] for k in ("token_id", "name", "prefix", "read", "write", "collections")} == {
        "token_id": token.pk, "name": "misp feed", "prefix": token.prefix, "read": True, "write": True,
        "collections": "all",
    }  # fmt: skip
    assert created.detail["expires_at"] == token.expires_at.isoformat()
    assert raw not in str(Record.objects.values_list("detail", "target"))


def test_the_list_shows_expiry_last_use_and_state(actors):
    client = signed_in_client(actors["alice"])
    raw = re.search(r"(htl_[^<]+)<", _create(client).content.decode()).group(1)
    token = ApiToken.objects.get(user=actors["alice"])
    assert "never" in _row(client, token)  # not used yet

    _taxii(raw)

    token.refresh_from_db()
    row = _row(client, token)
    assert f"{token.last_used_at:%Y-%m-%d %H:%M}" in row and f"{token.expires_at:%Y-%m-%d %H:%M}" in row
    assert ">active<" in row


def _row(client, token) -> str:
    page = client.get(URL).content.decode()
    return re.search(rf'<tr data-token="{token.prefix}">(.*?)</tr>', page, re.S).group(1)


def test_revoking_stops_the_token_at_once_and_is_recorded(actors):
    client = signed_in_client(actors["alice"])
    raw = re.search(r"(htl_[^<]+)<", _create(client).content.decode()).group(1)
    token = ApiToken.objects.get(user=actors["alice"])

    answer = client.post(f"/account/api-tokens/{token.pk}/revoke/")

    assert answer.status_code == 302
    refused = _taxii(raw)
    assert refused.status_code == 401 and "was revoked on" in refused.json()["description"]
    (revoked,) = Record.objects.filter(action="token.revoke")
    assert (revoked.actor, revoked.entry_point, revoked.detail["token_id"]) == ("alice", "web", token.pk)
    assert ">revoked<" in _row(client, token)


def test_another_users_token_cannot_be_revoked(actors):
    _create(signed_in_client(actors["alice"]))
    token = ApiToken.objects.get(user=actors["alice"])

    answer = signed_in_client(actors["bob"]).post(f"/account/api-tokens/{token.pk}/revoke/")

    assert answer.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None and not Record.objects.filter(action="token.revoke").exists()


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"name": "   "}, "This field is required."),
        ({"name": "x" * 101}, "at most 100 characters"),
        ({"days": "10000"}, "Select a valid choice"),
    ],
)
def test_bad_input_creates_nothing(actors, form, error):
    answer = _create(signed_in_client(actors["alice"]), **form)

    assert answer.status_code == 400 and error in answer.content.decode()
    assert not ApiToken.objects.exists() and not Record.objects.filter(action="token.create").exists()


def test_a_session_without_the_second_factor_never_reaches_the_page(actors):
    client = Client()
    client.post("/login/", {"username": "alice", "password": PASSWORD})

    answer = client.post(URL, {"name": "sneaky", "days": "30"})

    assert (
        answer.status_code == 302 and "/account/" in answer["Location"] and URL not in answer["Location"][:20]
    )
    assert not ApiToken.objects.exists()


def test_the_page_is_translated(actors):
    page = signed_in_client(actors["alice"], "id").get(URL).content.decode()

    assert "Token API" in page and "Buat token" in page
