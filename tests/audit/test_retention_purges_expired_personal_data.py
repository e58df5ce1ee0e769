"""Retention rules purge personal data when it expires (with the clock under the test's control): every
version, from every collection; the trail records the ids and types purged, never the content. An officer's
renewal starts the period again (and is recorded); nobody without the right may renew."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from hotline import stix
from hotline.audit import retention
from hotline.audit.chain import verify
from hotline.audit.models import RetentionRule
from hotline.intel import services as intel
from hotline.intel.models import Collection, CollectionEntry, StixObject
from tests.audit.conftest import records

CREATED = "2024-01-01T00:00:00.000Z"


def identity(identity_class: str, name: str, tlp: str = "amber", modified: str = CREATED) -> dict:
    obj = {"type": "identity", "spec_version": "2.1", "id": f"identity--{uuid.uuid4()}", "created": CREATED,
           "modified": modified, "name": name, "identity_class": identity_class}  # fmt: skip
    return stix.mark(obj, tlp)


@pytest.fixture
def store(actors):
    person = identity("individual", "Budi Santoso")
    agency = identity("organization", "Ferry operator")
    collections = [Collection.objects.get(alias=a) for a in ("intel", "to-mps")]
    for collection in collections:
        intel.add_objects(collection, [person, agency])
    # A newer version of the person, stored at the same time: the period runs from the newest version.
    intel.add_objects(collections[0], [{**person, "modified": "2024-02-01T00:00:00.000Z"}])
    return {"person": person["id"], "agency": agency["id"], "now": timezone.now()}


def stored(stix_id: str) -> bool:
    return (
        StixObject.objects.filter(stix_id=stix_id).exists()
        or CollectionEntry.objects.filter(stix_id=stix_id).exists()
    )


def test_an_individual_is_kept_for_the_period_then_purged_everywhere(store):
    now = store["now"]

    assert retention.purge(now=now + timedelta(days=364)) == []
    purged = retention.purge(now=now + timedelta(days=366))

    assert [(p.stix_id, p.type, p.rule) for p in purged] == [(store["person"], "identity", "individuals")]
    assert not stored(store["person"])
    assert stored(store["agency"])


def test_the_trail_names_what_was_purged_but_not_its_content(store):
    retention.purge(now=store["now"] + timedelta(days=366))

    (purge,) = records("retention.purge")
    assert (purge.actor, purge.target) == ("retention", "1 objects")
    assert purge.detail == {"objects": [{"id": store["person"], "type": "identity", "rule": "individuals"}]}
    assert "Budi" not in str(purge.detail)
    assert verify().ok


def test_an_officers_renewal_keeps_the_object_for_another_period(store, actors):
    now = store["now"]
    renewal = retention.renew(
        actors["alice"], store["person"], note="open case 2025/17", now=now + timedelta(days=300)
    )

    assert retention.purge(now=now + timedelta(days=366)) == []
    assert stored(store["person"])
    assert [p.stix_id for p in retention.purge(now=now + timedelta(days=300 + 366))] == [store["person"]]
    (renew,) = records("retention.renew")
    assert (renew.actor, renew.target, renew.detail["note"]) == (
        "alice",
        store["person"],
        "open case 2025/17",
    )
    assert renew.detail["kept_until"] == stix.format_timestamp(renewal.kept_until)


@pytest.mark.parametrize(
    ("actor", "reason"), [("bob", "only officers"), ("charlie", "only officers")]
)  # fmt: skip
def test_only_officers_may_renew(store, actors, actor, reason):
    with pytest.raises(retention.RetentionError, match=reason):
        retention.renew(actors[actor], store["person"])

    assert records("retention.renew") == []


def test_renewing_an_object_no_rule_applies_to_is_a_clear_error(store, actors):
    with pytest.raises(retention.RetentionError, match="no retention rule applies"):
        retention.renew(actors["alice"], store["agency"])
    with pytest.raises(retention.RetentionError, match="no object"):
        retention.renew(actors["alice"], "identity--00000000-0000-4000-8000-000000000000")


def test_a_more_specific_rule_wins(store):
    RetentionRule.objects.create(name="red-individuals", object_type="identity", identity_class="individual",
                                 tlp="red", keep_days=30)  # fmt: skip
    secret = identity("individual", "Informant", tlp="red")
    intel.add_objects(Collection.objects.get(alias="intel"), [secret])

    purged = retention.purge(now=store["now"] + timedelta(days=31))

    assert [(p.stix_id, p.rule) for p in purged] == [(secret["id"], "red-individuals")]
    assert stored(store["person"])


def test_a_disabled_rule_purges_nothing(store):
    RetentionRule.objects.filter(name="individuals").update(enabled=False)

    assert retention.purge(now=store["now"] + timedelta(days=3650)) == []
    assert stored(store["person"])


def test_the_list_shows_what_expires_soon(store):
    soon = retention.expiring(within_days=30, now=store["now"] + timedelta(days=340))
    later = retention.expiring(within_days=30, now=store["now"] + timedelta(days=300))

    assert [e.stix_id for e in soon] == [store["person"]]
    assert later == []
