"""The column names of the platforms' own exports are understood: Meta (Facebook/Instagram), X, YouTube
Studio and TikTok; semicolon-separated files and thousands separators too."""

from datetime import date

import pytest

from hotline.peace.campaigns import metrics_import
from hotline.peace.campaigns.models import PostMetrics
from tests.peace.campaigns.reach_fixtures import (  # noqa: F401
    fixture_coordinator_user,
    make_ambassador,
    make_campaign,
    make_publication,
)

pytestmark = pytest.mark.django_db
URL = "https://x.com/dutadamai/status/1"


@pytest.fixture
def publication():
    return make_publication(make_campaign(), make_ambassador("A-1", "Ayu", "Aceh"), URL, platform="x")


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # X (Twitter) analytics
            f"Tweet id,Tweet permalink,Tweet text,time,impressions,retweets,replies,likes\n"
            f'1,{URL},"Damai",2025-07-10 08:00 +0000,"1,200",30,4,90\n',
            (1200, 0, 90, 30, 4),
        ),
        (  # Meta Business Suite
            f"Post ID,Permalink,Date,Reach,Impressions,Reactions,Comments,Shares\n"
            f"9,{URL},2025-07-10,800,1500,70,3,12\n",
            (1500, 0, 70, 12, 3),
        ),
        (  # YouTube Studio
            "Video link;Date;Views;Impressions;Likes;Shares;Comments\n"
            f"{URL};Jul 10, 2025;4.321;9.000;100;7;2\n",
            (9000, 4321, 100, 7, 2),
        ),
        (  # TikTok
            "Video URL,Date,Total Play,Total Like,Total Comments,Total Share\n"
            f"{URL},2025-07-10,5000,400,20,60\n",
            (0, 5000, 400, 60, 20),
        ),
    ],
)
def test_platform_exports_are_read(coordinator_user, publication, text, expected):
    result = metrics_import.import_metrics(coordinator_user, text.encode())
    assert result.created == 1
    metrics = PostMetrics.objects.get()
    assert metrics.measured_on == date(2025, 7, 10)
    assert (metrics.impressions, metrics.views, metrics.likes, metrics.shares, metrics.comments) == expected
