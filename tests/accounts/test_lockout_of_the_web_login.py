"""Five failed sign-ins of a name from one address lock that name out from there (429, a page in the
user's language), even with the right password then; other names and the wrong codes of a second step
count too."""

import pytest
from django.test import Client

from tests.actors import PASSWORD
from tests.signin import give_authenticator, totp_code


def _login(client: Client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_name_out(actors, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "charlie", "wrong").status_code == 200  # the form again, with its error

    locked = _login(client, "charlie", "wrong")

    assert locked.status_code == 429 and locked["Retry-After"] == "900"
    assert "Too many failed attempts" in locked.content.decode()
    assert _login(client, "charlie", PASSWORD).status_code == 429  # the right password too, now
    assert client.get("/").status_code == 200 and "charlie" not in client.get("/").content.decode()


def test_the_lockout_page_is_in_the_users_language(actors):
    client = Client(headers={"accept-language": "vi"})
    for _ in range(5):
        response = _login(client, "charlie", "wrong")

    assert response.status_code == 429 and "Quá nhiều lần thử thất bại" in response.content.decode()


def test_another_name_is_not_locked_out(actors):
    client = Client()
    for _ in range(5):
        _login(client, "charlie", "wrong")

    assert _login(client, "alice", PASSWORD).status_code == 302


@pytest.mark.parametrize("wrong", ["000000", "not-a-code"])
def test_wrong_second_step_codes_lock_out_and_end_the_session(actors, wrong):
    give_authenticator(actors["alice"])
    client = Client()
    assert _login(client, "alice", PASSWORD).status_code == 302
    for _ in range(4):
        assert client.post("/account/verify/", {"code": wrong}).status_code == 200

    locked = client.post("/account/verify/", {"code": wrong})

    assert locked.status_code == 429
    assert "alice" not in client.get("/").content.decode()  # signed out
    assert _login(Client(), "alice", PASSWORD).status_code == 429


def test_a_complete_sign_in_forgets_earlier_failures(actors):
    give_authenticator(actors["alice"])
    client = Client()
    for _ in range(4):
        _login(client, "alice", "wrong")
    _login(client, "alice", PASSWORD)
    client.post("/account/verify/", {"code": totp_code("alice")})

    for _ in range(4):
        assert _login(Client(), "alice", "wrong").status_code == 200
