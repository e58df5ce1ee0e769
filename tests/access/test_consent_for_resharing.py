"""Re-sharing a partner's intelligence with a third partner: refused until an admin records the originator's
consent (for the object, or for the collection it was received in); withdrawn consent refuses again; a
consent never opens TLP:AMBER+STRICT; only a role with consent.record may record one, and bad input records
nothing."""

import pytest

from hotline import stix
from hotline.access import compartments
from hotline.access.models import ShareConsent
from hotline.access.services import AccessError
from hotline.federation import receive
from hotline.federation.services import Link, PartnerError, create_partner, node_identity_id, share
from hotline.stix import signatures
from tests.factories import sdo

MPS_KEY = signatures.generate_private_key()


@pytest.fixture
def partners(actors):
    from hotline.access import roles
    from hotline.access.services import create_user
    from tests.actors import PASSWORD

    mps = create_partner(
        "mps", "MPS", link=Link(public_keys=[signatures.public_key_to_text(MPS_KEY.public_key())])
    )
    somtc = create_partner("somtc", "SOMTC")
    chief = create_user("chief", roles.ADMIN, PASSWORD)
    return mps, somtc, chief


def _received_from(mps, level="amber"):
    theirs = signatures.sign(stix.mark(sdo("campaign", created_by_ref=mps.identity_id), level), MPS_KEY)
    assert not receive.receive(mps, [theirs], via="push").failures
    return theirs


def test_an_amber_object_goes_on_once_the_originator_consents_to_it(partners):
    mps, somtc, chief = partners
    theirs = _received_from(mps)
    with pytest.raises(PartnerError, match="came from mps; it is not passed to somtc without the originator"):
        share(somtc, [theirs])

    consent = compartments.record_consent(
        chief, origin="mps", recipient="somtc", stix_id=theirs["id"], reference="MPS letter 2025/17"
    )
    share(somtc, [theirs])

    assert somtc.outbound.entries.filter(stix_id=theirs["id"]).exists()
    assert (consent.recorded_by, consent.origin_identity) == (chief, node_identity_id("mps"))
    assert consent.recorded_at is not None


def test_a_consent_for_the_inbound_collection_covers_what_was_received_there(partners):
    mps, somtc, chief = partners
    first, second = _received_from(mps), _received_from(mps)

    compartments.record_consent(
        chief, origin="mps", recipient="somtc", collection="inbound-mps", reference="JWG minutes, item 4"
    )
    share(somtc, [first, second])

    assert somtc.outbound.entries.filter(stix_id__in=[first["id"], second["id"]]).count() == 2


def test_a_withdrawn_consent_refuses_again(partners):
    mps, somtc, chief = partners
    theirs = _received_from(mps)
    consent = compartments.record_consent(
        chief, origin="mps", recipient="somtc", stix_id=theirs["id"], reference="phone call, 1 July"
    )

    compartments.withdraw_consent(chief, consent.pk)

    with pytest.raises(PartnerError, match="without the originator's consent"):
        share(somtc, [theirs])


def test_consent_to_one_partner_does_not_open_another(partners):
    mps, somtc, chief = partners
    other = create_partner("interpol", "INTERPOL")
    theirs = _received_from(mps)
    compartments.record_consent(
        chief, origin="mps", recipient="somtc", stix_id=theirs["id"], reference="letter"
    )

    with pytest.raises(PartnerError, match="not passed to interpol without the originator's consent"):
        share(other, [theirs])


def test_consent_never_opens_amber_strict(partners):
    mps, somtc, chief = partners
    strict = _received_from(mps, "amber+strict")
    compartments.record_consent(
        chief, origin="mps", recipient="somtc", stix_id=strict["id"], reference="letter"
    )

    with pytest.raises(PartnerError, match="TLP:AMBER\\+STRICT and is never passed to another partner"):
        share(somtc, [strict])


def test_only_a_role_with_the_right_records_consent_and_bad_input_records_nothing(partners, actors):
    mps, somtc, chief = partners
    theirs = _received_from(mps)

    with pytest.raises(AccessError, match="alice may not record consent"):
        compartments.record_consent(
            actors["alice"], origin="mps", recipient="somtc", stix_id=theirs["id"], reference="x"
        )
    with pytest.raises(AccessError, match="no partner 'nowhere'"):
        compartments.record_consent(
            chief, origin="mps", recipient="nowhere", stix_id=theirs["id"], reference="x"
        )
    with pytest.raises(AccessError, match="exactly one of an object"):
        compartments.record_consent(chief, origin="mps", recipient="somtc", reference="x")
    with pytest.raises(AccessError, match="how the consent was given"):
        compartments.record_consent(chief, origin="mps", recipient="somtc", stix_id=theirs["id"])
    with pytest.raises(AccessError, match="no object"):
        compartments.record_consent(
            chief, origin="mps", recipient="somtc", stix_id="campaign--00000000-0000-4000-8000-000000000000",
            reference="x",
        )  # fmt: skip

    assert not ShareConsent.objects.exists()
