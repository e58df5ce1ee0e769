"""A catch-up page big enough to be verified by several threads at once: every forged or unknown-key object
among the valid ones is quarantined (and only those), the valid ones are stored in the order sent, and the
content identity intel stores is the one it would compute itself (the receiver passes the canonical JSON it
computed for the signature instead of having intel serialise the object again)."""

import hashlib
import uuid

import pytest

from hotline import stix
from hotline.federation import receive
from hotline.federation.models import Quarantine
from hotline.federation.services import Link, create_partner
from hotline.intel.models import StixObject
from hotline.stix import signatures

MPS_KEY = signatures.generate_private_key()
PAGE = max(receive.PARALLEL_FROM * 2, 400)


def campaign(n: int) -> dict:
    return {
        "type": "campaign",
        "spec_version": "2.1",
        "id": f"campaign--{uuid.uuid4()}",
        "created": "2026-11-26T10:00:00.000Z",
        "modified": "2026-11-26T10:00:00.000Z",
        "name": f"Catch-up campaign {n}",
    }


@pytest.fixture
def mps(actors):
    key = signatures.public_key_to_text(MPS_KEY.public_key())
    return create_partner("mps", "MPS", account=actors["bob"], link=Link(public_keys=[key]))


def test_only_the_bad_objects_of_a_big_page_are_quarantined(mps, monkeypatch):
    monkeypatch.setattr(receive, "VERIFY_THREADS", 2)  # split in two, whatever this machine's core count
    page = [signatures.sign(campaign(n), MPS_KEY) for n in range(PAGE)]
    forged = {
        7: {**page[7], "name": "Altered"},
        PAGE - 1: signatures.sign(campaign(-1), signatures.generate_private_key()),
    }
    forged[PAGE // 2] = campaign(-2)  # unsigned, in the middle of the second thread's slice
    for index, bad in forged.items():
        page[index] = bad

    result = receive.receive(mps, page, via="pull")

    bad_ids = {page[index]["id"] for index in forged}
    assert {o.id for o in result.failures} == bad_ids
    assert all(o.message.startswith(receive.QUARANTINED) for o in result.failures)
    assert set(Quarantine.objects.values_list("stix_id", flat=True)) == bad_ids
    good = [obj["id"] for index, obj in enumerate(page) if index not in forged]
    assert [o.id for o in result.successes] == good
    entries = list(mps.inbound.entries.order_by("pk").values_list("stix_id", flat=True))
    assert entries == good
    assert not StixObject.objects.filter(stix_id__in=bad_ids).exists()


def test_the_stored_identity_is_the_content_without_the_signature(mps):
    page = [signatures.sign(campaign(n), MPS_KEY) for n in range(PAGE)]

    receive.receive(mps, page, via="push")
    receive.receive(mps, page, via="pull")  # the same page again: nothing new

    stored = dict(StixObject.objects.filter(type="campaign").values_list("stix_id", "content_hash"))
    assert len(stored) == PAGE == mps.inbound.entries.count()
    for obj in page:
        expected = hashlib.sha256(stix.canonical_json(signatures.unsigned(obj))).hexdigest()
        assert stored[obj["id"]] == expected
