"""A valid object received again is a replay: the receive stays idempotent (success, one object, announced
once) but the replay is counted on the partner and shown in its link status; a version older than the one
already received is a replay that is refused (nothing rolls back). A newer version is no replay."""

import pytest

from hotline.federation import receive
from hotline.federation.models import Partner
from hotline.federation.services import Link, create_partner, link_status
from hotline.federation.signals import objects_received
from hotline.intel.models import CollectionEntry
from hotline.stix import signatures
from tests.desk.conftest import partner_message
from tests.factories import sdo

MPS_KEY = signatures.generate_private_key()


@pytest.fixture
def mps(actors):
    key = signatures.public_key_to_text(MPS_KEY.public_key())
    return create_partner("mps", "MPS", account=actors["bob"], link=Link(public_keys=[key]))


@pytest.fixture
def announced():
    calls = []

    def listen(sender, objects, **kwargs):
        calls.extend(o["id"] for o in objects)

    objects_received.connect(listen)
    yield calls
    objects_received.disconnect(listen)


def replays(partner) -> dict:
    partner.refresh_from_db()
    return link_status(partner)["replays"]


def test_the_same_object_again_is_a_counted_replay_and_changes_nothing(mps, announced):
    message = signatures.sign(partner_message(), MPS_KEY)
    receive.receive(mps, [message], via="push")
    assert replays(mps)["count"] == 0

    again = receive.receive(mps, [message], via="push")

    assert not again.failures and [o.id for o in again.successes] == [message["id"]]
    assert CollectionEntry.objects.filter(collection=mps.inbound, stix_id=message["id"]).count() == 1
    assert announced == [message["id"]]
    shown = replays(mps)
    assert shown["count"] == 1 and message["id"] in shown["last"] and "push" in shown["last"]
    assert shown["last_at"] is not None


def test_an_older_version_after_a_newer_one_is_refused_as_a_replay(mps, announced):
    old = sdo("campaign", created_by_ref=mps.identity_id, modified="2025-06-18T09:00:00.000Z")
    new = {**old, "modified": "2025-06-19T09:00:00.000Z", "description": "Updated"}
    receive.receive(mps, [signatures.sign(new, MPS_KEY)], via="push")

    late = receive.receive(mps, [signatures.sign(old, MPS_KEY)], via="pull")

    (failure,) = late.failures
    assert failure.id == old["id"] and failure.message.startswith("replay: older than the version")
    versions = CollectionEntry.objects.filter(collection=mps.inbound, stix_id=old["id"])
    assert [e.version.isoformat() for e in versions] == ["2025-06-19T09:00:00+00:00"]
    assert announced == [old["id"]]  # the newer version only
    assert replays(mps)["count"] == 1 and "pull" in replays(mps)["last"]


def test_a_newer_version_and_a_first_receive_are_not_replays(mps):
    old = sdo("campaign", created_by_ref=mps.identity_id, modified="2025-06-18T09:00:00.000Z")
    new = {**old, "modified": "2025-06-19T09:00:00.000Z", "revoked": True}

    receive.receive(mps, [signatures.sign(old, MPS_KEY)], via="push")
    result = receive.receive(mps, [signatures.sign(new, MPS_KEY)], via="push")

    assert not result.failures
    assert CollectionEntry.objects.filter(collection=mps.inbound, stix_id=old["id"]).count() == 2
    assert replays(mps)["count"] == 0


def test_replays_are_counted_per_partner(mps, actors):
    other_key = signatures.generate_private_key()
    somtc = create_partner(
        "somtc", "SOMTC", link=Link(public_keys=[signatures.public_key_to_text(other_key.public_key())])
    )
    message = signatures.sign(partner_message(), MPS_KEY)
    receive.receive(mps, [message], via="push")
    receive.receive(mps, [message], via="pull")

    assert replays(mps)["count"] == 1
    assert Partner.objects.get(pk=somtc.pk).replays == 0


def test_the_dashboard_link_status_shows_the_replays(mps, actors):
    from tests.signin import signed_in_client

    message = signatures.sign(partner_message(), MPS_KEY)
    receive.receive(mps, [message], via="push")
    receive.receive(mps, [message], via="push")

    page = signed_in_client(actors["alice"]).get("/desk/dashboard/").content.decode()
    assert 'class="overdue">Replays: 1</span>' in page
