"""The search page calls the desk's search: subject, body and attached intelligence, in Indonesian,
Vietnamese and English, without regard to diacritics; only messages the user may see are found."""

import pytest

from hotline.intel import services as intel
from hotline.intel.models import Collection
from tests.desk.views_support import client_for, incoming, sent
from tests.factories import sdo


@pytest.fixture
def messages(desk):
    actor = sdo("threat-actor", name="Jamaah Ansharut Daulah")
    intel.add_objects(Collection.objects.get(alias="intel"), [actor])
    return {
        "vi": incoming(desk, subject="Cảnh báo khẩn: tấn công bến phà", body="Nhóm khủng bố ở Hà Nội"),
        "id": sent(desk, subject="Peringatan serangan pelabuhan", body="Sel teroris di Batam"),
        "en": sent(desk, subject="Routine notice", kind="notice", intel_refs=[actor["id"]]),
        "red": sent(desk, user=desk.sam, to="internal", subject="Secret ferry source", tlp="red"),
    }


def results(client, query: str) -> str:
    response = client.get("/desk/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("query", "language"),
    [("canh bao khan", "vi"), ("HÀ NỘI", "vi"), ("pelabuhan batam", "id"), ("ansharut", "en")],
)
def test_search_across_languages_and_intelligence(desk, messages, query, language):
    page = results(client_for(desk.alice), query)

    assert messages[language].subject in page and "1 message found" in page
    others = [m for key, m in messages.items() if key != language]
    assert not any(m.subject in page for m in others)


def test_a_tlp_red_message_is_found_only_by_those_named_on_it(desk, messages):
    assert "Secret ferry source" not in results(client_for(desk.alice), "ferry source")
    assert "Secret ferry source" in results(client_for(desk.sam), "ferry source")


def test_an_empty_query_shows_only_the_form(desk, messages):
    page = results(client_for(desk.alice), "")

    assert 'name="q"' in page and "found" not in page


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_the_partner_account_and_charlie_may_not_search(desk, messages, who):
    response = client_for(getattr(desk, who)).get("/desk/search/", {"q": "batam"})

    assert response.status_code == 403 and "Batam" not in response.content.decode()
