"""After the password, a user of a role that sees marked intelligence must pass a second factor before any
page; without a device they are sent to enrol one. An ambassador needs none unless they set one up; an
account without a role (a partner node's) needs one."""

import pytest
from django.test import Client

from hotline.access import roles
from hotline.access.services import create_user
from tests.actors import PASSWORD
from tests.signin import give_authenticator, signed_in_client

PAGES = ["/", "/desk/inbox/", "/admin/", "/account/"]


def _password_only(username: str) -> Client:
    client = Client()
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302  # the password was right
    return client


@pytest.mark.parametrize("role", [r for r in roles.ROLES if r != roles.AMBASSADOR])
def test_every_role_but_ambassador_is_sent_to_enrol_from_every_page(actors, role):
    create_user(f"user-{role}", role, PASSWORD)
    client = _password_only(f"user-{role}")

    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/two-factor/?next=")


def test_with_a_device_the_second_step_is_asked_and_nothing_else_is_shown(actors):
    give_authenticator(actors["alice"])
    client = _password_only("alice")

    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 302 and response["Location"].startswith("/account/verify/?next=")
    assert client.get("/account/two-factor/")["Location"].startswith("/account/verify/")  # no new device


def test_the_partner_account_without_a_role_needs_a_second_factor_too(actors):
    assert _password_only("bob").get("/")["Location"].startswith("/account/two-factor/")


def test_an_ambassador_without_a_device_is_signed_in_by_the_password(actors):
    client = _password_only("charlie")

    assert client.get("/").status_code == 200


def test_an_ambassador_who_set_up_a_device_must_use_it(actors):
    give_authenticator(actors["charlie"])

    assert _password_only("charlie").get("/")["Location"].startswith("/account/verify/")


def test_a_half_signed_in_session_cannot_read_the_taxii_api(actors):
    give_authenticator(actors["alice"])
    half = _password_only("alice")
    full = signed_in_client(actors["alice"])
    accept = {"accept": "application/taxii+json;version=2.1"}

    assert half.get("/taxii2/api/collections/", headers=accept).status_code == 401
    assert full.get("/taxii2/api/collections/", headers=accept).status_code == 200


def test_the_second_step_page_shows_no_feature_menu(actors):
    give_authenticator(actors["alice"])

    page = _password_only("alice").get("/account/verify/").content.decode()

    assert "<h1>Second step</h1>" in page and 'href="/desk/' not in page
    assert 'href="/desk/' in signed_in_client(actors["alice"]).get("/").content.decode()
