"""The access matrix through the web pages: the desk's inbox, its search (and the dashboard's counts) and
the compose page's intelligence picker show each person exactly the markings the table says; the others
are refused the page."""

import pytest

from tests.access import matrix
from tests.signin import signed_in_client


def _subjects_shown(html: str) -> set[str]:
    return {marking for marking in matrix.MARKINGS if f"Subject {marking}<" in html}


@pytest.mark.parametrize("who", matrix.EVERYONE)
def test_inbox_and_search_show_exactly_the_messages_of_the_table(world, who):
    client = signed_in_client(world.people[who])

    inbox = client.get("/desk/inbox/")
    search = client.get("/desk/search/", {"q": "matrix subject"})

    if who not in matrix.ENTRY_POINTS["web-desk"]:
        assert (inbox.status_code, search.status_code) == (403, 403)
        assert not _subjects_shown(inbox.content.decode() + search.content.decode())
        return
    want = matrix.expected("web-desk", who)
    assert _subjects_shown(inbox.content.decode()) == want
    assert _subjects_shown(search.content.decode()) == want


@pytest.mark.parametrize("who", sorted(matrix.ENTRY_POINTS["web-desk"]))
def test_dashboard_counts_only_what_the_user_may_see(world, who):
    from hotline.desk import queries

    board = queries.dashboard(world.people[who], now=matrix.T0)

    assert board.awaiting_ack.total == len(matrix.expected("web-desk", who))


@pytest.mark.parametrize("who", matrix.EVERYONE)
def test_the_intelligence_picker_offers_exactly_what_the_table_says(world, who):
    client = signed_in_client(world.people[who])

    found = client.get("/desk/compose/intelligence/", {"q": "Campaign"})

    if who not in matrix.ENTRY_POINTS["web-picker"]:
        assert found.status_code == 403
        return
    results = found.json()["results"]
    assert matrix.markings_of(world, [r["id"] for r in results]) == matrix.expected("web-picker", who)
    labels = {r["id"]: r["label"] for r in results}
    if world.objects["amber"]["id"] in labels:  # the marking is shown with the object
        assert "TLP:AMBER" in labels[world.objects["amber"]["id"]]
