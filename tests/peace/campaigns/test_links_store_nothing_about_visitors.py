"""A visit leaves nothing that identifies the visitor: no cookie is set, no session is created, and the only
rows written are the two counters (the link's total, the day's count)."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hotline.peace.campaigns import links
from hotline.peace.campaigns.models import LinkVisits, TrackedLink
from tests.peace.campaigns.reach_fixtures import (  # noqa: F401
    fixture_coordinator_user,
    make_ambassador,
    make_campaign,
)
from tests.signin import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(coordinator_user):
    return links.create_link(
        coordinator_user, make_campaign(), make_ambassador("A-1", "Ayu", "Aceh"), "https://blog.example/x"
    )


def test_no_cookie_and_no_session_for_an_anonymous_visitor(link):
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 test", HTTP_X_FORWARDED_FOR="203.0.113.7")
    response = client.get(f"/r/{link.code}", REMOTE_ADDR="198.51.100.9", HTTP_REFERER="https://ref.example/")
    assert response.status_code == 302
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert not Session.objects.exists()


def test_a_signed_in_officer_following_a_link_is_not_recorded_either(actors, link):
    client = signed_in_client(actors["alice"])
    sessions = Session.objects.count()
    response = client.get(f"/r/{link.code}")
    assert response.status_code == 302
    assert not response.cookies
    assert Session.objects.count() == sessions


def test_the_only_writes_are_the_two_counters(link):
    with CaptureQueriesContext(connection) as queries:
        Client().get(
            f"/r/{link.code}", REMOTE_ADDR="198.51.100.9", HTTP_USER_AGENT="Mozilla/5.0 unique-agent"
        )
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    tables = {TrackedLink._meta.db_table, LinkVisits._meta.db_table}
    assert writes and all(any(f'"{t}"' in sql for t in tables) for sql in writes), writes
    assert all("198.51.100.9" not in q["sql"] and "unique-agent" not in q["sql"] for q in queries)
    assert set(LinkVisits.objects.values_list("visits", flat=True)) == {1}
