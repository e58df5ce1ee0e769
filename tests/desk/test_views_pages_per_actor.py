"""Every desk page with every actor: officers (alice) and supervisors (sam) use it all; the analyst (ana)
reads but may not compose; the partner node's account (bob) and a user without clearance (charlie) are
refused (403); anyone not logged in is sent to the login page."""

import pytest

from tests.desk.views_support import client_for, incoming

READING_PAGES = ["dashboard", "inbox", "outbox", "search", "report", "roster", "message"]
ACTING_PAGES = ["compose", "intel"]


def url_of(page: str, message) -> str:
    return {
        "dashboard": "/desk/dashboard/",
        "inbox": "/desk/inbox/",
        "outbox": "/desk/outbox/",
        "search": "/desk/search/?q=travel",
        "report": "/desk/report/",
        "roster": "/desk/roster/",
        "message": f"/desk/messages/{message.stix_id}/",
        "compose": "/desk/compose/",
        "intel": "/desk/compose/intelligence/?q=x",
    }[page]


@pytest.fixture
def message(desk):
    return incoming(desk)


@pytest.mark.parametrize("page", READING_PAGES + ACTING_PAGES)
@pytest.mark.parametrize("who", ["alice", "sam"])
def test_officers_and_supervisors_open_every_page(desk, message, who, page):
    response = client_for(getattr(desk, who)).get(url_of(page, message))

    assert response.status_code == 200


@pytest.mark.parametrize("page", READING_PAGES)
def test_the_analyst_reads_every_page(desk, message, page):
    assert client_for(desk.ana).get(url_of(page, message)).status_code == 200


@pytest.mark.parametrize("page", ACTING_PAGES)
def test_the_analyst_may_not_compose(desk, message, page):
    response = client_for(desk.ana).get(url_of(page, message))

    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()


@pytest.mark.parametrize("page", READING_PAGES + ACTING_PAGES)
@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_the_partner_account_and_a_user_without_clearance_are_refused(desk, message, who, page):
    response = client_for(getattr(desk, who)).get(url_of(page, message))

    assert response.status_code == 403
    assert message.subject not in response.content.decode()


@pytest.mark.parametrize("page", READING_PAGES + ACTING_PAGES)
def test_a_visitor_is_sent_to_the_login_page(client, desk, message, page):
    response = client.get(url_of(page, message))

    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")


@pytest.mark.parametrize(
    ("who", "sees"), [("alice", True), ("ana", True), ("bob", False), ("charlie", False)]
)
def test_the_menu_shows_the_desk_only_to_its_readers(desk, who, sees):
    page = client_for(getattr(desk, who)).get("/").content.decode()

    assert ('href="/desk/inbox/"' in page) is sees
    assert ('href="/desk/compose/"' in page) is (who == "alice")
