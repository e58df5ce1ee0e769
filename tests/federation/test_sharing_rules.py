"""The access policy decides what may be placed in a partner's outbound collection (federation.share asks it
for every object): only to the addressee; TLP:RED only to named recipients; never what came from another
partner (no originator's consent). What is placed there is signed with our key."""

import pytest

from hotline import stix
from hotline.access import policy
from hotline.federation import keys
from hotline.federation.services import Link, PartnerError, create_partner, node_identity_id, share
from hotline.stix import signatures
from tests import factories
from tests.desk.conftest import partner_message
from tests.factories import sdo

SOMTC_KEY = signatures.generate_private_key()


@pytest.fixture
def partners(actors):
    mps = create_partner("mps", "MPS")
    somtc_key = signatures.public_key_to_text(SOMTC_KEY.public_key())
    somtc = create_partner("somtc", "SOMTC", link=Link(public_keys=[somtc_key]))
    return mps, somtc


def _ours(**props):
    return sdo("campaign", created_by_ref=node_identity_id(), **props)


def _message_to(partner, refs=(), tlp="amber"):
    return partner_message(
        created_by_ref=node_identity_id(), addressee_ref=partner.identity_id, object_refs=list(refs), tlp=tlp
    )


def test_what_is_shared_is_signed_with_our_key(partners):
    mps, _ = partners
    obj = _ours()

    share(mps, [obj])

    stored = stix.loads(mps.outbound.entries.get(stix_id=obj["id"]).obj.body)
    key = keys.public_key()
    assert signatures.verify(stored, {signatures.key_id(key): key}).valid


def test_a_message_goes_only_to_its_addressee(partners):
    mps, somtc = partners

    with pytest.raises(PartnerError, match="is addressed to .* not to somtc"):
        share(somtc, [_message_to(mps)])
    share(mps, [_message_to(mps)])


def test_tlp_red_only_to_named_recipients(partners):
    mps, _ = partners
    red = stix.mark(_ours(), "red")

    with pytest.raises(PartnerError, match="TLP:RED and mps is not a named recipient"):
        share(mps, [red])
    share(mps, [red, _message_to(mps, refs=[red["id"]], tlp="red")])  # attached to a message to mps: named


def test_what_came_from_a_partner_is_not_passed_to_a_third(partners):
    mps, somtc = partners
    theirs = signatures.sign(sdo("campaign", created_by_ref=somtc.identity_id), SOMTC_KEY)
    from hotline.federation import receive

    assert not receive.receive(somtc, [theirs], via="push").failures

    with pytest.raises(PartnerError, match="came from somtc; it is not passed to mps without the originator"):
        share(mps, [theirs])
    assert not mps.outbound.entries.filter(stix_id=theirs["id"]).exists()
    # Unsigned SCOs carry no author: where they were received decides.
    sco = factories.sco("propaganda.example")
    assert not receive.receive(somtc, [signatures.sign(sco, SOMTC_KEY)], via="push").failures
    assert "received in inbound-somtc" in policy.share_refusal(sco, mps, home_identity=node_identity_id())


def test_the_standard_objects_go_to_everyone(partners):
    mps, somtc = partners
    for marking in stix.TLP_MARKINGS.values():
        assert policy.can_share(marking, mps) and policy.can_share(marking, somtc)
