"""The campaign report, CSV and PDF, in English, Indonesian and Vietnamese: the campaign, its key message in
the report's language, its figures and tables (pypdf reads the PDF's text back, diacritics included);
downloaded from the campaign's page in the page's language; only for those who read campaigns."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from hotline.peace.campaigns import links, report
from hotline.peace.campaigns.models import PostMetrics
from hotline.peace.campaigns.reach_errors import NotAllowed, ReachError
from tests.peace.campaigns.reach_fixtures import (  # noqa: F401
    NOON,
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
    campaign = make_campaign("Damai", goal_reach=500, goal_content=3)
    ayu = make_ambassador("A-1", "Ayu Lestari", "Aceh")
    publication = make_publication(
        campaign, ayu, "https://a.example/1", kind="video", approved_on=date(2025, 7, 3)
    )
    PostMetrics.objects.create(
        publication=publication, measured_on=date(2025, 7, 4), views=321, impressions=900, likes=12,
        imported_at=NOON,
    )  # fmt: skip
    link = links.ensure_link(campaign, ayu, "https://a.example/1")
    for _ in range(4):
        links.visit(link.code)
    return campaign


def _pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


@pytest.mark.parametrize(
    "language, heading, message, words",
    [
        (
            "en",
            "Campaign report: Damai",
            "Peace is beautiful",
            ["Approved content", "Reach by province", "video"],
        ),
        (
            "id",
            "Laporan kampanye: Damai",
            "Damai itu indah",
            ["Konten disetujui", "Jangkauan per provinsi", "video"],
        ),
        (
            "vi",
            "Báo cáo chiến dịch: Damai",
            "Hòa bình là đẹp",
            ["Nội dung đã duyệt", "Phạm vi tiếp cận theo tỉnh"],
        ),
    ],
)
def test_pdf_and_csv_in_each_language(coordinator_user, campaign, language, heading, message, words):
    text = _pdf_text(report.generate(coordinator_user, campaign, "pdf", language))
    for expected in [heading, message, "Ayu Lestari", "Aceh", "321", "325", *words]:
        assert expected in text, (language, expected)
    rows = list(
        csv.reader(
            io.StringIO(report.generate(coordinator_user, campaign, "csv", language).decode("utf-8-sig"))
        )
    )
    assert rows[0] == [heading]
    cells = {cell for row in rows for cell in row}
    assert {message, "Ayu Lestari", "https://a.example/1", "321", "325", *words} <= cells


def test_the_page_language_is_the_report_language(coordinator_user, campaign):
    client = signed_in_client(coordinator_user, "vi")
    response = client.get(reverse("campaigns:reach-report", args=[campaign.pk, "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Báo cáo chiến dịch: Damai" in _pdf_text(response.content)
    response = client.get(reverse("campaigns:reach-report", args=[campaign.pk, "csv"]) + "?language=id")
    assert response.content.decode("utf-8-sig").startswith("Laporan kampanye: Damai")


def test_unknown_format_or_language_is_refused(coordinator_user, campaign):
    with pytest.raises(ReachError, match="unknown format"):
        report.generate(coordinator_user, campaign, "docx", "en")
    with pytest.raises(ReachError, match="unknown language"):
        report.generate(coordinator_user, campaign, "pdf", "fr")


def test_a_reviewer_may_and_others_may_not(actors, reviewer_user, campaign):
    assert report.generate(reviewer_user, campaign, "csv", "en")
    for user in (actors["alice"], actors["bob"], actors["charlie"]):
        with pytest.raises(NotAllowed):
            report.generate(user, campaign, "csv", "en")
