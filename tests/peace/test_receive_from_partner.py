"""What a partner shares is filed in a read-only copy of its bank that names its origin; the same object twice
is one entry, a newer version updates it, an object the partner did not create is not filed; our feedback on
its entry goes to its outbound collection as a STIX opinion, and its feedback on ours is recorded."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from hotline.federation.services import create_partner, node_identity_id
from hotline.intel.models import CollectionEntry
from hotline.peace import inbound, services, stix_types
from hotline.peace.errors import NotAllowed, PeaceError
from hotline.peace.models import Bank, BankEntry, Feedback
from tests.signin import signed_in_client

T0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
ENTRY_ID = "hotline-bank-entry--2f1e0d9c-8b7a-4c6d-9e5f-4a3b2c1d0e9f"


@pytest.fixture
def mps(actors):
    return create_partner("mps", "Ministry of Public Security (Viet Nam)", account=actors["bob"])


def _their_entry(mps, *, modified=T0, behaviour="recruitment", **changes) -> dict:
    obj = stix_types.entry_object(
        stix_id=ENTRY_ID, created=T0, modified=modified, created_by_ref=mps.identity_id, bank="MPS_IMAGES",
        bank_description="MPS's known images", content_type="image",
        signals={"pdq": "ab" * 32, "md5": "cd" * 16}, pdq_quality=90, organisation="Synthetic Front",
        behaviour=behaviour, tags=["poster"], notes="", tlp="green",
    )  # fmt: skip
    return {**obj, **changes}


def test_an_entry_lands_in_a_read_only_copy_that_names_its_origin(mps, coordinator):
    assert inbound.receive_objects([_their_entry(mps)], partner=mps) == 1
    bank = Bank.objects.get(owner=mps)
    assert (bank.name, bank.remote_name, bank.read_only, bank.description) == (
        "MPS__MPS_IMAGES", "MPS_IMAGES", True, "MPS's known images",
    )  # fmt: skip
    entry = bank.entries.get()
    assert (entry.source, entry.pdq, entry.tlp, entry.behaviour) == (mps, "ab" * 32, "green", "recruitment")
    with pytest.raises(PeaceError, match="read-only"):
        services.add_url(coordinator, bank, "https://example.invalid/z", services.Labels())
    with pytest.raises(PeaceError, match="not passed on"):
        services.share_bank(coordinator, bank, mps)
    page = signed_in_client(coordinator).get(reverse("peace:bank", args=[bank.name])).content.decode()
    assert "Ministry of Public Security (Viet Nam)" in page and "read-only" in page


def test_the_same_entry_twice_is_one_and_a_newer_version_updates_it(mps):
    inbound.receive_objects([_their_entry(mps)], partner=mps)
    inbound.receive_objects([_their_entry(mps)], partner=mps)
    assert BankEntry.objects.count() == 1
    newer = _their_entry(mps, modified=datetime(2026, 1, 6, tzinfo=UTC), behaviour="threat")
    inbound.receive_objects([newer], partner=mps)
    assert BankEntry.objects.get().behaviour == "threat"
    inbound.receive_objects([_their_entry(mps)], partner=mps)  # the older version again: ignored
    assert BankEntry.objects.get().behaviour == "threat"


def test_objects_the_partner_did_not_create_or_invalid_ones_are_not_filed(mps):
    assert inbound.receive_objects([_their_entry(mps, created_by_ref=node_identity_id())], partner=mps) == 0
    assert inbound.receive_objects([_their_entry(mps, pdq="not-hex")], partner=mps) == 0
    assert not BankEntry.objects.exists()


def test_our_feedback_goes_to_the_owner_as_an_opinion(mps, reviewer):
    inbound.receive_objects([_their_entry(mps)], partner=mps)
    entry = BankEntry.objects.get()
    response = signed_in_client(reviewer).post(
        reverse("peace:entry-feedback", args=[entry.pk]), {"verdict": "disagree", "comment": "Glorification"}
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.verdict, feedback.comment, feedback.author, feedback.partner) == (
        "disagree", "Glorification", reviewer, None,
    )  # fmt: skip
    placed = CollectionEntry.objects.get(collection=mps.outbound, stix_id=feedback.stix_id)
    assert placed.type == "opinion"


def test_feedback_is_only_for_partners_entries_and_readers(mps, coordinator, bank, actors):
    own = services.add_url(coordinator, bank, "https://example.invalid/own", services.Labels())
    with pytest.raises(NotAllowed):
        services.give_feedback(coordinator, own, "agree")
    inbound.receive_objects([_their_entry(mps)], partner=mps)
    theirs = BankEntry.objects.get(source=mps)
    with pytest.raises(PeaceError, match="agree or disagree"):
        services.give_feedback(coordinator, theirs, "maybe")
    for who in ("alice", "bob", "charlie"):
        with pytest.raises(NotAllowed):
            services.give_feedback(actors[who], theirs, "agree")
    assert not Feedback.objects.exists()


def test_their_feedback_on_our_entry_is_recorded(mps, coordinator, bank):
    own = services.add_url(coordinator, bank, "https://example.invalid/own", services.Labels())
    opinion = stix_types.opinion_object(
        stix_id="opinion--0d9c8b7a-6f5e-4d3c-8b2a-190f8e7d6c5b", created=T0, created_by_ref=mps.identity_id,
        entry_id=own.stix_id, verdict="agree", comment="Confirmed", tlp="amber",
    )  # fmt: skip
    assert inbound.receive_objects([opinion, opinion], partner=mps) == 1
    assert list(Feedback.objects.values_list("partner__name", "verdict", "comment")) == [
        ("mps", "agree", "Confirmed")
    ]
