"""Handling codes are on the objects themselves: intelligence created with a message carries the message's
code in the hotline-handling property extension (valid for the official validator too), the TAXII API serves
it so, the intelligence picker labels it, and a partner's object with code H2 is neither exported nor passed
to a third partner without consent."""

import json

import pytest
from stix2validator import ValidationOptions, validate_instance

from hotline import stix
from hotline.access import policy
from hotline.desk import services, stix_types
from hotline.federation.services import PartnerError, create_partner, share
from hotline.intel.models import Collection
from hotline.intel.services import add_objects
from hotline.node import transfer
from tests.desk.conftest import T0, draft
from tests.factories import sdo
from tests.signin import signed_in_client


@pytest.fixture
def created(desk):
    obj = sdo("threat-actor", name="Cell Batam")
    services.send(desk.alice, draft(new_intel=[obj], handling_code="H2"), now=T0)
    return stix.loads(Collection.objects.get(alias="intel").entries.get(stix_id=obj["id"]).obj.body)


def test_created_intelligence_carries_the_message_code(created):
    extension = created["extensions"][stix_types.HANDLING_EXTENSION_ID]

    assert extension == {"extension_type": "property-extension", "handling_code": "H2"}
    assert policy.handling_code(created) == "H2"
    assert validate_instance(created, ValidationOptions(version="2.1")).is_valid


def test_the_taxii_api_and_the_picker_show_it(created, desk):
    client = signed_in_client(desk.alice)
    intel = Collection.objects.get(alias="intel")

    served = client.get(
        f"/taxii2/api/collections/{intel.id}/objects/{created['id']}/",
        HTTP_ACCEPT="application/taxii+json;version=2.1",
    )
    picked = client.get("/desk/compose/intelligence/", {"q": "Batam"}).json()["results"]

    assert (
        served.json()["objects"][0]["extensions"][stix_types.HANDLING_EXTENSION_ID]["handling_code"] == "H2"
    )
    assert [r["label"] for r in picked if r["id"] == created["id"]] == [
        "Threat actor: Cell Batam [TLP:AMBER, H2]"
    ]


def test_a_partner_h2_object_is_not_exported_nor_passed_on(desk, tmp_path):
    theirs = stix_types.with_handling(
        stix.mark(sdo("campaign", created_by_ref=desk.mps.identity_id), "green"), "H2"
    )
    add_objects(Collection.objects.get(alias="intel"), [theirs])
    somtc = create_partner("somtc", "SOMTC")

    with pytest.raises(transfer.ExportRefused, match="carries handling code H2"):
        transfer.export_bundle(tmp_path / "out.json", None, user=desk.alice)
    with pytest.raises(
        PartnerError, match="handling code H2, it is not passed to somtc without the originator"
    ):
        share(somtc, [theirs])
    assert not (tmp_path / "out.json").exists()
    assert json.dumps(theirs)  # the object itself is unchanged and stored
