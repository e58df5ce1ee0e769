"""The second step accepts the authenticator's current code, once (a replayed code is refused), or a
recovery code, each once."""

from django.test import Client

from hotline.access import second_factor
from tests.actors import PASSWORD
from tests.signin import give_authenticator, totp_code


def _after_password(username: str) -> Client:
    client = Client()
    client.post("/login/", {"username": username, "password": PASSWORD})
    return client


def test_the_current_code_signs_in_and_goes_to_next(actors):
    give_authenticator(actors["alice"])
    client = _after_password("alice")

    response = client.post("/account/verify/", {"code": totp_code("alice"), "next": "/desk/inbox/"})

    assert response.status_code == 302 and response["Location"] == "/desk/inbox/"
    assert client.get("/desk/inbox/").status_code == 200


def test_a_code_already_used_is_refused(actors):
    give_authenticator(actors["alice"])
    code = totp_code("alice")
    _after_password("alice").post("/account/verify/", {"code": code})
    replay = _after_password("alice")

    response = replay.post("/account/verify/", {"code": code})

    assert response.status_code == 200 and "That code is not right" in response.content.decode()
    assert replay.get("/")["Location"].startswith("/account/verify/")


def test_a_recovery_code_works_once(actors):
    give_authenticator(actors["alice"])
    codes = second_factor.new_recovery_codes(actors["alice"])
    first = _after_password("alice")

    response = first.post("/account/verify/", {"code": codes[0].upper(), "next": "/"}, follow=True)

    assert (
        response.status_code == 200 and "You used a recovery code; 9 are left." in response.content.decode()
    )
    assert _after_password("alice").post("/account/verify/", {"code": codes[1]}).status_code == 302
    again = _after_password("alice")
    assert "That code is not right" in again.post("/account/verify/", {"code": codes[0]}).content.decode()


def test_an_external_next_is_not_followed(actors):
    give_authenticator(actors["alice"])
    client = _after_password("alice")

    response = client.post("/account/verify/", {"code": totp_code("alice"), "next": "https://evil.example/"})

    assert response["Location"] == "/"
