"""The dashboard's figures on a known set: content produced by kind and month, reach (link visits + post
views) by campaign and by province, the leaderboard by approved content; unapproved work and a partner's
shared campaign count for nothing; a single campaign's figures are its own."""

from datetime import date

import pytest

from hotline.federation.services import create_partner
from hotline.peace.campaigns import dashboard, links
from hotline.peace.campaigns.models import PostMetrics
from hotline.peace.campaigns.reach_errors import NotAllowed
from tests.peace.campaigns.reach_fixtures import (  # noqa: F401
    NOON,
    fixture_ambassador_user,
    fixture_coordinator_user,
    fixture_reviewer_user,
    make_ambassador,
    make_campaign,
    make_publication,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def known():
    """Two campaigns; Ayu (Aceh) 3 approved pieces, Budi (Bali) 1, Citra (Aceh) 1 + 1 not approved."""
    damai = make_campaign("Damai", goal_reach=1000, goal_content=4)
    rukun = make_campaign("Rukun")
    ayu = make_ambassador("A-1", "Ayu", "Aceh")
    budi = make_ambassador("A-2", "Budi", "Bali")
    citra = make_ambassador("A-3", "Citra", "Aceh")
    ayu1 = make_publication(damai, ayu, "https://a.example/1", kind="article", approved_on=date(2025, 7, 3))
    make_publication(damai, ayu, "https://a.example/2", kind="video", approved_on=date(2025, 7, 20))
    make_publication(rukun, ayu, "https://a.example/3", kind="video", approved_on=date(2025, 8, 2))
    budi1 = make_publication(
        damai, budi, "https://b.example/1", kind="infographic", approved_on=date(2025, 8, 9)
    )
    make_publication(rukun, citra, "https://c.example/1", kind="article", approved_on=date(2025, 8, 30))
    make_publication(rukun, citra, "https://c.example/2", kind="video", approved=False)
    for day, views in ((date(2025, 7, 10), 100), (date(2025, 7, 11), 50)):
        PostMetrics.objects.create(publication=ayu1, measured_on=day, views=views, impressions=2 * views,
                                   likes=5, shares=2, comments=1, imported_at=NOON)  # fmt: skip
    PostMetrics.objects.create(publication=budi1, measured_on=date(2025, 8, 10), views=30, impressions=90,
                               imported_at=NOON)  # fmt: skip
    ayu_link = links.ensure_link(damai, ayu, "https://a.example/1")
    citra_link = links.ensure_link(rukun, citra, "https://c.example/1")
    for _ in range(7):
        links.visit(ayu_link.code)
    for _ in range(4):
        links.visit(citra_link.code)
    # A partner's shared campaign, with a link that has visits: not ours, not counted.
    partner = create_partner("mps", "Ministry of Public Security (Viet Nam)")
    shared = make_campaign("Hòa bình", origin=partner)
    make_publication(shared, budi, "https://p.example/1", kind="video", approved_on=date(2025, 7, 1))
    return {"damai": damai, "rukun": rukun}


def test_content_produced_by_kind_and_month(coordinator_user, known):
    data = dashboard.figures(coordinator_user)
    assert data.months == ["2025-07", "2025-08"]
    assert data.content_by_kind == {"article": [1, 1], "infographic": [0, 1], "video": [1, 1]}
    assert (data.approved, data.published, data.ambassadors) == (5, 5, 3)


def test_reach_by_campaign(coordinator_user, known):
    rows = {row.label: row for row in dashboard.figures(coordinator_user).by_campaign}
    assert set(rows) == {"Damai", "Rukun"}
    damai, rukun = rows["Damai"], rows["Rukun"]
    assert (damai.approved, damai.visits, damai.views, damai.impressions, damai.engagement) == (
        3,
        7,
        180,
        390,
        16,
    )
    assert damai.reach == 187 and damai.goal_reach == 1000
    assert (rukun.approved, rukun.visits, rukun.views, rukun.reach) == (2, 4, 0, 4)


def test_reach_by_province(coordinator_user, known):
    rows = [
        (r.label, r.approved, r.visits, r.views, r.reach)
        for r in dashboard.figures(coordinator_user).by_province
    ]
    assert rows == [("Aceh", 4, 11, 150, 161), ("Bali", 1, 0, 30, 30)]


def test_leaderboard_by_approved_content(coordinator_user, known):
    rows = [
        (r.name, r.province, r.approved, r.reach) for r in dashboard.figures(coordinator_user).leaderboard
    ]
    assert rows == [("Ayu", "Aceh", 3, 157), ("Budi", "Bali", 1, 30), ("Citra", "Aceh", 1, 4)]


def test_one_campaign_alone(coordinator_user, known):
    data = dashboard.figures(coordinator_user, known["rukun"])
    assert [row.label for row in data.by_campaign] == ["Rukun"]
    assert (data.approved, data.visits, data.views, data.reach) == (2, 4, 0, 4)
    # a tie on approved content: the reach in this campaign decides (Citra's link has 4 visits)
    assert [(r.name, r.approved, r.reach) for r in data.leaderboard] == [("Citra", 1, 4), ("Ayu", 1, 0)]


def test_a_reviewer_reads_the_figures_and_no_one_else(actors, reviewer_user, ambassador_user, known):
    assert dashboard.figures(reviewer_user).approved == 5
    for user in (actors["alice"], actors["bob"], actors["charlie"], ambassador_user):
        with pytest.raises(NotAllowed):
            dashboard.figures(user)
