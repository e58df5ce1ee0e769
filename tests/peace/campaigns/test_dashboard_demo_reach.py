"""The demo's reach on the BNPT node: a campaign with a leaderboard of three invented ambassadors, visits
over two weeks and platform metrics, shared with mps; nothing on mps; running it twice changes nothing."""

import pytest

from hotline.access import roles
from hotline.access.services import create_user
from hotline.federation.services import create_partner
from hotline.peace.campaigns import dashboard, reach_demo
from hotline.peace.campaigns.models import Campaign, LinkVisits
from tests.actors import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_demo_reach(actors):
    coordinator = create_user("coordinator", roles.COORDINATOR, PASSWORD)
    mps = create_partner("mps", "Ministry of Public Security (Viet Nam)")
    reach_demo.seed("mps")
    assert not Campaign.objects.exists()
    reach_demo.seed("bnpt")
    reach_demo.seed("bnpt")
    campaign = Campaign.objects.get()
    assert list(campaign.shared_with.all()) == [mps]
    data = dashboard.figures(coordinator)
    assert [(r.name, r.approved) for r in data.leaderboard] == [
        ("Citra Dewi (demo)", 3), ("Budi Santoso (demo)", 2), ("Ayu Lestari (demo)", 1)
    ]  # fmt: skip
    assert data.approved == 6 and data.views > 0 and data.visits > 0
    assert len(set(LinkVisits.objects.values_list("day", flat=True))) >= 10
    assert len(data.months) >= 1 and sum(map(sum, data.content_by_kind.values())) == 6


def test_the_sample_metrics_file_updates_the_demo(actors):
    from pathlib import Path

    from hotline.peace.campaigns import metrics_import

    coordinator = create_user("coordinator", roles.COORDINATOR, PASSWORD)
    reach_demo.seed("bnpt")
    sample = Path(__file__).resolve().parents[3] / "samples" / "post-metrics.csv"
    result = metrics_import.import_metrics(coordinator, sample.read_bytes())
    assert result.created + result.updated == 4
    assert [line for line, _ in result.unmatched] == [5]  # the X post is none of the demo's
