"""A file with bad rows is refused whole, with one message per bad row naming its line, its column and
what is wrong; nothing of it is written, not even its good rows."""

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
URL = "https://www.instagram.com/p/ours/"


@pytest.fixture
def publication():
    return make_publication(make_campaign(), make_ambassador("A-1", "Ayu", "Aceh"), URL)


def _refusal(user, text: str) -> list[str]:
    with pytest.raises(metrics_import.ImportRefused) as refused:
        metrics_import.import_metrics(user, text.encode())
    return [str(p) for p in refused.value.problems]


def test_each_bad_row_is_reported_and_nothing_is_imported(coordinator_user, publication):
    text = (
        "post_url,date,impressions,views,likes,shares,comments\n"
        f"{URL},2025-07-10,100,50,5,1,0\n"  # good, but not imported either
        f"{URL},10/07/2025,100,50,5,1,0\n"
        "javascript:alert(1),2025-07-11,1,1,1,1,1\n"
        f"{URL},2025-07-12,-3,50,many,1,0\n"
        f"{URL},2025-07-10,1,1,1,1,1\n"
    )
    assert _refusal(coordinator_user, text) == [
        "line 3, column date: '10/07/2025' is not a date; write it as YYYY-MM-DD",
        "line 4, column post_url: 'javascript:alert(1)' is not an http(s) URL",
        "line 5, column impressions: '-3' is not a whole number of 0 or more",
        "line 5, column likes: 'many' is not a whole number of 0 or more",
        "line 6, column date: the same post and day as line 2",
    ]
    assert not PostMetrics.objects.exists()


def test_a_missing_column_refuses_the_file(coordinator_user, publication):
    problems = _refusal(coordinator_user, "url,views\nhttps://a.example/x,3\n")
    assert problems == [
        "line 1, column date: this column is missing (date, day, measured_on, reporting_date)"
    ]


def test_a_file_without_any_metric_column_is_refused(coordinator_user, publication):
    assert _refusal(coordinator_user, f"url,date\n{URL},2025-07-10\n") == [
        "line 1, column -: no metric column (impressions, views, likes, shares, comments)"
    ]


def test_a_file_that_is_not_utf8_is_refused(coordinator_user, publication):
    with pytest.raises(metrics_import.ImportRefused, match="not UTF-8"):
        metrics_import.import_metrics(coordinator_user, "url,date,views\n\xff\xfe,x,1\n".encode("latin-1"))
    assert not PostMetrics.objects.exists()
