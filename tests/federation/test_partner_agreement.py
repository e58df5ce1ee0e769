"""A partner: its identity, its deadline agreement (defaults as the issue says), its outbound collection."""

from datetime import timedelta

import pytest

from hotline.federation.models import Partner
from hotline.federation.services import (
    PartnerError,
    create_partner,
    get_partner,
    node_identity_id,
    parse_deadline,
    share,
)
from hotline.intel.models import Collection


def test_default_deadlines(db):
    partner = create_partner("mps", "Ministry of Public Security (Viet Nam)")

    assert partner.deadlines("flash") == (timedelta(minutes=15), timedelta(hours=2))
    assert partner.deadlines("urgent") == (timedelta(hours=1), timedelta(hours=8))
    assert partner.deadlines("routine") == (timedelta(hours=24), timedelta(days=7))


def test_agreed_deadlines(db):
    partner = create_partner("mps", "MPS", deadlines=[parse_deadline("urgent=30m/4h")])

    assert partner.deadlines("urgent") == (timedelta(minutes=30), timedelta(hours=4))
    assert partner.deadlines("flash") == (timedelta(minutes=15), timedelta(hours=2))


def test_identity_is_derived_from_the_name_unless_given(db):
    derived = create_partner("mps", "MPS")
    given = create_partner("somtc", "SOMTC", identity_id="identity--311b2d2d-f010-4473-83ec-1edf84858f4c")

    assert derived.identity_id == node_identity_id("mps")
    assert given.identity_id == "identity--311b2d2d-f010-4473-83ec-1edf84858f4c"
    with pytest.raises(PartnerError, match="this node's own"):
        create_partner("self", "Me", identity_id=node_identity_id())


def test_the_outbound_collection_belongs_to_the_partner(db):
    partner = create_partner("mps", "MPS")

    assert partner.outbound == Collection.objects.get(alias="outbound-mps")
    assert get_partner("mps") == partner
    with pytest.raises(PartnerError, match=r"no partner 'x' \(partners: mps\)"):
        get_partner("x")


def test_a_refused_partner_leaves_nothing_behind(db):
    Collection.objects.create(alias="outbound-mps", title="taken")

    with pytest.raises(PartnerError, match="collection 'outbound-mps' already exists"):
        create_partner("mps", "MPS")

    assert not Partner.objects.exists()


def test_sharing_is_all_or_nothing(db):
    partner = create_partner("mps", "MPS")
    before = partner.outbound.entries.count()
    good = {
        "type": "campaign", "spec_version": "2.1", "id": "campaign--56f3f0db-b5d5-431c-ae56-c18f02caf500",
        "created": "2025-06-18T09:00:00.000Z", "modified": "2025-06-18T09:00:00.000Z", "name": "x",
    }  # fmt: skip

    with pytest.raises(PartnerError, match="not shared with mps"):
        share(partner, [good, {"type": "campaign", "id": "campaign--1"}])

    assert partner.outbound.entries.count() == before
