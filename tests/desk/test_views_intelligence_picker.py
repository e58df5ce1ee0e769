"""The intelligence picker of the compose page: objects the user may read, found by name (without
diacritics if need be) and type; with JavaScript as JSON, without it by showing the form again."""

import pytest

from hotline.desk.models import Message
from hotline.intel import services as intel
from hotline.intel.models import Collection
from tests.desk.views_support import client_for
from tests.factories import sdo


@pytest.fixture
def store(desk):
    objects = {
        "actor": sdo("threat-actor", name="Jamaah Ansharut Daulah", description="Network in Java"),
        "campaign": sdo("campaign", name="Ramadan propaganda wave"),
        "place": sdo("location", name="Hà Nội", country="VN"),
        "hidden": sdo("threat-actor", name="Jamaah hidden cell"),
    }
    intel.add_objects(
        Collection.objects.get(alias="intel"), [objects["actor"], objects["campaign"], objects["place"]]
    )
    intel.add_objects(intel.create_collection("closed", "Nobody may read this"), [objects["hidden"]])
    return objects


def found(client, **params) -> list[str]:
    response = client.get("/desk/compose/intelligence/", params)
    assert response.status_code == 200
    return [r["id"] for r in response.json()["results"]]


def test_search_by_name_finds_only_what_the_user_may_read(desk, store):
    assert found(client_for(desk.alice), q="jamaah") == [store["actor"]["id"]]


def test_search_by_type(desk, store):
    client = client_for(desk.alice)

    assert found(client, q="", type="campaign") == [store["campaign"]["id"]]
    assert found(client, q="jamaah", type="campaign") == []


def test_search_without_diacritics(desk, store):
    assert found(client_for(desk.alice), q="ha noi") == [store["place"]["id"]]


def test_the_results_carry_a_translated_label(desk, store):
    client = client_for(desk.alice, language="id")

    result = client.get("/desk/compose/intelligence/", {"q": "Ramadan"}).json()["results"][0]

    assert result["label"] == "Kampanye: Ramadan propaganda wave"


@pytest.mark.parametrize("who", ["ana", "bob", "charlie"])
def test_those_who_may_not_compose_may_not_search(desk, store, who):
    assert (
        client_for(getattr(desk, who)).get("/desk/compose/intelligence/", {"q": "jamaah"}).status_code == 403
    )


def test_without_javascript_the_find_button_shows_the_form_again_with_results(desk, store):
    response = client_for(desk.alice).post(
        "/desk/compose/",
        {
            "find_intel": "1",
            "subject": "Kept while searching",
            "kind": "rfi",
            "to": "mps",
            "intel_query": "jamaah",
            "intel_refs": [store["campaign"]["id"]],
            "new-TOTAL_FORMS": "1",
            "new-0-type": "indicator",
            "new-0-pattern": "[ipv4-addr:value = '203.0.113.9']",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200 and not Message.objects.exists()
    assert 'value="Kept while searching"' in page and '<option value="rfi" selected>' in page
    assert f'value="{store["actor"]["id"]}"' in page and "Threat actor: Jamaah Ansharut Daulah" in page
    assert f'value="{store["campaign"]["id"]}"' in page and "checked" in page
    assert "203.0.113.9" in page
    assert store["hidden"]["id"] not in page
    assert "This field is required" not in page
