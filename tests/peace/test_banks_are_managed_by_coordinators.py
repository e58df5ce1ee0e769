"""Coordinators create, enable and disable banks; names are HMA's UPPER_WITH_UNDERSCORE; nobody else may."""

import pytest

from hotline.peace import services
from hotline.peace.errors import NotAllowed, PeaceError
from hotline.peace.models import Bank, IndexState


def test_a_coordinator_creates_a_bank_and_the_index_is_asked_to_rebuild(coordinator):
    bank = services.create_bank(coordinator, "ISLAMIST_IMAGES", description="Known images", tlp="green")
    assert (bank.name, bank.description, bank.tlp, bank.enabled, bank.owner) == (
        "ISLAMIST_IMAGES", "Known images", "green", True, None,
    )  # fmt: skip
    assert IndexState.objects.get().requested_at is not None


def test_a_coordinator_disables_and_enables_a_bank(coordinator, bank):
    services.set_bank_enabled(coordinator, bank, False)
    assert Bank.objects.get(pk=bank.pk).enabled is False
    services.set_bank_enabled(coordinator, bank, True)
    assert Bank.objects.get(pk=bank.pk).enabled is True


@pytest.mark.parametrize("name", ["lower_case", "HAS SPACE", "1STARTS_WITH_DIGIT", "", "A" * 101, "DASH-ED"])
def test_a_bad_name_is_refused_and_nothing_is_created(coordinator, name):
    with pytest.raises(PeaceError, match="UPPER_WITH_UNDERSCORE"):
        services.create_bank(coordinator, name)
    assert not Bank.objects.exists()


def test_a_second_bank_of_the_same_name_is_refused(coordinator, bank):
    with pytest.raises(PeaceError, match="already exists"):
        services.create_bank(coordinator, bank.name)
    assert Bank.objects.count() == 1


def test_an_unknown_tlp_is_refused(coordinator):
    with pytest.raises(PeaceError, match="TLP"):
        services.create_bank(coordinator, "SOME_BANK", tlp="purple")
    assert not Bank.objects.exists()


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "reviewer"])
def test_nobody_but_a_coordinator_or_admin_manages_banks(actors, reviewer, bank, who):
    user = reviewer if who == "reviewer" else actors[who]
    with pytest.raises(NotAllowed):
        services.create_bank(user, "OTHER_BANK")
    with pytest.raises(NotAllowed):
        services.set_bank_enabled(user, bank, False)
    assert list(Bank.objects.values_list("name", "enabled")) == [("DEMO_BANK", True)]
