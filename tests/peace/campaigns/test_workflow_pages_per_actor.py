"""Who enters the campaign pages: alice (officer), bob (partner's account) and charlie (ambassador role with
no registry record) nowhere; a reviewer reads and reviews but does not manage; a coordinator manages; an
ambassador sees only their own assignment (another's does not exist for them)."""

import pytest
from django.urls import reverse

from hotline.peace.campaigns.models import Assignment, Brief, Campaign
from tests.peace.campaigns.workflow_fixtures import *  # noqa: F403
from tests.peace.campaigns.workflow_fixtures import CAMPAIGN_DATA
from tests.signin import signed_in_client


def _reads(campaign, brief, assignment):
    return [
        reverse("campaigns:home"),
        reverse("campaigns:campaign", args=[campaign.pk]),
        reverse("campaigns:brief", args=[brief.pk]),
        reverse("campaigns:assignment", args=[assignment.pk]),
        reverse("campaigns:reviews"),
        reverse("campaigns:library"),
    ]


def _manage(campaign, brief, second_ambassador):
    return [
        (reverse("campaigns:campaign-new"), dict(CAMPAIGN_DATA)),
        (reverse("campaigns:campaign-edit", args=[campaign.pk]), {**CAMPAIGN_DATA, "title": "Renamed"}),
        (reverse("campaigns:campaign", args=[campaign.pk]),
         {"title": "B2", "kind": "video", "language": "vi", "due_on": "2026-02-02"}),
        (reverse("campaigns:brief", args=[brief.pk]), {"ambassadors": [second_ambassador.pk]}),
    ]  # fmt: skip


def _state():
    return (
        list(Campaign.objects.values_list("title", flat=True)),
        Brief.objects.count(),
        list(Assignment.objects.values_list("ambassador__external_id", "status")),
    )


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_people_without_a_campaign_right_are_refused_everywhere(actors, submitted, second_ambassador, who):
    client = signed_in_client(actors[who])
    brief, campaign = submitted.brief, submitted.brief.campaign
    before = _state()
    for url in _reads(campaign, brief, submitted) + [reverse("campaigns:mine")]:
        assert client.get(url).status_code == 403, (who, url)
    for url, data in _manage(campaign, brief, second_ambassador):
        assert client.post(url, data).status_code == 403, (who, url)
    assert (
        client.post(reverse("campaigns:assignment-step", args=[submitted.pk, "approve"])).status_code == 403
    )
    assert _state() == before


def test_a_reviewer_reads_and_reviews_but_does_not_manage(reviewer, submitted, second_ambassador):
    client = signed_in_client(reviewer)
    brief, campaign = submitted.brief, submitted.brief.campaign
    for url in _reads(campaign, brief, submitted):
        assert client.get(url).status_code == 200, url
    before = _state()
    for url, data in _manage(campaign, brief, second_ambassador):
        assert client.post(url, data).status_code == 403, url
    assert _state() == before
    page = client.get(reverse("campaigns:reviews")).content.decode()
    assert brief.title in page
    client.post(
        reverse("campaigns:assignment-step", args=[submitted.pk, "request_changes"]), {"comment": "More."}
    )
    assert Assignment.objects.get(pk=submitted.pk).status == "changes_requested"


def test_a_coordinator_manages_through_the_pages(coordinator, submitted, second_ambassador):
    client = signed_in_client(coordinator)
    brief, campaign = submitted.brief, submitted.brief.campaign
    for url in _reads(campaign, brief, submitted):
        assert client.get(url).status_code == 200, url
    for url, data in _manage(campaign, brief, second_ambassador):
        assert client.post(url, data).status_code == 302, url
    titles, briefs, assignments = _state()
    assert sorted(titles) == ["Damai itu Keren", "Renamed"] and briefs == 2
    assert ("DD-0002", "assigned") in assignments
    # Help choosing is on the brief's page: the second ambassador (vi, video) is offered for a vi video brief.
    video = Brief.objects.get(title="B2")
    assert second_ambassador.name in client.get(reverse("campaigns:brief", args=[video.pk])).content.decode()


def test_a_refused_form_says_why_and_keeps_what_was_typed(coordinator):
    client = signed_in_client(coordinator)
    response = client.post(reverse("campaigns:campaign-new"), {**CAMPAIGN_DATA, "ends_on": "2025-01-01"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "ends before it starts" in page and "Damai itu Keren" in page
    assert not Campaign.objects.exists()


def test_an_ambassador_sees_only_their_own_work(submitted, ambassador_user, second_ambassador, reviewer):
    second_ambassador_user = second_ambassador.user
    own, other = signed_in_client(ambassador_user), signed_in_client(second_ambassador_user)
    assert own.get(reverse("campaigns:home")).url == reverse("campaigns:mine")
    assert submitted.brief.title in own.get(reverse("campaigns:mine")).content.decode()
    assert own.get(reverse("campaigns:assignment", args=[submitted.pk])).status_code == 200
    assert own.get(reverse("campaigns:campaign", args=[submitted.brief.campaign_id])).status_code == 200
    # The other ambassador: the assignment, its campaign and brief do not exist; the list is empty.
    assert other.get(reverse("campaigns:assignment", args=[submitted.pk])).status_code == 404
    assert other.get(reverse("campaigns:campaign", args=[submitted.brief.campaign_id])).status_code == 404
    assert other.get(reverse("campaigns:brief", args=[submitted.brief_id])).status_code == 404
    assert submitted.brief.title not in other.get(reverse("campaigns:mine")).content.decode()
    submit = reverse("campaigns:assignment-step", args=[submitted.pk, "submit"])
    assert other.post(submit, {"text": "x"}).status_code == 404
    # Ambassadors neither review nor manage.
    assert own.get(reverse("campaigns:reviews")).status_code == 403
    assert own.post(reverse("campaigns:assignment-step", args=[submitted.pk, "approve"])).status_code == 403
    assert Assignment.objects.get(pk=submitted.pk).status == "submitted"
    assert own.get(reverse("campaigns:campaign-new")).status_code == 403


def test_a_draft_file_is_served_only_to_who_may_see_the_assignment(
    assignment, ambassador_user, second_ambassador, reviewer, actors, png_upload
):
    second_ambassador_user = second_ambassador.user
    own = signed_in_client(ambassador_user)
    own.post(reverse("campaigns:assignment-step", args=[assignment.pk, "submit"]), {"file": png_upload})
    draft = assignment.drafts.get()
    url = reverse("campaigns:draft-file", args=[draft.pk])
    response = signed_in_client(reviewer).get(url)
    assert response.status_code == 200 and response.content.startswith(b"\x89PNG")
    assert response["Content-Disposition"].startswith("attachment")
    assert signed_in_client(second_ambassador_user).get(url).status_code == 404
    assert signed_in_client(actors["alice"]).get(url).status_code == 403
