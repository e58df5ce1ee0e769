"""Replayed partner objects: a signature proves who made an object, not when it was sent, so a replay must not
change anything. The same signed object again is one object, filed once; an older signed version replayed
after a newer one leaves the newer one the latest and the desk's message as it was; an object signed by one
partner replayed through another partner's link is quarantined (that partner's keys do not verify it)."""

from datetime import timedelta

import pytest

from hotline.access import roles
from hotline.access.services import create_user
from hotline.desk.models import Message
from hotline.federation import receive
from hotline.federation.models import Quarantine
from hotline.federation.services import Link, create_partner
from hotline.intel.models import CollectionEntry
from hotline.stix import format_timestamp, signatures
from tests.actors import PASSWORD
from tests.desk.conftest import T0, partner_message

MPS_KEY = signatures.generate_private_key()
OTHER_KEY = signatures.generate_private_key()


def _partner(actors, name: str, key, account):
    return create_partner(
        name,
        name.upper(),
        account=account,
        link=Link(public_keys=[signatures.public_key_to_text(key.public_key())]),
    )


@pytest.fixture
def mps(actors):
    return _partner(actors, "mps", MPS_KEY, actors["bob"])


def test_the_same_signed_message_replayed_is_one_message(mps):
    message = signatures.sign(partner_message(), MPS_KEY)
    assert not receive.receive(mps, [message], via="push").failures
    history = list(Message.objects.get().events.values_list("action", flat=True))
    for _ in range(2):
        assert not receive.receive(mps, [message], via="push").failures
    assert Message.objects.filter(stix_id=message["id"]).count() == 1
    assert list(Message.objects.get().events.values_list("action", flat=True)) == history  # filed once
    assert mps.inbound.entries.filter(stix_id=message["id"]).count() == 1


def test_an_older_version_replayed_does_not_replace_the_newer(mps):
    first = partner_message(subject="First version")
    newer = {**first, "subject": "Corrected version", "modified": format_timestamp(T0 + timedelta(hours=1))}
    old_signed, new_signed = signatures.sign(first, MPS_KEY), signatures.sign(newer, MPS_KEY)

    receive.receive(mps, [old_signed], via="push")
    receive.receive(mps, [new_signed], via="push")
    subject_before = Message.objects.get(stix_id=first["id"]).subject
    replay = receive.receive(mps, [old_signed], via="push")

    assert not replay.failures
    latest = CollectionEntry.objects.get(collection=mps.inbound, stix_id=first["id"], is_latest=True)
    assert format_timestamp(latest.version) == format_timestamp(T0 + timedelta(hours=1))
    assert Message.objects.filter(stix_id=first["id"]).count() == 1
    assert Message.objects.get(stix_id=first["id"]).subject == subject_before


def test_an_object_replayed_through_another_partners_link_is_quarantined(actors, mps):
    other = _partner(actors, "thai", OTHER_KEY, create_user("thai-node", roles.ANALYST, PASSWORD))
    message = signatures.sign(partner_message(), MPS_KEY)

    result = receive.receive(other, [message], via="push")

    assert "key this node does not know" in result.failures[0].message
    assert Quarantine.objects.filter(partner=other, stix_id=message["id"]).exists()
    assert not other.inbound.entries.exists() and not Message.objects.exists()
