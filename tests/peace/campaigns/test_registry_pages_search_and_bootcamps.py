"""The registry's pages at work: the list searched and filtered with its figures; an ambassador edited and
linked to an account; a bootcamp created, its participants added and their attendance recorded."""

import re

from django.urls import reverse

from hotline.access import roles
from hotline.access.services import create_user
from hotline.peace.campaigns import csv_import
from hotline.peace.campaigns.models import Ambassador, Attendance, Bootcamp
from tests.actors import PASSWORD
from tests.peace.campaigns.registry_data import HEADER, sample_bytes
from tests.signin import signed_in_client

pytest_plugins = ["tests.peace.campaigns.registry_fixtures"]


def test_the_list_is_searched_and_filtered_with_its_figures(reviewer, coordinator, sample_cohorts):
    csv_import.import_ambassadors(coordinator, sample_bytes())
    client = signed_in_client(reviewer)

    everyone = client.get(reverse("campaigns:ambassadors")).content.decode()
    assert "<strong>18</strong> active ambassadors" in everyone and "of 20 in the registry" in everyone
    assert "<strong>17</strong> provinces covered" in everyone and "Indonesia 10, Vietnam 7" in everyone
    found = client.get(
        reverse("campaigns:ambassadors"), {"q": "nguyen", "province": "Hà Nội"}
    ).content.decode()
    assert "Nguyễn Văn An" in found and "Siti Nurhaliza" not in found and "1 ambassador<" in found
    videos = client.get(reverse("campaigns:ambassadors"), {"skill": "video", "cohort": "2025-danang"})
    text = videos.content.decode()
    assert "Võ Quốc Bảo" in text and "Rizky Ramadhan" not in text
    assert "At a glance (this search)" in text and "3 ambassadors<" in text


def test_a_coordinator_edits_an_ambassador_and_links_an_account(coordinator, ambassador, sample_cohorts):
    client = signed_in_client(coordinator)
    url = reverse("campaigns:ambassador", args=[ambassador.pk])
    form = {"external_id": "DD-0001", "name": "Siti Nurhaliza", "province": "Aceh", "languages": ["id", "ar"],
            "skills": ["writing", "video"], "cohort": "2025-danang", "channels": "https://a.example.org\nhttps://x.com/a",
            "active": "no", "active_since": "2025-03-13"}  # fmt: skip

    assert client.post(url, form).status_code == 302
    ambassador.refresh_from_db()
    assert (ambassador.province, ambassador.languages, ambassador.skills) == (
        "Aceh",
        ["id", "ar"],
        ["writing", "video"],
    )
    assert ambassador.cohort.code == "2025-danang" and not ambassador.active
    assert [c["platform"] for c in ambassador.channels] == ["web", "x"]
    refused = client.post(url, {**form, "email": "not-an-address"})
    assert (
        refused.status_code == 400
        and "email: &#x27;not-an-address&#x27; is not an e-mail address" in refused.content.decode()
    )

    create_user("writer", roles.AMBASSADOR, PASSWORD)
    page = client.get(url).content.decode()
    assert '<option value="writer">writer</option>' in page
    # Every language of the registry is offered (not only the three of the UI).
    for code in ("id", "vi", "en", "jv", "su", "ms", "ar"):
        assert f'name="languages" value="{code}"' in page, code
    assert 'name="languages" value="ar" checked' in page and 'name="skills" value="video" checked' in page
    client.post(reverse("campaigns:ambassador-link", args=[ambassador.pk]), {"username": "writer"})
    assert Ambassador.objects.get(pk=ambassador.pk).user.username == "writer"
    client.post(reverse("campaigns:ambassador-link", args=[ambassador.pk]), {"username": "alice"})
    assert Ambassador.objects.get(pk=ambassador.pk).user.username == "writer"


def test_a_bootcamp_with_participants_and_attendance(coordinator, ambassador, second_ambassador):
    client = signed_in_client(coordinator)
    created = client.post(reverse("campaigns:bootcamps"), {
        "code": "2026-makassar", "name": "Bootcamp Makassar 2026", "place": "Makassar",
        "province": "Sulawesi Selatan", "starts_on": "2026-05-04", "ends_on": "2026-05-06",
        "trainers": "Andi Mappanyukki\nRahmat Hidayat",
    })  # fmt: skip
    makassar = Bootcamp.objects.get(code="2026-makassar")
    url = reverse("campaigns:bootcamp", args=[makassar.pk])
    assert created.status_code == 302 and created["Location"] == url

    client.post(url, {"action": "participants", "external_ids": "DD-0001\nDD-0002"})
    rows = {a.ambassador.external_id: a for a in Attendance.objects.filter(bootcamp=makassar)}
    assert sorted(rows) == ["DD-0001", "DD-0002"]
    saved = client.post(url, {
        "action": "attendance", f"days_{rows['DD-0001'].pk}": "3", f"completed_{rows['DD-0001'].pk}": "1",
        f"days_{rows['DD-0002'].pk}": "1",
    })  # fmt: skip
    assert saved.status_code == 302
    assert Attendance.objects.get(pk=rows["DD-0001"].pk).completed
    assert Attendance.objects.get(pk=rows["DD-0002"].pk).days_attended == 1
    page = client.get(url).content.decode()
    assert "2 participants, 1 completed; 4 of 6 participant-days attended" in page
    assert "Andi Mappanyukki<br>Rahmat Hidayat" in page

    too_many = client.post(url, {"action": "attendance", f"days_{rows['DD-0002'].pk}": "9"})
    assert too_many.status_code == 400 and "between 0 and 3" in too_many.content.decode()
    bad = {"code": "x", "name": "X", "place": "Y", "starts_on": "soon", "ends_on": "2026-01-01"}
    bad_date = client.post(reverse("campaigns:bootcamps"), bad)
    assert (
        bad_date.status_code == 400
        and "starts_on: &#x27;soon&#x27; is not a date" in bad_date.content.decode()
    )
    assert Bootcamp.objects.count() == 2


def test_a_long_list_is_paged_and_keeps_the_search(coordinator, bootcamp):
    rows = "".join(f"DD-{n:04d},Nguyễn Văn {n},,Hà Nội,,vi,writing,,,yes,\n" for n in range(60))
    csv_import.import_ambassadors(coordinator, (HEADER + rows).encode())
    client = signed_in_client(coordinator)

    first = client.get(reverse("campaigns:ambassadors"), {"q": "nguyễn văn"}).content.decode()
    assert "60 ambassadors<" in first and "1 / 2" in first
    assert "?q=nguy%E1%BB%85n+v%C4%83n&amp;page=2" in first
    second = client.get(reverse("campaigns:ambassadors"), {"q": "nguyễn văn", "page": 2}).content.decode()
    assert "2 / 2" in second and len(re.findall(r'href="/campaigns/ambassadors/\d+/"', second)) == 10
