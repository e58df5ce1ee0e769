"""SQL injection and LIKE wildcards in the desk's search and the intelligence picker: the words are bound
parameters matched as text, so a payload finds nothing it does not literally contain (not every message, not a
TLP:RED message its reader may not see), and never fails."""

import pytest

from hotline.intel import services as intel
from hotline.intel.models import Collection
from tests.desk.views_support import incoming, sent
from tests.factories import sdo
from tests.signin import signed_in_client
from tests.web.security_support import desk_fixtures

desk, _files_in_tmp = desk_fixtures.desk, desk_fixtures._files_in_tmp  # the desk's fixtures, used here too

pytestmark = pytest.mark.django_db

PAYLOADS = ["' OR '1'='1", "%", "_", "%' OR subject LIKE '%", "x'); DROP TABLE desk_message; --", "\\", "*"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_in_the_desk_search_matches_nothing(desk, payload):
    sent(desk, to="internal", subject="Ferry terminal")
    incoming(desk, subject="Travel history")
    client = signed_in_client(desk.alice)

    page = client.get("/desk/search/", {"q": payload})

    assert page.status_code == 200
    text = page.content.decode()
    assert "Ferry terminal" not in text and "Travel history" not in text
    assert "Ferry terminal" in client.get("/desk/search/", {"q": "ferry"}).content.decode()  # search works


# ("_" is left out here: the picker also matches words in the objects' JSON, where "_" literally occurs.)
@pytest.mark.parametrize("payload", [p for p in PAYLOADS if p != "_"])
def test_a_payload_in_the_intelligence_picker_matches_nothing(desk, payload):
    ferry, bus = sdo("threat-actor", name="Ferry cell"), sdo("threat-actor", name="Bus cell")
    intel.add_objects(Collection.objects.get(alias="intel"), [ferry, bus])
    client = signed_in_client(desk.alice)

    assert client.get("/desk/compose/intelligence/", {"q": payload}).json()["results"] == []
    # An unknown type is ignored (every pickable type): the payload widens nothing beyond the words.
    found = client.get("/desk/compose/intelligence/", {"q": "Ferry", "type": payload}).json()["results"]
    assert [r["id"] for r in found] == [ferry["id"]]
