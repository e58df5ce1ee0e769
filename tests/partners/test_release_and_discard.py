"""A node admin decides on a quarantined object: release stores it in the partner's inbound collection and
the desk files it; discard drops it (both recorded: who and when); either takes it off the list. Nobody else
may decide; an object that is not valid STIX cannot be released; a decision is made once; a refused request
changes nothing."""

import pytest

from hotline.desk.models import Message
from hotline.federation import receive
from hotline.federation.models import Quarantine
from hotline.intel.models import CollectionEntry
from tests.signin import signed_in_client


def url(entry, action):
    return f"/partners/quarantine/{entry.pk}/{action}/"


def stored(partner, stix_id) -> bool:
    return CollectionEntry.objects.filter(collection=partner.inbound, stix_id=stix_id).exists()


def test_release_stores_and_files_the_object(admin, mps, quarantined):
    response = signed_in_client(admin).post(url(quarantined, "release"), {"partner": "mps"}, follow=True)

    assert response.redirect_chain[-1][0] == "/partners/quarantine/?partner=mps"
    assert "Released:" in response.content.decode()
    assert stored(mps, quarantined.stix_id) and Message.objects.filter(stix_id=quarantined.stix_id).exists()
    entry = Quarantine.objects.get(pk=quarantined.pk)
    assert (entry.resolution, entry.resolved_by) == ("released", admin) and entry.resolved_at
    assert "Unsigned but genuine" not in response.content.decode()  # off the list


def test_discard_drops_the_object(admin, mps, quarantined):
    response = signed_in_client(admin).post(url(quarantined, "discard"), follow=True)

    assert "Discarded:" in response.content.decode()
    assert not stored(mps, quarantined.stix_id) and not Message.objects.exists()
    assert Quarantine.objects.get(pk=quarantined.pk).resolution == "discarded"


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
@pytest.mark.parametrize("action", ["release", "discard"])
def test_only_an_admin_decides(actors, mps, quarantined, who, action):
    response = signed_in_client(actors[who]).post(url(quarantined, action))

    assert response.status_code == 403
    assert Quarantine.objects.get(pk=quarantined.pk).resolution == ""
    assert not stored(mps, quarantined.stix_id)


def test_invalid_stix_cannot_be_released_and_nothing_changes(admin, mps):
    receive.receive(mps, [{"id": "indicator--not-a-uuid", "type": "indicator"}], via="push")
    entry = mps.quarantined.get()

    response = signed_in_client(admin).post(url(entry, "release"), follow=True)

    assert "Nothing was changed: not valid STIX" in response.content.decode()
    assert Quarantine.objects.get(pk=entry.pk).resolution == ""
    assert not CollectionEntry.objects.filter(collection=mps.inbound, stix_id=entry.stix_id).exists()


def test_a_decision_is_made_once(admin, quarantined):
    client = signed_in_client(admin)
    client.post(url(quarantined, "discard"))

    response = client.post(url(quarantined, "release"), follow=True)

    assert "already released or discarded" in response.content.decode()
    assert Quarantine.objects.get(pk=quarantined.pk).resolution == "discarded"


def test_unknown_action_or_object_is_not_found_and_get_is_refused(admin, quarantined):
    client = signed_in_client(admin)
    assert client.post(url(quarantined, "approve")).status_code == 404
    assert client.post("/partners/quarantine/999999/release/").status_code == 404
    assert client.get(url(quarantined, "release")).status_code == 405
    assert Quarantine.objects.get(pk=quarantined.pk).resolution == ""


def test_sent_again_after_a_discard_it_is_back_on_the_list(admin, mps, quarantined):
    signed_in_client(admin).post(url(quarantined, "discard"))

    receive.receive(mps, [receive.stix.loads(quarantined.body)], via="pull")

    entry = Quarantine.objects.get(pk=quarantined.pk)
    assert (entry.resolution, entry.times) == ("", 2)
