"""A coordinator creates and edits an ambassador (checked as a CSV row is) and links their account; others may
not; every change is audited; refused input changes nothing."""

import pytest

from hotline.access import roles
from hotline.access.services import create_user
from hotline.audit.models import Record
from hotline.peace.campaigns import registry
from hotline.peace.campaigns.models import Ambassador
from hotline.peace.errors import NotAllowed, PeaceError
from tests.actors import PASSWORD

NEW = {
    "external_id": "DD-0500",
    "name": "Lestari Handayani",
    "email": "lestari@example.org",
    "province": "jawa timur",
    "languages": ["id", "jv"],
    "skills": "writing",
    "channels": "https://lestari.example.org",
    "active": "yes",
    "active_since": "2025-04-01",
}


def test_a_coordinator_creates_and_edits_an_ambassador(coordinator, bootcamp):
    created = registry.create_ambassador(coordinator, {**NEW, "cohort": "2025-medan"})

    assert (
        created.province == "Jawa Timur" and created.languages == ["id", "jv"] and created.cohort == bootcamp
    )
    assert registry.search(coordinator, "lestari").get() == created
    edited = registry.update_ambassador(coordinator, created, {**registry.form_data(created), "active": "no"})
    assert not Ambassador.objects.get(pk=created.pk).active and edited.external_id == "DD-0500"
    changes = Record.objects.filter(action__startswith="campaigns.ambassador.").order_by("seq")
    assert [(r.action, r.target) for r in changes] == [
        ("campaigns.ambassador.create", "DD-0500"),
        ("campaigns.ambassador.update", "DD-0500"),
    ]
    assert changes[1].detail["changed"] == ["active"]


def test_bad_input_is_refused_with_the_fields_named_and_changes_nothing(coordinator, ambassador):
    with pytest.raises(PeaceError) as refused:
        registry.update_ambassador(
            coordinator, ambassador, {**registry.form_data(ambassador), "province": "Atlantis", "email": "x@"}
        )
    assert "province: 'Atlantis' is not a province" in str(refused.value) and "email:" in str(refused.value)
    ambassador.refresh_from_db()
    assert ambassador.province == "Sumatera Utara" and ambassador.email == "siti@example.org"
    with pytest.raises(PeaceError, match="exists already"):
        registry.create_ambassador(coordinator, {**NEW, "external_id": "dd-0001"})
    assert Ambassador.objects.count() == 1


def test_only_a_coordinator_changes_the_registry(actors, reviewer, ambassador):
    for user in [*actors.values(), reviewer, ambassador.user]:
        with pytest.raises(NotAllowed):
            registry.create_ambassador(user, NEW)
        with pytest.raises(NotAllowed):
            registry.update_ambassador(user, ambassador, {**registry.form_data(ambassador), "name": "X"})
        with pytest.raises(NotAllowed):
            registry.link_account(user, ambassador, "")
    assert Ambassador.objects.get().name == "Siti Nurhaliza"


def test_only_campaigns_readers_read_the_registry(actors, reviewer, ambassador):
    assert list(registry.search(reviewer)) == [ambassador]
    for user in [*actors.values(), ambassador.user]:
        with pytest.raises(NotAllowed):
            registry.search(user)
        with pytest.raises(NotAllowed):
            registry.figures(user)


def test_an_account_with_the_ambassador_role_is_linked_once(
    coordinator, ambassador, second_ambassador, actors
):
    newcomer = create_user("newcomer", roles.AMBASSADOR, PASSWORD)
    record = registry.create_ambassador(coordinator, NEW)

    assert list(registry.linkable_accounts(coordinator)) == [actors["charlie"], newcomer]
    registry.link_account(coordinator, record, "newcomer")
    assert Ambassador.objects.get(pk=record.pk).user == newcomer
    with pytest.raises(PeaceError, match="does not have the ambassador role"):
        registry.link_account(coordinator, record, "alice")
    with pytest.raises(PeaceError, match="is linked to Siti Nurhaliza"):
        registry.link_account(coordinator, record, "ambassador")
    with pytest.raises(PeaceError, match="no active account"):
        registry.link_account(coordinator, record, "nobody")
    assert Ambassador.objects.get(pk=record.pk).user == newcomer
    registry.link_account(coordinator, record, "")
    assert Ambassador.objects.get(pk=record.pk).user is None
    links = Record.objects.filter(action="campaigns.ambassador.link").order_by("seq")
    assert [(r.detail["account"], r.detail["previous"]) for r in links] == [
        ("newcomer", ""),
        ("", "newcomer"),
    ]
