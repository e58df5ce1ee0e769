"""The access matrix at the border: the sharing decision for our own objects of each marking, and for an
object partner mps created, going on to partner somtc without and with mps's recorded consent."""

import pytest

from hotline import stix
from hotline.access import policy
from hotline.access.models import ShareConsent
from tests.access import matrix
from tests.factories import sdo


@pytest.mark.parametrize("marking", matrix.MARKINGS)
def test_our_objects_go_to_a_partner_as_the_table_says(world, marking):
    obj = world.objects[marking]

    refusal = policy.share_refusal(obj, world.mps, home_identity=world.home)

    assert (refusal is None) is matrix.SHARE_OURS[marking], refusal
    if marking == "compartment":
        assert "is in compartment case-1" in refusal


@pytest.mark.parametrize("marking", list(matrix.RESHARE_THEIRS))
def test_what_a_partner_created_goes_to_a_third_only_as_marked_or_consented(world, marking):
    theirs = sdo("campaign", created_by_ref=world.mps.identity_id)
    if marking != "unmarked":
        theirs = stix.mark(theirs, marking)
    without, with_consent = matrix.RESHARE_THEIRS[marking]

    refusal = policy.share_refusal(theirs, world.somtc, home_identity=world.home)
    assert (refusal is None) is without, refusal
    ShareConsent.objects.create(
        origin_identity=world.mps.identity_id, recipient_identity=world.somtc.identity_id,
        stix_id=theirs["id"], reference="letter of 2025-07-01", recorded_by=world.people["admin"],
    )  # fmt: skip
    refusal = policy.share_refusal(theirs, world.somtc, home_identity=world.home)
    assert (refusal is None) is with_consent, refusal


@pytest.mark.parametrize("who", matrix.EVERYONE)
def test_the_partner_account_sees_what_may_go_to_its_agency_and_no_more(world, who):
    """bob is mps's account: what he sees of our objects is within what may be shared with mps."""
    user = world.people[who]
    seen = {
        m
        for m in matrix.MARKINGS
        if policy.can_see_object(user, world.objects[m], collection=world.collection)
    }

    assert seen == matrix.expected("taxii", who)
    if who == "bob":
        assert all(matrix.SHARE_OURS[m] for m in seen)
