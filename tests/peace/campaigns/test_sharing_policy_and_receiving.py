"""Sharing is a coordinator's act and the access policy's decision: a partner's copy is never passed on;
what is shared is stored through intel and placed (signed) in the partner's outbound collection. Receiving
files a read-only copy; the same object twice is one row, an older version changes nothing, a newer one
updates, and an object another partner created is not filed."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from hotline.federation.services import create_partner
from hotline.intel.models import CollectionEntry
from hotline.peace.campaigns import sharing, stix_types
from hotline.peace.campaigns.models import Campaign, LibraryItem
from hotline.peace.campaigns.reach_errors import NotAllowed, ReachError
from tests.peace.campaigns.reach_fixtures import (  # noqa: F401
    fixture_coordinator_user,
    fixture_reviewer_user,
    make_ambassador,
    make_campaign,
    make_publication,
)
from tests.signin import signed_in_client

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
THEIR_ID = "hotline-counter-campaign--6b0e4c8a-2f1d-4e3b-9a7c-1d2e3f4a5b6c"


@pytest.fixture
def mps(actors):
    return create_partner("mps", "Ministry of Public Security (Viet Nam)", account=actors["bob"])


@pytest.fixture
def campaign():
    campaign = make_campaign("Damai")
    make_publication(campaign, make_ambassador("A-1", "Ayu", "Aceh"), "https://a.example/1")
    return campaign


def _outbound_types(partner) -> list[str]:
    entries = CollectionEntry.objects.filter(
        collection=partner.outbound, type__in=[stix_types.CAMPAIGN, "note"]
    )
    return sorted(entries.values_list("type", flat=True))


def test_a_coordinator_shares_and_it_is_placed_for_the_partner(coordinator_user, campaign, mps):
    result = sharing.share_campaign(coordinator_user, campaign, mps)
    assert (result.items, result.refused) == (1, [])
    assert _outbound_types(mps) == ["hotline-counter-campaign", "note"]
    assert list(campaign.shared_with.all()) == [mps]
    assert list(LibraryItem.objects.get().shared_with.all()) == [mps]


def test_the_page_shares_and_others_may_not(actors, reviewer_user, coordinator_user, campaign, mps):
    url = reverse("campaigns:reach-share", args=[campaign.pk])
    for user in (actors["alice"], actors["bob"], actors["charlie"], reviewer_user):
        assert signed_in_client(user).post(url, {"partner": "mps"}).status_code == 403
    assert _outbound_types(mps) == []
    with pytest.raises(NotAllowed):
        sharing.share_campaign(reviewer_user, campaign, mps)
    response = signed_in_client(coordinator_user).post(url, {"partner": "mps"}, follow=True)
    assert "Shared with Ministry of Public Security (Viet Nam): the campaign and 1 library items." in (
        response.content.decode()
    )
    assert _outbound_types(mps) == ["hotline-counter-campaign", "note"]


def _their_campaign(mps, modified=T0, **changes) -> dict:
    obj = stix_types.campaign_object(
        stix_id=THEIR_ID, created=T0, modified=modified, created_by_ref=mps.identity_id, name="Hòa bình",
        description="", theme="extremism online", key_messages={"vi": "Hòa bình là đẹp", "en": "Peace"},
        audiences="", regions=["Hà Nội"], starts_on=date(2026, 1, 1), ends_on=date(2026, 3, 1),
        goal_content=10, goal_reach=100, status="active",
    )  # fmt: skip
    return {**obj, **changes}


def _their_note(mps) -> dict:
    return stix_types.library_note(
        stix_id="note--0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f", created=T0, created_by_ref=mps.identity_id,
        campaign_ref=THEIR_ID, title="Video hòa bình", text="", link="https://v.example/1", language="vi",
        theme="extremism online", kind="video",
    )  # fmt: skip


def test_received_objects_become_read_only_copies_once(mps):
    objects = [_their_note(mps), _their_campaign(mps)]  # the note first: campaigns are filed first anyway
    assert sharing.receive_objects(objects, partner=mps) == 2
    assert sharing.receive_objects(objects, partner=mps) == 0
    copy = Campaign.objects.get()
    assert (copy.title, copy.origin, copy.read_only, copy.key_message_vi, copy.regions) == (
        "Hòa bình",
        mps,
        True,
        "Hòa bình là đẹp",
        ["Hà Nội"],
    )
    item = LibraryItem.objects.get()
    assert (item.campaign, item.origin, item.kind, item.language, item.link, item.text) == (
        copy,
        mps,
        "video",
        "vi",
        "https://v.example/1",
        "",
    )


def test_a_newer_version_updates_an_older_one_does_not(mps):
    sharing.receive_objects([_their_campaign(mps, modified=datetime(2026, 2, 1, tzinfo=UTC))], partner=mps)
    sharing.receive_objects([_their_campaign(mps, name="Older")], partner=mps)
    assert Campaign.objects.get().title == "Hòa bình"
    sharing.receive_objects(
        [_their_campaign(mps, modified=datetime(2026, 3, 1, tzinfo=UTC), name="Newer")], partner=mps
    )
    assert Campaign.objects.get().title == "Newer"


def test_an_object_another_party_created_or_a_bad_one_is_not_filed(mps, actors):
    forged = _their_campaign(mps, created_by_ref="identity--" + "9" * 8 + "-9999-4999-8999-" + "9" * 12)
    bad = _their_campaign(mps, starts_on="soon")
    bad["id"] = "hotline-counter-campaign--1b0e4c8a-2f1d-4e3b-9a7c-1d2e3f4a5b6c"
    assert sharing.receive_objects([forged, bad], partner=mps) == 0
    assert not Campaign.objects.exists()


def test_a_partners_copy_is_not_passed_on(coordinator_user, mps):
    sharing.receive_objects([_their_campaign(mps)], partner=mps)
    other = create_partner("pdrm", "Royal Malaysia Police")
    with pytest.raises(ReachError, match="came from mps; it is not passed on"):
        sharing.share_campaign(coordinator_user, Campaign.objects.get(), other)
    assert _outbound_types(other) == []
