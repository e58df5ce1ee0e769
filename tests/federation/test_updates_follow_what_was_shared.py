"""A newer version of an object stored after the object was shared (an update, a revocation), wherever it was
stored, is placed by the worker in the outbound collection of every partner that had it, signed, under the
same sharing rules; partners that never had the object get nothing, and nothing is placed twice."""

import pytest

from hotline import stix
from hotline.federation import keys, updates
from hotline.federation.services import Link, create_partner, node_identity_id, share
from hotline.intel import services as intel
from hotline.intel.models import Collection, CollectionEntry
from hotline.stix import signatures
from tests.factories import sdo

MPS_KEY = signatures.generate_private_key()


@pytest.fixture
def partners(actors):
    key = signatures.public_key_to_text(MPS_KEY.public_key())
    mps = create_partner("mps", "MPS", link=Link(public_keys=[key]))
    somtc = create_partner("somtc", "SOMTC")
    return mps, somtc


def versions(partner, stix_id) -> list[dict]:
    entries = CollectionEntry.objects.filter(collection=partner.outbound, stix_id=stix_id).order_by("version")
    return [stix.loads(e.obj.body) for e in entries.select_related("obj")]


def store_in_intel(obj):
    result = intel.add_objects(Collection.objects.get(alias="intel"), [obj])
    assert not result.failures, result.failures


def test_an_update_and_a_revocation_follow_to_the_partner_that_had_the_object(partners):
    mps, somtc = partners
    first = sdo("campaign", created_by_ref=node_identity_id(), modified="2025-06-18T09:00:00.000Z")
    share(mps, [first])
    updated = {**first, "modified": "2025-06-19T09:00:00.000Z", "description": "New facts"}
    revoked = {**updated, "modified": "2025-06-20T09:00:00.000Z", "revoked": True}
    store_in_intel(updated)
    store_in_intel(revoked)

    assert updates.propagate() == 2

    held = versions(mps, first["id"])
    assert [o["modified"] for o in held] == [
        "2025-06-18T09:00:00.000Z", "2025-06-19T09:00:00.000Z", "2025-06-20T09:00:00.000Z"
    ]  # fmt: skip
    assert held[-1]["revoked"] is True
    own = {signatures.key_id(keys.public_key()): keys.public_key()}
    assert all(signatures.verify(o, own).valid for o in held)
    assert versions(somtc, first["id"]) == []  # never shared with somtc
    assert updates.propagate() == 0  # looked at once


def test_an_older_or_equal_version_is_not_placed(partners):
    mps, _ = partners
    current = sdo("campaign", created_by_ref=node_identity_id(), modified="2025-06-19T09:00:00.000Z",
                  created="2025-06-16T09:00:00.000Z")  # fmt: skip
    share(mps, [current])
    store_in_intel({**current, "modified": "2025-06-17T09:00:00.000Z"})

    assert updates.propagate() == 0
    assert len(versions(mps, current["id"])) == 1


def test_an_update_the_rules_now_forbid_is_not_placed(partners):
    mps, _ = partners
    first = sdo("campaign", created_by_ref=node_identity_id(), modified="2025-06-18T09:00:00.000Z")
    share(mps, [first])
    red = stix.mark({**first, "modified": "2025-06-19T09:00:00.000Z"}, "red")  # not addressed to mps
    store_in_intel(red)

    assert updates.propagate() == 0
    assert len(versions(mps, first["id"])) == 1


def test_a_partners_own_update_is_not_sent_back_as_ours(partners):
    from hotline.federation import receive

    mps, _ = partners
    theirs = sdo("campaign", created_by_ref=mps.identity_id, modified="2025-06-18T09:00:00.000Z")
    receive.receive(mps, [signatures.sign(theirs, MPS_KEY)], via="push")
    newer = signatures.sign({**theirs, "modified": "2025-06-19T09:00:00.000Z"}, MPS_KEY)
    receive.receive(mps, [newer], via="push")

    assert updates.propagate() == 0
    assert versions(mps, theirs["id"]) == []
