import pytest
from django.conf import settings

from tests.actors import PASSWORD
from tests.signin import give_authenticator, totp_code

LOG_IN = {"en": "Log in", "id": "Masuk", "vi": "Đăng nhập"}


@pytest.mark.parametrize("language", list(LOG_IN))
def test_the_login_page_is_in_the_chosen_language(client, db, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get("/login/").content.decode()

    assert f'<html lang="{language}">' in page
    assert f"<h1>{LOG_IN[language]}</h1>" in page


def test_the_language_switcher_sets_the_language(client, db):
    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/login/"}, follow=True)

    assert "<h1>Đăng nhập</h1>" in response.content.decode()


@pytest.mark.parametrize(("actor", "sees_intel"), [("alice", True), ("charlie", False)])
def test_after_login_each_user_sees_only_their_collections(client, actors, actor, sees_intel):
    give_authenticator(actors["alice"])
    response = client.post("/login/", {"username": actor, "password": PASSWORD}, follow=True)
    if actor == "alice":  # an officer has a second step; an ambassador without a device has none
        assert response.redirect_chain[-1][0].startswith("/account/verify/")
        response = client.post(response.redirect_chain[-1][0], {"code": totp_code("alice")}, follow=True)
    page = response.content.decode()

    assert response.status_code == 200 and actor in page
    assert "<code>public</code>" in page
    assert ("<code>intel</code>" in page) is sees_intel
