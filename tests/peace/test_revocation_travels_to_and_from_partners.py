"""Edits and revocations of a shared entry go to every partner holding it (its outbound collection gets
the new version, signed), even after the bank stopped being shared with it; a partner's revocation of its
entry marks our copy revoked, so it stops matching here, and no later version of it is filed. A partner's
entry cannot be edited or revoked here."""

import json
from datetime import UTC, datetime

import pytest

from hotline import stix
from hotline.federation.services import create_partner
from hotline.intel.models import CollectionEntry, StixObject
from hotline.peace import inbound, indexing, matching, services, stix_types
from hotline.peace.errors import PeaceError
from hotline.peace.models import BankEntry
from tests.peace import media

T0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
T1 = datetime(2026, 1, 6, 8, 0, tzinfo=UTC)
ENTRY_ID = "hotline-bank-entry--6a1e0d9c-8b7a-4c6d-9e5f-4a3b2c1d0e9f"


@pytest.fixture
def mps(actors):
    return create_partner("mps", "Ministry of Public Security (Viet Nam)", account=actors["bob"])


def _outbound(partner, stix_id) -> list[dict]:
    pks = CollectionEntry.objects.filter(collection=partner.outbound, stix_id=stix_id).values("obj_id")
    bodies = StixObject.objects.filter(pk__in=pks).order_by("modified").values_list("body", flat=True)
    return [json.loads(body) for body in bodies]


def test_an_edit_and_a_revocation_of_a_shared_entry_go_to_the_partner(coordinator, bank, mps):
    entry = services.add_content(coordinator, bank, media.image(92), services.Labels(behaviour="recruitment"))
    services.share_bank(coordinator, bank, mps)
    services.edit_entry(coordinator, entry, services.Labels(behaviour="threat"))
    services.unshare_bank(coordinator, bank, mps)  # what mps holds still gets the revocation
    result = services.revoke_entry(coordinator, entry)
    assert result.refused == []
    versions = _outbound(mps, entry.stix_id)
    assert [(v["behaviour"], v.get("revoked", False)) for v in versions] == [
        ("recruitment", False), ("threat", False), ("threat", True),
    ]  # fmt: skip
    assert all("extensions" in v and len(v["extensions"]) == 2 for v in versions)  # signed


def test_an_entry_never_shared_goes_nowhere(coordinator, bank, mps):
    entry = services.add_content(coordinator, bank, media.image(93), services.Labels())
    services.revoke_entry(coordinator, entry)
    assert _outbound(mps, entry.stix_id) == []


def test_a_new_tlp_red_version_stays_home_and_says_so(coordinator, bank, mps):
    entry = services.add_content(coordinator, bank, media.image(94), services.Labels())
    services.share_bank(coordinator, bank, mps)
    result = services.edit_entry(coordinator, entry, services.Labels(tlp="red"))
    assert len(result.refused) == 1 and "TLP:RED" in result.refused[0]
    assert [stix.tlp_level(v) for v in _outbound(mps, entry.stix_id)] == ["amber"]  # the first version only


def _their_entry(mps, *, modified=T0, **extra) -> dict:
    obj = stix_types.entry_object(
        stix_id=ENTRY_ID, created=T0, modified=modified, created_by_ref=mps.identity_id, bank="MPS_IMAGES",
        bank_description="", content_type="image", signals={"md5": "cd" * 16}, pdq_quality=None,
        organisation="", behaviour="recruitment", tags=[], notes="", tlp="green", **extra,
    )  # fmt: skip
    return obj


def test_a_partners_revocation_stops_its_entry_matching_here(mps, reviewer, coordinator):
    inbound.receive_objects([_their_entry(mps)], partner=mps)
    indexing.rebuild()
    assert [m.entry.stix_id for m in matching.match_signal(reviewer, "md5", "cd" * 16).matches] == [ENTRY_ID]
    assert inbound.receive_objects([_their_entry(mps, modified=T1, revoked=True)], partner=mps) == 1
    entry = BankEntry.objects.get(stix_id=ENTRY_ID)
    assert entry.revoked and entry.revoked_at == T1 and entry.modified_at == T1
    assert matching.match_signal(reviewer, "md5", "cd" * 16).matches == []
    # Nothing after a revocation is filed (a revoked STIX object has no later version).
    later = _their_entry(mps, modified=datetime(2026, 1, 7, tzinfo=UTC))
    assert inbound.receive_objects([later], partner=mps) == 0
    assert BankEntry.objects.get(stix_id=ENTRY_ID).revoked
    # Their entry is read-only here.
    with pytest.raises(PeaceError, match="read-only"):
        services.revoke_entry(coordinator, entry)


def test_a_partners_entry_cannot_be_edited_here(mps, coordinator):
    inbound.receive_objects([_their_entry(mps)], partner=mps)
    entry = BankEntry.objects.get(stix_id=ENTRY_ID)
    with pytest.raises(PeaceError, match="read-only"):
        services.edit_entry(coordinator, entry, services.Labels(behaviour="threat"))
    assert BankEntry.objects.get(stix_id=ENTRY_ID).behaviour == "recruitment"
