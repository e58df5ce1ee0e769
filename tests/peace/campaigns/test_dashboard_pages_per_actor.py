"""The reach pages: a coordinator sees the dashboard with its four charts (SVG images drawn on the server,
nothing fetched from elsewhere) and a table beside each, creates links and imports metrics; a reviewer reads
only; alice, bob, charlie and an ambassador get 403; a partner's shared campaign or an unknown one is 404."""

import base64
import re
from datetime import date

import pytest
from django.urls import reverse

from hotline.peace.campaigns import links
from hotline.peace.campaigns.models import PostMetrics, TrackedLink
from tests.peace.campaigns.reach_fixtures import (  # noqa: F401
    fixture_ambassador_user,
    fixture_coordinator_user,
    fixture_reviewer_user,
    make_ambassador,
    make_campaign,
    make_publication,
)
from tests.signin import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    campaign = make_campaign("Damai")
    ayu = make_ambassador("A-1", "Ayu", "Aceh")
    make_publication(campaign, ayu, "https://a.example/1", kind="video", approved_on=date(2025, 7, 3))
    link = links.ensure_link(campaign, ayu, "https://a.example/1")
    for _ in range(3):
        links.visit(link.code)
    return campaign


def _svgs(html: str) -> list[str]:
    prefix = 'src="data:image/svg+xml;charset=utf-8;base64,'
    return [base64.b64decode(part.split('"', 1)[0]).decode() for part in html.split(prefix)[1:]]


def test_the_dashboard_has_four_charts_each_with_its_table(coordinator_user, campaign):
    response = signed_in_client(coordinator_user).get(reverse("campaigns:reach"))
    assert response.status_code == 200
    html = response.content.decode()
    svgs = _svgs(html)
    assert len(svgs) == 4
    for svg in svgs:  # a picture, nothing that runs or is fetched
        assert svg.startswith("<svg") and "<script" not in svg
        assert (
            not re.search(r"(href|src)=\"(https?:)?//", svg)
            and "@import" not in svg
            and "url(http" not in svg
        )
    assert "Approved content by kind and month" in svgs[0] and "2025-07" in svgs[0]
    assert "Damai" in svgs[1] and "Aceh" in svgs[2] and "Ayu" in svgs[3]
    assert html.count("<table") == 5  # the figures at a glance, and one beside each chart
    assert "the figures are in the table below" in html


def test_a_campaign_page_lists_its_links_and_a_coordinator_creates_one(coordinator_user, campaign):
    client = signed_in_client(coordinator_user)
    page = client.get(reverse("campaigns:reach-campaign", args=[campaign.pk])).content.decode()
    assert TrackedLink.objects.get().code in page
    budi = make_ambassador("A-2", "Budi", "Bali")
    url = reverse("campaigns:reach-link-create", args=[campaign.pk])
    response = client.post(url, {"ambassador": budi.pk, "target_url": "https://b.example/v"}, follow=True)
    assert response.status_code == 200
    link = TrackedLink.objects.get(ambassador=budi)
    assert f"/r/{link.code}" in response.content.decode()
    client.post(url, {"ambassador": budi.pk, "target_url": "javascript:alert(1)"})
    assert client.post(url, {"ambassador": "x", "target_url": "https://b.example/w"}).status_code == 404
    link.refresh_from_db()
    assert link.target_url == "https://b.example/v"


def test_metrics_upload_reports_each_bad_row_and_imports_a_good_file(coordinator_user, campaign):
    client = signed_in_client(coordinator_user)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("m.csv", b"url,date,views\nhttps://a.example/1,someday,x\n", "text/csv")
    response = client.post(reverse("campaigns:reach-metrics"), {"file": bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert "line 2, column date: &#x27;someday&#x27; is not a date" in html
    assert "line 2, column views: &#x27;x&#x27; is not a whole number" in html
    assert not PostMetrics.objects.exists()
    good = SimpleUploadedFile("m.csv", b"url,date,views\nhttps://a.example/1,2025-07-04,40\n", "text/csv")
    assert client.post(reverse("campaigns:reach-metrics"), {"file": good}).status_code == 200
    assert PostMetrics.objects.get().views == 40


def test_a_reviewer_reads_but_does_not_change(reviewer_user, campaign):
    client = signed_in_client(reviewer_user)
    assert client.get(reverse("campaigns:reach")).status_code == 200
    assert client.get(reverse("campaigns:reach-campaign", args=[campaign.pk])).status_code == 200
    assert client.get(reverse("campaigns:reach-metrics")).status_code == 403
    ayu = TrackedLink.objects.get().ambassador
    url = reverse("campaigns:reach-link-create", args=[campaign.pk])
    assert client.post(url, {"ambassador": ayu.pk, "target_url": "https://x.example/"}).status_code == 403
    assert TrackedLink.objects.get().target_url == "https://a.example/1"


def test_others_are_refused_everywhere(actors, ambassador_user, campaign):
    urls = [
        reverse("campaigns:reach"), reverse("campaigns:reach-campaign", args=[campaign.pk]),
        reverse("campaigns:reach-metrics"), reverse("campaigns:reach-report", args=[campaign.pk, "csv"]),
    ]  # fmt: skip
    for user in (actors["alice"], actors["bob"], actors["charlie"], ambassador_user):
        client = signed_in_client(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user, url)


def test_an_unknown_campaign_is_not_found(coordinator_user, campaign):
    client = signed_in_client(coordinator_user)
    assert client.get(reverse("campaigns:reach-campaign", args=[campaign.pk + 100])).status_code == 404


def test_the_menu_has_reach_for_readers_only(actors, reviewer_user):
    reach = reverse("campaigns:reach")
    assert f'href="{reach}"' in signed_in_client(reviewer_user).get("/").content.decode()
    assert f'href="{reach}"' not in signed_in_client(actors["alice"]).get("/").content.decode()
