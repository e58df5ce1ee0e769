"""A clean platform export is imported in full: each row becomes the metrics of its publication on its day;
importing the same file (or a corrected one) again updates those rows, never duplicates them; rows of
posts that are none of our publications are skipped and listed."""

from datetime import date
from pathlib import Path

import pytest

from hotline.peace.campaigns import metrics_import
from hotline.peace.campaigns.models import PostMetrics
from hotline.peace.campaigns.reach_errors import NotAllowed
from tests.peace.campaigns.reach_fixtures import (  # noqa: F401
    fixture_coordinator_user,
    fixture_reviewer_user,
    make_ambassador,
    make_campaign,
    make_publication,
)

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "post-metrics.csv"


@pytest.fixture
def publications():
    campaign = make_campaign()
    ayu, budi = make_ambassador("A-1", "Ayu", "Aceh"), make_ambassador("A-2", "Budi", "Bali")
    return {
        "ig": make_publication(campaign, ayu, "https://www.instagram.com/p/DEMO-damai-1/"),
        "yt": make_publication(campaign, budi, "https://youtube.com/watch?v=DEMO-damai-2", kind="video"),
    }


def test_the_sample_file_imports_and_unknown_posts_are_listed(coordinator_user, publications):
    result = metrics_import.import_metrics(coordinator_user, SAMPLE.read_bytes())
    assert (result.created, result.updated) == (3, 0)
    assert [line for line, _ in result.unmatched] == [5, 6]  # the X and TikTok posts are not ours
    ig = publications["ig"].metrics.order_by("measured_on")
    assert [(m.measured_on, m.impressions, m.views, m.likes, m.shares, m.comments) for m in ig] == [
        (date(2025, 7, 10), 12500, 8300, 940, 120, 58),
        (date(2025, 7, 11), 4100, 2600, 310, 35, 12),
    ]
    assert publications["yt"].metrics.get().views == 15800  # www. and the scheme's case do not matter


def test_reimport_updates_never_duplicates(coordinator_user, publications):
    metrics_import.import_metrics(coordinator_user, SAMPLE.read_bytes())
    corrected = SAMPLE.read_text().replace("12500,8300,940", "13000,9000,1000")
    result = metrics_import.import_metrics(coordinator_user, corrected.encode())
    assert (result.created, result.updated) == (0, 3)
    assert PostMetrics.objects.count() == 3
    assert PostMetrics.objects.get(measured_on=date(2025, 7, 10)).views == 9000


def test_only_a_coordinator_imports(actors, reviewer_user, publications):
    for user in (actors["alice"], actors["bob"], actors["charlie"], reviewer_user):
        with pytest.raises(NotAllowed):
            metrics_import.import_metrics(user, SAMPLE.read_bytes())
    assert not PostMetrics.objects.exists()
