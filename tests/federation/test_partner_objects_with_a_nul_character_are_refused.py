"""A NUL character (U+0000) anywhere in a partner's object, however well signed: the object is refused with
the reason in the TAXII status, nothing of it is stored, filed or quarantined, and the other objects of the
same delivery are received as usual. The same on SQLite and PostgreSQL (which cannot hold one in the desk's
or the banks' text columns)."""

import pytest

from hotline.desk.models import Message
from hotline.federation import receive
from hotline.federation.models import Quarantine
from hotline.federation.services import Link, create_partner
from hotline.intel.models import CollectionEntry
from hotline.stix import signatures
from tests.desk.conftest import partner_message
from tests.factories import sdo

MPS_KEY = signatures.generate_private_key()

BAD = {
    "message subject": lambda: partner_message(subject="Ferry\x00terminal"),
    "message body": lambda: partner_message(body="Travel history:\x00 none"),
    "indicator name": lambda: sdo("indicator", name="bad\x00name"),
    "nested property": lambda: sdo(
        "malware", is_family=False, external_references=[{"source_name": "s", "description": "a\x00b"}]
    ),
    "property name": lambda: sdo("threat-actor", **{"x_\x00note": "n"}),
}


@pytest.fixture
def mps(actors):
    # The partner's node signs in as bob, the partner officer.
    return create_partner(
        "mps",
        "MPS",
        account=actors["bob"],
        link=Link(public_keys=[signatures.public_key_to_text(MPS_KEY.public_key())]),
    )


@pytest.mark.parametrize("via", ["push", "pull"])
@pytest.mark.parametrize("where", BAD)
def test_an_object_with_a_nul_character_is_refused_and_the_rest_received(mps, where, via):
    bad = signatures.sign(BAD[where](), MPS_KEY)
    good = signatures.sign(partner_message(subject="Ferry terminal"), MPS_KEY)

    result = receive.receive(mps, [bad, good], via=via)

    assert [o.id for o in result.successes] == [good["id"]]
    assert [(o.id, o.message) for o in result.failures] == [(bad["id"], receive.NUL_REFUSED)]
    assert not CollectionEntry.objects.filter(stix_id=bad["id"]).exists()
    assert not Quarantine.objects.exists()
    assert list(Message.objects.values_list("stix_id", flat=True)) == [good["id"]]


@pytest.mark.parametrize("where", ["value", "property name"])
def test_a_nul_character_in_the_signature_itself_is_refused_too(mps, where):
    # The signed text leaves the signature out, so the receiver must look at the signature on its own.
    bad = signatures.sign(sdo("indicator", name="fine"), MPS_KEY)
    signature = bad["extensions"][signatures.SIGNATURE_EXTENSION_ID]
    if where == "value":
        signature["key_id"] = signature["key_id"] + "\x00"
    else:
        signature["x_\x00"] = "n"

    result = receive.receive(mps, [bad], via="push")

    assert [(o.id, o.message) for o in result.failures] == [(bad["id"], receive.NUL_REFUSED)]
    assert not Quarantine.objects.exists()


def test_the_six_characters_of_a_written_escape_are_not_a_nul(mps):
    good = signatures.sign(sdo("indicator", name="a backslash then u0000: \\u0000"), MPS_KEY)

    result = receive.receive(mps, [good], via="push")

    assert [o.id for o in result.successes] == [good["id"]] and not result.failures
