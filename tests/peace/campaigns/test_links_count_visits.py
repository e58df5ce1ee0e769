"""A tracked link redirects to the ambassador's content and counts each visit, in total and per day; an
unknown code is a plain 404; only http(s) targets; a HEAD is not a visit."""

from datetime import date

import pytest
from django.test import Client

from hotline.peace.campaigns import links
from hotline.peace.campaigns.models import LinkVisits, TrackedLink
from hotline.peace.campaigns.reach_errors import NotAllowed, ReachError
from tests.peace.campaigns.reach_fixtures import (  # noqa: F401
    fixture_ambassador_user,
    fixture_coordinator_user,
    make_ambassador,
    make_campaign,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(coordinator_user):
    ayu = make_ambassador("A-001", "Ayu", "Aceh")
    return links.create_link(coordinator_user, make_campaign(), ayu, "https://blog.example/damai")


def test_a_visit_redirects_and_is_counted_on_its_day(link):
    response = Client().get(f"/r/{link.code}")
    assert response.status_code == 302
    assert response["Location"] == "https://blog.example/damai"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    links.visit(link.code, day=date(2025, 7, 2))
    links.visit(link.code, day=date(2025, 7, 2))
    link.refresh_from_db()
    assert link.visits == 3
    per_day = dict(LinkVisits.objects.filter(link=link).values_list("day", "visits"))
    assert per_day[date(2025, 7, 2)] == 2
    assert sum(per_day.values()) == 3


def test_an_unknown_code_is_a_plain_404_and_counts_nothing(link):
    response = Client().get("/r/nosuchcode")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
    assert response["Referrer-Policy"] == "no-referrer"
    assert TrackedLink.objects.get().visits == 0
    assert not LinkVisits.objects.exists()


def test_a_head_request_redirects_without_counting(link):
    assert Client().head(f"/r/{link.code}").status_code == 302
    link.refresh_from_db()
    assert link.visits == 0


@pytest.mark.parametrize(
    "target", ["javascript:alert(1)", "data:text/html,x", "/campaigns/", "ftp://files.example/x", "https://"]
)
def test_only_http_targets_are_accepted(coordinator_user, target):
    with pytest.raises(ReachError, match="http"):
        links.create_link(coordinator_user, make_campaign(), make_ambassador("A-2", "Budi", "Bali"), target)
    assert not TrackedLink.objects.exists()


def test_a_bad_target_stored_by_other_means_is_never_followed(link):
    TrackedLink.objects.filter(pk=link.pk).update(target_url="javascript:alert(1)")
    assert Client().get(f"/r/{link.code}").status_code == 404


def test_one_link_per_ambassador_and_campaign_retargeted_not_duplicated(link, coordinator_user):
    again = links.create_link(coordinator_user, link.campaign, link.ambassador, "https://x.example/new")
    assert again.pk == link.pk and again.code == link.code
    assert TrackedLink.objects.get().target_url == "https://x.example/new"


def test_the_system_makes_a_link_when_an_assignment_is_made_and_it_waits_for_a_target(actors):
    link = links.ensure_link(make_campaign(), make_ambassador("A-3", "Citra", "Jawa Barat"))
    assert len(link.code) == links.CODE_LENGTH
    assert Client().get(f"/r/{link.code}").status_code == 404  # nothing to go to yet
    links.ensure_link(link.campaign, link.ambassador, "https://video.example/v/1")
    assert Client().get(f"/r/{link.code}")["Location"] == "https://video.example/v/1"


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_only_a_coordinator_creates_links(actors, who):
    with pytest.raises(NotAllowed):
        links.create_link(
            actors[who], make_campaign(), make_ambassador("A-4", "Dewi", "Bali"), "https://e.x/"
        )
    assert not TrackedLink.objects.exists()


def test_an_ambassador_cannot_create_links(ambassador_user):
    with pytest.raises(NotAllowed):
        links.create_link(ambassador_user, make_campaign(), ambassador_user.ambassador, "https://e.x/")
