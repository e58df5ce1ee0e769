"""Who sees and changes what on the registry's pages: alice, bob and charlie (no campaigns role) and an
ambassador get 403 everywhere; a reviewer reads everything and changes nothing; a coordinator does all."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hotline.peace.campaigns.models import Ambassador, Attendance, Bootcamp
from tests.peace.campaigns.registry_data import sample_bytes
from tests.signin import signed_in_client

pytest_plugins = ["tests.peace.campaigns.registry_fixtures"]


def _reads(ambassador, bootcamp):
    return [
        reverse("campaigns:ambassadors"),
        reverse("campaigns:ambassadors") + "?q=siti&skill=writing&active=yes",
        reverse("campaigns:ambassador", args=[ambassador.pk]),
        reverse("campaigns:bootcamps"),
        reverse("campaigns:bootcamp", args=[bootcamp.pk]),
    ]


def _writes(ambassador, bootcamp):
    edit = {
        "external_id": "DD-0001",
        "name": "Changed",
        "province": "Aceh",
        "languages": "id",
        "skills": "it",
    }
    return [
        (reverse("campaigns:ambassador", args=[ambassador.pk]), edit),
        (reverse("campaigns:ambassador-new"), {**edit, "external_id": "DD-0777"}),
        (reverse("campaigns:ambassador-link", args=[ambassador.pk]), {"username": ""}),
        (reverse("campaigns:bootcamps"), {"code": "x-1", "name": "X", "place": "Y", "starts_on": "2026-01-01",
                                          "ends_on": "2026-01-02"}),
        (reverse("campaigns:bootcamp", args=[bootcamp.pk]),
         {"action": "participants", "external_ids": "DD-0002"}),
        (reverse("campaigns:ambassadors-import"), {"file": SimpleUploadedFile("a.csv", sample_bytes())}),
    ]  # fmt: skip


def _unchanged(ambassador):
    assert Ambassador.objects.get(pk=ambassador.pk).name == "Siti Nurhaliza"
    assert Ambassador.objects.get(pk=ambassador.pk).user is not None
    assert Ambassador.objects.count() == 2 and Bootcamp.objects.count() == 2
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "ambassador"])
def test_users_without_campaigns_read_see_none_of_the_registry(
    actors, ambassador, second_ambassador, sample_cohorts, who
):
    user = ambassador.user if who == "ambassador" else actors[who]
    client = signed_in_client(user)
    for url in _reads(ambassador, ambassador.cohort):
        assert client.get(url).status_code == 403, url
    for url in (reverse("campaigns:ambassador-new"), reverse("campaigns:ambassadors-import")):
        assert client.get(url).status_code == 403, url
    for url, data in _writes(ambassador, ambassador.cohort):
        assert client.post(url, data).status_code == 403, url
    _unchanged(ambassador)
    menu = client.get(reverse("web:home")).content.decode()
    assert reverse("campaigns:ambassadors") not in menu


def test_a_reviewer_reads_everything_and_changes_nothing(
    reviewer, ambassador, second_ambassador, sample_cohorts
):
    client = signed_in_client(reviewer)
    # The frame's own forms (language, sign-out) are on every page; the registry adds none for a reviewer.
    frame_forms = client.get(reverse("web:home")).content.decode().count('method="post"')
    for url in _reads(ambassador, ambassador.cohort):
        page = client.get(url)
        assert page.status_code == 200, url
        assert page.content.decode().count('method="post"') == frame_forms, url
    for url in (reverse("campaigns:ambassador-new"), reverse("campaigns:ambassadors-import")):
        assert client.get(url).status_code == 403, url
    for url, data in _writes(ambassador, ambassador.cohort):
        assert client.post(url, data).status_code == 403, url
    _unchanged(ambassador)
    assert reverse("campaigns:ambassadors") in client.get(reverse("web:home")).content.decode()


def test_a_coordinator_changes_the_registry(coordinator, ambassador, second_ambassador, sample_cohorts):
    client = signed_in_client(coordinator)
    for url in _reads(ambassador, ambassador.cohort):
        assert client.get(url).status_code == 200, url
    for url in (reverse("campaigns:ambassador-new"), reverse("campaigns:ambassadors-import")):
        assert client.get(url).status_code == 200, url
    for url, data in _writes(ambassador, ambassador.cohort):
        assert client.post(url, data).status_code in (200, 302), url
    assert Ambassador.objects.get(pk=ambassador.pk).user is None
    assert Ambassador.objects.filter(external_id="DD-0777").exists()
    assert Bootcamp.objects.filter(code="x-1").exists()
    assert Attendance.objects.filter(ambassador=second_ambassador).exists()
    # The import came last: it put the sample's record of DD-0001 back over the edit.
    assert Ambassador.objects.get(pk=ambassador.pk).name == "Siti Nurhaliza"
    assert Ambassador.objects.count() == 21


def test_what_does_not_exist_is_a_404(coordinator):
    client = signed_in_client(coordinator)
    assert client.get(reverse("campaigns:ambassador", args=[999])).status_code == 404
    assert client.get(reverse("campaigns:bootcamp", args=[999])).status_code == 404


def test_a_signed_out_visitor_is_sent_to_sign_in(db):
    from django.test import Client

    response = Client().get(reverse("campaigns:ambassadors"))
    assert response.status_code == 302 and "/login" in response["Location"]
