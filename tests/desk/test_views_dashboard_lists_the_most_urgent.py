"""A busy desk has many messages open: each dashboard list shows the most urgent (DASHBOARD_LIST_SIZE) and
says how many more wait in the inbox, in the officer's language, so the page stays quick at any size."""

from datetime import timedelta

from django.utils import timezone

from hotline.desk import queries
from tests.desk.test_views_dashboard import section
from tests.desk.views_support import client_for, incoming


def _flood(desk, count: int) -> list:
    start = timezone.now() - timedelta(minutes=count)
    return [
        incoming(desk, at=start + timedelta(minutes=n), kind="alert", subject=f"Alert {n:03}")
        for n in range(count)
    ]


def test_only_the_most_urgent_are_listed_and_the_rest_counted(desk, settings):
    count = queries.DASHBOARD_LIST_SIZE + 3
    _flood(desk, count)

    waiting = section(client_for(desk.alice).get("/desk/dashboard/").content.decode(), "awaiting-ack")

    # Soonest acknowledgement deadline first: the oldest alerts are listed, the three newest are not.
    assert waiting.count("<li>") == queries.DASHBOARD_LIST_SIZE
    assert "Alert 000" in waiting and f"Alert {queries.DASHBOARD_LIST_SIZE - 1:03}" in waiting
    assert f"Alert {count - 1:03}" not in waiting
    assert 'href="/desk/inbox/">and 3 more in the inbox</a>' in waiting


def test_a_short_list_says_nothing_more(desk):
    _flood(desk, 2)

    waiting = section(client_for(desk.alice).get("/desk/dashboard/").content.decode(), "awaiting-ack")

    assert waiting.count("<li>") == 2 and "more in the inbox" not in waiting


def test_the_count_of_the_rest_is_translated(desk):
    _flood(desk, queries.DASHBOARD_LIST_SIZE + 1)

    indonesian = client_for(desk.alice, "id").get("/desk/dashboard/").content.decode()
    vietnamese = client_for(desk.alice, "vi").get("/desk/dashboard/").content.decode()

    assert "dan 1 lagi di kotak masuk" in section(indonesian, "awaiting-ack")
    assert "và 1 thư khác trong hộp thư đến" in section(vietnamese, "awaiting-ack")


def test_an_officer_without_clearance_gets_no_count_of_what_they_may_not_see(desk):
    _flood(desk, queries.DASHBOARD_LIST_SIZE + 1)

    answer = client_for(desk.charlie).get("/desk/dashboard/")

    assert answer.status_code in (302, 403) and b"more in the inbox" not in answer.content
