"""Every programme page with every actor: the secretariat (dina) reads and changes; alice (an officer) reads
but may not change; bob (a partner node's account) and charlie (an ambassador) are refused (403); anyone not
signed in is sent to the sign-in page."""

import pytest
from django.test import Client

from hotline.programme.models import AgreedPoint
from tests.signin import signed_in_client

PAGES = ["/programme/", "/programme/activities/", "/programme/requests/", "/programme/calendar/"]


def _pages(point):
    return [*PAGES, f"/programme/points/{point.pk}/", "/programme/report.csv"]


def test_readers_see_every_page(seeded, actors, secretary):
    point = AgreedPoint.objects.get(number=2)
    for user in (secretary, actors["alice"]):
        client = signed_in_client(user)
        for url in _pages(point):
            assert client.get(url).status_code == 200, (user, url)


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_others_are_refused(seeded, actors, who):
    point = AgreedPoint.objects.get(number=2)
    client = signed_in_client(actors[who])
    for url in _pages(point):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/programme/points/{point.pk}/", {"status": "done"}).status_code == 403
    assert AgreedPoint.objects.get(pk=point.pk).status == "in_progress"


def test_anonymous_is_sent_to_sign_in(seeded):
    response = Client().get("/programme/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_reader_without_edit_sees_no_form_and_cannot_post(seeded, actors):
    point = AgreedPoint.objects.get(number=2)
    client = signed_in_client(actors["alice"])
    page = client.get(f"/programme/points/{point.pk}/").content.decode()
    assert 'name="status"' not in page
    assert client.post(f"/programme/points/{point.pk}/", {"status": "done"}).status_code == 403
    assert client.post("/programme/activities/", {"kind": "workshop", "title": "x"}).status_code == 403
    assert AgreedPoint.objects.get(pk=point.pk).status == "in_progress"


def test_the_menu_shows_the_programme_to_readers_only(seeded, actors):
    assert "/programme/" in signed_in_client(actors["alice"]).get("/").content.decode()
    assert "/programme/" not in signed_in_client(actors["charlie"]).get("/").content.decode()
