"""Passwords follow Django's validators (AUTH_PASSWORD_VALIDATORS) in the password form as in
`hotline user add` (tests/node/test_user_commands.py): a weak one is refused with a clear message and
nothing changes."""

import pytest

from tests.actors import PASSWORD
from tests.signin import signed_in_client


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("short1", "This password is too short. It must contain at least 10 characters."),
        ("1234567890123", "This password is entirely numeric."),
        ("password123", "This password is too common."),
    ],
)
def test_a_weak_new_password_is_refused_with_the_reason(actors, new, message):
    client = signed_in_client(actors["alice"])

    response = client.post(
        "/account/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )

    assert response.status_code == 200 and message in response.content.decode()
    actors["alice"].refresh_from_db()
    assert actors["alice"].check_password(PASSWORD)


def test_a_good_new_password_is_taken_and_the_session_stays(actors):
    client = signed_in_client(actors["alice"])
    new = "lantern-harbour-compass-58"

    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )

    assert "Your password has been changed." in response.content.decode()
    actors["alice"].refresh_from_db()
    assert actors["alice"].check_password(new)
    assert client.get("/desk/inbox/").status_code == 200


def test_the_page_is_in_the_users_language(actors):
    page = signed_in_client(actors["alice"], "id").get("/account/password/").content.decode()

    assert "Ubah kata sandi Anda" in page
