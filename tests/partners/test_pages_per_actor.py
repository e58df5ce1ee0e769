"""The partner-links pages per actor: a visitor is sent to sign in; alice (an officer of this node) sees each
link's status and what is quarantined and why, but not the content and no release or discard; bob (a
partner's officer) and charlie (no clearance) are refused; a node admin sees the content and the buttons."""

import pytest

from tests.signin import signed_in_client

PAGES = ["/partners/", "/partners/quarantine/", "/partners/quarantine/?partner=mps"]


@pytest.mark.parametrize("path", PAGES)
def test_a_visitor_is_sent_to_sign_in(client, quarantined, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_bob_and_charlie_are_refused(actors, quarantined, path, who):
    response = signed_in_client(actors[who]).get(path)
    assert response.status_code == 403 and "Unsigned but genuine" not in response.content.decode()


def test_alice_sees_the_links_and_the_quarantine_without_content_or_buttons(actors, quarantined):
    alice = signed_in_client(actors["alice"])

    links = alice.get("/partners/").content.decode()
    assert (
        "Ministry of Public Security" in links and 'href="/partners/quarantine/?partner=mps">1</a>' in links
    )
    page = alice.get("/partners/quarantine/?partner=mps").content.decode()
    assert quarantined.stix_id in page and "the object is not signed" in page
    assert "Unsigned but genuine" not in page and ">Release</button>" not in page


def test_an_admin_sees_the_content_and_can_decide(admin, quarantined):
    page = signed_in_client(admin).get("/partners/quarantine/").content.decode()
    assert "Unsigned but genuine" in page
    assert ">Release</button>" in page and ">Discard</button>" in page


def test_the_menu_shows_the_page_to_those_who_may_see_it(actors, admin):
    assert 'href="/partners/"' in signed_in_client(actors["alice"]).get("/").content.decode()
    assert 'href="/partners/"' in signed_in_client(admin).get("/").content.decode()
    assert 'href="/partners/"' not in signed_in_client(actors["charlie"]).get("/").content.decode()


def test_an_unknown_partner_is_not_found(actors):
    assert signed_in_client(actors["alice"]).get("/partners/quarantine/?partner=nobody").status_code == 404
