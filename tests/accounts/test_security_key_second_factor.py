"""WebAuthn security keys as a second factor (access/second_factor.py, accounts views): a user registers a
key, then signs in with password + key; a key of someone else, a replayed or forged answer and a key with a
counter gone backwards are refused and counted towards the lockout; a key can be removed; each step is in
the audit trail. The three actors: alice (officer, 2FA required), bob (a partner's account, 2FA required),
charlie (ambassador, 2FA optional)."""

import json

from django.test import Client

from hotline.access import second_factor
from hotline.access.models import SecurityKey
from hotline.audit.models import Record
from tests.accounts.softkey import SoftKey
from tests.actors import PASSWORD


def _after_password(username: str) -> Client:
    client = Client()
    client.post("/login/", {"username": username, "password": PASSWORD})
    return client


def _post_json(client: Client, url: str, body: dict | None = None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def _register(client: Client, key: SoftKey, name: str = "blue key"):
    options = _post_json(client, "/account/security-keys/options/").json()
    return _post_json(
        client, "/account/security-keys/register/", {"name": name, "credential": key.create(options)}
    )


def _sign_in_with_key(client: Client, key: SoftKey, counter_step: int = 1):
    options = _post_json(client, "/account/verify/key/options/").json()
    return _post_json(
        client, "/account/verify/key/?next=/desk/inbox/", {"credential": key.get(options, counter_step)}
    )


def _enrolled_with_key(username: str) -> SoftKey:
    key = SoftKey()
    response = _register(_after_password(username), key)
    assert response.status_code == 200, response.content
    return key


def test_a_user_without_device_registers_a_key_and_gets_recovery_codes(actors):
    client = _after_password("alice")
    assert client.get("/desk/inbox/")["Location"].startswith("/account/two-factor/")

    response = _register(client, SoftKey(), name="  my   yubikey ")

    assert response.status_code == 200
    assert response.json()["redirect"].startswith("/account/new-recovery-codes/")
    key = SecurityKey.objects.get(user=actors["alice"])
    assert key.name == "my yubikey" and key.confirmed
    codes_page = client.get(response.json()["redirect"]).content.decode()
    assert codes_page.count("<li><code>") == second_factor.RECOVERY_CODES
    assert client.get("/account/new-recovery-codes/")["Location"] == "/account/"  # shown once
    assert client.get("/desk/inbox/").status_code == 200  # the new key verified this session
    assert Record.objects.filter(action="security_key.add", target="alice").count() == 1


def test_password_and_key_sign_in(actors):
    key = _enrolled_with_key("alice")
    client = _after_password("alice")
    assert client.get("/desk/inbox/")["Location"].startswith("/account/verify/")
    assert (
        '<form method="post" action="/account/verify/key/" id="security-key-verify"'
        in client.get("/account/verify/").content.decode()
    )

    response = _sign_in_with_key(client, key)

    assert response.status_code == 200 and response.json() == {"redirect": "/desk/inbox/"}
    assert client.get("/desk/inbox/").status_code == 200
    assert SecurityKey.objects.get(user=actors["alice"]).sign_count == 1


def test_a_key_of_another_user_is_refused_and_counted(actors):
    _enrolled_with_key("alice")
    bobs_key = _enrolled_with_key("bob")
    client = _after_password("alice")
    options = _post_json(client, "/account/verify/key/options/").json()
    options["allowCredentials"].append(
        {"id": bobs_key.create({"challenge": "x"})["id"], "type": "public-key"}
    )

    response = _post_json(client, "/account/verify/key/", {"credential": bobs_key.get(options)})

    assert response.status_code == 400 and "not accepted" in response.json()["error"]
    assert client.get("/desk/inbox/")["Location"].startswith("/account/verify/")
    failed = Record.objects.filter(action="login.failed", target="alice")
    assert failed.count() == 1  # counted towards the lockout like a wrong code


def test_an_answer_is_not_accepted_twice(actors):
    key = _enrolled_with_key("alice")
    client = _after_password("alice")
    options = _post_json(client, "/account/verify/key/options/").json()
    answer = key.get(options)
    assert _post_json(client, "/account/verify/key/", {"credential": answer}).status_code == 200

    replay = _after_password("alice")
    _post_json(replay, "/account/verify/key/options/")
    response = _post_json(replay, "/account/verify/key/", {"credential": answer})

    assert response.status_code == 400
    assert replay.get("/desk/inbox/")["Location"].startswith("/account/verify/")


def test_a_key_whose_counter_went_backwards_is_refused(actors):
    key = _enrolled_with_key("alice")
    assert _sign_in_with_key(_after_password("alice"), key, counter_step=5).status_code == 200
    clone = key
    clone.counter = 0  # a copy of the key that has not seen the last five signatures

    response = _sign_in_with_key(_after_password("alice"), clone)

    assert response.status_code == 400


def test_bad_answers_are_refused_and_change_nothing(actors):
    client = _after_password("alice")
    _post_json(client, "/account/security-keys/options/")
    for body in (b"not json", b"[]", json.dumps({"credential": {"id": "x"}}).encode(), b"{" * 70000):
        response = client.post("/account/security-keys/register/", body, content_type="application/json")
        assert response.status_code == 400
    without_options = _register_without_options(client)
    assert without_options.status_code == 400
    assert not SecurityKey.objects.exists()


def _register_without_options(client: Client):
    key = SoftKey()
    answer = key.create({"challenge": "AAAA"})
    return _post_json(client, "/account/security-keys/register/", {"name": "k", "credential": answer})


def test_a_password_alone_never_adds_a_key_to_an_account_that_has_a_device(actors):
    _enrolled_with_key("alice")
    client = _after_password("alice")

    assert _post_json(client, "/account/security-keys/options/").status_code == 403
    assert client.get("/account/security-keys/")["Location"].startswith("/account/verify/")
    assert SecurityKey.objects.filter(user=actors["alice"]).count() == 1


def test_a_key_can_be_removed_by_its_owner_only(actors):
    key = _enrolled_with_key("alice")
    _enrolled_with_key("bob")
    alice = _after_password("alice")
    _sign_in_with_key(alice, key)
    bobs = SecurityKey.objects.get(user=actors["bob"])

    assert alice.post(f"/account/security-keys/{bobs.pk}/remove/").status_code == 404
    own = SecurityKey.objects.get(user=actors["alice"])
    response = alice.post(f"/account/security-keys/{own.pk}/remove/")

    assert response.status_code == 302 and not SecurityKey.objects.filter(user=actors["alice"]).exists()
    assert SecurityKey.objects.filter(user=actors["bob"]).count() == 1
    removed = Record.objects.get(action="security_key.remove")
    assert removed.target == "alice" and removed.detail["key"] == "blue key"


def test_an_ambassador_may_add_a_key_and_is_then_always_asked(actors):
    assert not second_factor.needs_second_step(actors["charlie"])
    client = _after_password("charlie")
    key = SoftKey()
    assert _register(client, key).status_code == 200

    again = _after_password("charlie")

    assert again.get("/")["Location"].startswith("/account/verify/")
    assert _sign_in_with_key(again, key).status_code == 200
