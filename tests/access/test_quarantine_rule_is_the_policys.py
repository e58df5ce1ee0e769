"""The quarantine rule is the access policy's (`policy.quarantine_reason`): an object from a partner is
stored as trusted only with a valid signature by one of that partner's keys; unsigned, signed with a key
the partner did not give us, or altered after signing -> quarantined, with the reason. Federation's receive
asks the policy: what the policy refuses ends in quarantine with the policy's reason."""

from hotline.access import policy
from hotline.federation import receive
from hotline.federation.models import Quarantine
from hotline.federation.services import Link, create_partner
from hotline.stix import signatures
from tests.desk.conftest import partner_message

PARTNER_KEY = signatures.generate_private_key()
OTHER_KEY = signatures.generate_private_key()
KEYS = {signatures.key_id(PARTNER_KEY.public_key()): PARTNER_KEY.public_key()}


def test_a_validly_signed_object_is_not_quarantined():
    assert policy.quarantine_reason(signatures.sign(partner_message(), PARTNER_KEY), KEYS) is None


def test_an_unsigned_object_is_quarantined_with_a_reason():
    assert policy.quarantine_reason(partner_message(), KEYS)


def test_an_object_signed_with_an_unknown_key_is_quarantined():
    assert policy.quarantine_reason(signatures.sign(partner_message(), OTHER_KEY), KEYS)


def test_an_object_altered_after_signing_is_quarantined():
    signed = signatures.sign(partner_message(), PARTNER_KEY)
    signed["subject"] = "altered after signing"
    assert policy.quarantine_reason(signed, KEYS)


def test_receive_quarantines_with_the_policys_reason(actors):
    key = signatures.public_key_to_text(PARTNER_KEY.public_key())
    mps = create_partner("mps", "MPS", account=actors["bob"], link=Link(public_keys=[key]))
    tampered = signatures.sign(partner_message(), PARTNER_KEY)
    tampered["subject"] = "altered after signing"
    reason = policy.quarantine_reason(tampered, KEYS)

    result = receive.receive(mps, [tampered], via="push")

    assert [o.message for o in result.failures] == [receive.QUARANTINED + reason]
    assert Quarantine.objects.get(partner=mps).reason == reason
