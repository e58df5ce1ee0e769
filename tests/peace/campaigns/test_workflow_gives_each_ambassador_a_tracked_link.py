"""Assigning a brief gives the ambassador their short link for the campaign; recording the publication aims it
at the post, and `/r/<code>` then redirects there and counts the visit."""

from django.test import Client
from django.urls import reverse

from hotline.peace.campaigns import workflow
from hotline.peace.campaigns.models import TrackedLink
from tests.peace.campaigns.workflow_fixtures import *  # noqa: F403
from tests.peace.campaigns.workflow_fixtures import days_ago
from tests.signin import signed_in_client

POST = "https://blog.example.org/damai-itu-keren"


def test_the_link_is_made_at_assignment_and_aimed_at_the_publication(submitted, reviewer, ambassador_user):
    link = TrackedLink.objects.get(campaign=submitted.brief.campaign, ambassador=submitted.ambassador)
    assert link.target_url == ""
    page = signed_in_client(ambassador_user).get(reverse("campaigns:assignment", args=[submitted.pk]))
    assert f"/r/{link.code}" in page.content.decode()
    assert Client().get(f"/r/{link.code}").status_code == 404  # nowhere to go yet

    workflow.review(reviewer, submitted, "approve")
    workflow.record_publication(
        ambassador_user, submitted, url=POST, platform="blog", published_on=days_ago(1)
    )
    visit = Client().get(f"/r/{link.code}")
    assert (visit.status_code, visit["Location"]) == (302, POST)
    link.refresh_from_db()
    assert (link.target_url, link.visits) == (POST, 1)
