"""What a partner sends is verified before it is stored: unsigned, signed with a key we do not know, or
altered after signing -> quarantined (counted once per content), never stored, never filed; a valid object is
stored in inbound-<partner> and filed by the desk; the same object twice is one object, announced once."""

import pytest

from hotline.desk.models import Message
from hotline.federation import receive
from hotline.federation.models import Quarantine
from hotline.federation.services import Link, create_partner, node_identity_id
from hotline.federation.signals import objects_received
from hotline.intel.models import StixObject
from hotline.stix import signatures
from tests.desk.conftest import partner_message

MPS_KEY = signatures.generate_private_key()


@pytest.fixture
def mps(actors):
    key = signatures.public_key_to_text(MPS_KEY.public_key())
    return create_partner("mps", "MPS", account=actors["bob"], link=Link(public_keys=[key]))


@pytest.fixture
def announced():
    calls = []

    def listen(sender, objects, **kwargs):
        calls.append([o["id"] for o in objects])

    objects_received.connect(listen)
    yield calls
    objects_received.disconnect(listen)


def test_a_valid_object_is_stored_filed_and_announced_once(mps, announced):
    message = signatures.sign(partner_message(), MPS_KEY)

    first = receive.receive(mps, [message], via="push")
    again = receive.receive(mps, [message], via="pull")

    assert not first.failures and not again.failures
    assert mps.inbound.entries.filter(stix_id=message["id"]).count() == 1
    assert Message.objects.filter(stix_id=message["id"]).count() == 1
    assert announced == [[message["id"]]]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda m: m, "not signed"),
        (lambda m: signatures.sign(m, signatures.generate_private_key()), "key this node does not know"),
        (lambda m: {**signatures.sign(m, MPS_KEY), "subject": "Altered"}, "does not match"),
    ],
    ids=["unsigned", "unknown-key", "tampered"],
)
def test_a_bad_signature_is_quarantined_and_nothing_is_stored(mps, announced, make, reason):
    bad = make(partner_message())

    result = receive.receive(mps, [bad], via="push")
    receive.receive(mps, [bad], via="pull")  # sent again: counted, not repeated

    (failure,) = result.failures
    assert (
        failure.id == bad["id"] and failure.message.startswith("quarantined: ") and reason in failure.message
    )
    entry = Quarantine.objects.get()
    assert (entry.partner, entry.stix_id, entry.times) == (mps, bad["id"], 2) and reason in entry.reason
    assert not StixObject.objects.filter(stix_id=bad["id"]).exists()
    assert not Message.objects.filter(stix_id=bad["id"]).exists() and announced == []


def test_one_bad_object_does_not_stop_the_good_ones(mps):
    good = signatures.sign(partner_message(subject="Good"), MPS_KEY)
    bad = partner_message(subject="Unsigned")

    result = receive.receive(mps, [bad, good], via="push")

    assert [o.id for o in result.successes] == [good["id"]] and [o.id for o in result.failures] == [bad["id"]]
    assert Message.objects.filter(stix_id=good["id"]).exists()


def test_our_own_objects_coming_back_verify_with_our_key(mps):
    from hotline.federation import keys
    from tests.factories import sdo

    ours = signatures.sign(sdo("campaign", created_by_ref=node_identity_id()), keys.signing_key())

    assert not receive.receive(mps, [ours], via="pull").failures


def test_a_removed_partner_is_not_received_from(mps):
    from hotline.federation.services import remove_partner

    remove_partner(mps)
    result = receive.receive(mps, [signatures.sign(partner_message(), MPS_KEY)], via="push")

    assert "was removed" in result.failures[0].message and not Message.objects.exists()
