"""The compose form's picker finds only intelligence the user may read, and builds valid new objects."""

import pytest

from hotline import stix
from hotline.desk import intel_picker, services
from hotline.intel.models import Collection
from hotline.intel.services import add_objects
from tests.desk.conftest import T0, draft
from tests.factories import sdo

ACTOR = "threat-actor--56f3f0db-b5d5-431c-ae56-c18f02caf500"


@pytest.fixture
def stored(desk):
    actor = stix.mark(sdo("threat-actor", name="Cell Batam"), "amber")
    public = sdo("campaign", name="Cell Batam public campaign")
    add_objects(Collection.objects.get(alias="intel"), [actor])
    add_objects(Collection.objects.get(alias="public"), [public])
    return actor, public


def test_finds_what_the_user_may_read(desk, stored):
    actor, public = stored

    assert {r["id"] for r in intel_picker.find_intel(desk.alice, "batam")} == {actor["id"], public["id"]}
    assert [r["id"] for r in intel_picker.find_intel(desk.charlie, "batam")] == [public["id"]]
    assert intel_picker.find_intel(desk.bob, "batam") == []
    (row,) = intel_picker.find_intel(desk.alice, "batam", types=["threat-actor"])
    assert row == {
        "id": actor["id"],
        "type": "threat-actor",
        "name": "Cell Batam",
        "tlp": "amber",
        "handling": "",
    }


@pytest.mark.parametrize(
    ("type_name", "properties"),
    [
        ("threat-actor", {"name": "Cell X", "description": "Recruits on social media"}),
        ("campaign", {"name": "Ferry plot"}),
        ("indicator", {"name": "Landing page", "pattern": "[url:value = 'https://x.example/']"}),
        ("location", {"name": "Batam", "country": "ID"}),
        ("identity", {"name": "Suspect A", "identity_class": "individual"}),
        ("report", {"name": "Situation report", "published": "2025-07-01T08:00:00Z", "object_refs": [ACTOR]}),
    ],
)
def test_built_objects_can_be_sent(desk, type_name, properties):
    obj = intel_picker.build_object(type_name, properties, now=T0)

    message = services.send(desk.alice, draft(new_intel=[obj]), now=T0)

    assert message.object_refs == [obj["id"]]
