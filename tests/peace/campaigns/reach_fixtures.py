"""Fixtures of the reach tests (import the `fixture_…` functions into a test module to use them) and
factories (tracked links, metrics, dashboard, report, sharing). Other engineers' objects (campaigns,
assignments, publications) are made with the ORM directly."""

from datetime import UTC, date, datetime

import pytest

from hotline.access import roles
from hotline.access.services import create_user
from hotline.peace.campaigns.models import (
    Ambassador,
    Assignment,
    Brief,
    Campaign,
    Draft,
    LibraryItem,
    Publication,
    Review,
)
from tests.actors import PASSWORD

NOON = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(name="coordinator_user")
def fixture_coordinator_user(actors):
    return create_user("cora", roles.COORDINATOR, PASSWORD)


@pytest.fixture(name="reviewer_user")
def fixture_reviewer_user(actors):
    return create_user("rey", roles.REVIEWER, PASSWORD)


@pytest.fixture(name="ambassador_user")
def fixture_ambassador_user(actors):
    user = create_user("amba", roles.AMBASSADOR, PASSWORD)
    make_ambassador("A-001", "Ayu", "Aceh", user=user)
    return user


def make_ambassador(external_id: str, name: str, province: str, **fields) -> Ambassador:
    return Ambassador.objects.create(external_id=external_id, name=name, province=province, **fields)


def make_campaign(title: str = "Damai itu indah", **fields) -> Campaign:
    values = {
        "theme": "recruitment", "starts_on": date(2025, 7, 1), "ends_on": date(2025, 9, 30),
        "key_message_id": "Damai itu indah", "key_message_vi": "Hòa bình là đẹp",
        "key_message_en": "Peace is beautiful", "status": "active", **fields,
    }  # fmt: skip
    return Campaign.objects.create(title=title, **values)


def make_publication(
    campaign: Campaign,
    ambassador: Ambassador,
    url: str,
    *,
    kind: str = "article",
    published_on: date = date(2025, 7, 10),
    platform: str = "instagram",
    approved: bool = True,
    approved_on: date | None = None,
) -> Publication | None:
    """An ambassador's published (approved, by default) content for the campaign; unapproved: a submitted
    draft only, and no publication (None)."""
    brief = Brief.objects.create(
        campaign=campaign, title=f"{kind} for {ambassador.name}", kind=kind, language="id",
        due_on=published_on,
    )  # fmt: skip
    assignment = Assignment.objects.create(
        brief=brief, ambassador=ambassador, due_on=published_on, assigned_at=NOON,
        status="published" if approved else "submitted",
    )  # fmt: skip
    draft = Draft.objects.create(assignment=assignment, number=1, text="…", submitted_at=NOON)
    if not approved:
        return None
    approved_at = datetime.combine(approved_on or published_on, NOON.timetz())
    Review.objects.create(draft=draft, decision="request_changes", decided_at=approved_at)
    Review.objects.create(draft=draft, decision="approve", decided_at=approved_at)
    LibraryItem.objects.create(
        campaign=campaign, draft=draft, title=brief.title, theme=campaign.theme, language="id",
        kind=kind, text="Damai", approved_at=approved_at,
    )  # fmt: skip
    return Publication.objects.create(
        assignment=assignment, url=url, platform=platform, published_on=published_on, recorded_at=NOON
    )
