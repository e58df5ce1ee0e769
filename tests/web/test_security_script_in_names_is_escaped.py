"""Script in names: a subject, the name of attached intelligence, a file name, a partner's title, a
collection's title, each holding markup, is shown as text on every page that shows it (escaped by the
templates), and the intelligence picker's JSON carries it as data (compose.js puts it in with textContent).
The content security policy (test_security_headers_on_every_page.py) would stop an inline script even if
one slipped through."""

import html

import pytest

from hotline.desk.attachments import AttachmentFile
from hotline.federation.models import Partner
from hotline.intel import services as intel
from hotline.intel.models import Collection
from tests.desk.views_support import incoming, sent
from tests.factories import sdo
from tests.signin import signed_in_client
from tests.web.security_support import desk_fixtures

desk, _files_in_tmp = desk_fixtures.desk, desk_fixtures._files_in_tmp  # the desk's fixtures, used here too

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("owned")</script>'
IMAGE = "<img src=x onerror=alert(1)>"


def test_markup_in_names_is_shown_as_text_on_every_page(desk):
    actor = sdo("threat-actor", name=f"Cell {IMAGE}")
    intel.add_objects(Collection.objects.get(alias="intel"), [actor])
    Collection.objects.filter(alias="intel").update(title=f"Intel {SCRIPT}")
    Partner.objects.filter(name="mps").update(title=f"MPS {SCRIPT}")
    ours = sent(
        desk,
        subject=f"Alert {SCRIPT}",
        intel_refs=[actor["id"]],
        attachments=[AttachmentFile(f"{IMAGE}.txt", b"Batam 21:00\n")],
    )
    theirs = incoming(desk, subject=f"RFI {IMAGE}")
    client = signed_in_client(desk.alice)

    pages = [
        "/", "/desk/dashboard/", "/desk/inbox/", "/desk/outbox/", f"/desk/messages/{ours.stix_id}/",
        f"/desk/messages/{theirs.stix_id}/", "/desk/search/?q=Alert", "/desk/search/?q=RFI",
    ]  # fmt: skip
    for address in pages:
        page = client.get(address).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, address
    thread = client.get(f"/desk/messages/{ours.stix_id}/").content.decode()
    assert html.escape(f"Alert {SCRIPT}") in thread or f"Alert {html.escape(SCRIPT, quote=False)}" in thread
    assert "Cell &lt;img" in thread  # the attached intelligence, by name
    assert "MPS &lt;script&gt;" in thread  # the addressee
    assert "Intel &lt;script&gt;" in client.get("/").content.decode()


def test_the_intelligence_picker_returns_names_as_json_data(desk):
    actor = sdo("threat-actor", name=f"Cell {SCRIPT}")
    intel.add_objects(Collection.objects.get(alias="intel"), [actor])

    response = signed_in_client(desk.alice).get("/desk/compose/intelligence/", {"q": "Cell"})

    assert response["Content-Type"].startswith("application/json")
    assert any(SCRIPT in result["label"] for result in response.json()["results"])
