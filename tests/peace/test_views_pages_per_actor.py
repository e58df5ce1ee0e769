"""The access policy on every Peace Media Center page: alice (officer), bob (partner's account) and charlie
(ambassador) get 403; a reviewer reads and matches but does not manage; a coordinator does everything."""

import pytest
from django.urls import reverse

from hotline.peace import services
from hotline.peace.models import Bank, BankEntry
from tests.peace import media
from tests.signin import signed_in_client


@pytest.fixture
def entry(coordinator, bank):
    return services.add_content(coordinator, bank, media.image(31), services.Labels(), keep_content=True)


def _reads(bank, entry):
    return [
        ("get", reverse("peace:banks"), {}),
        ("get", reverse("peace:bank", args=[bank.name]), {}),
        ("get", reverse("peace:entry", args=[entry.pk]), {}),
        ("get", reverse("peace:entry-preview", args=[entry.pk]), {}),
        ("post", reverse("peace:entry-reveal", args=[entry.pk]), {}),
        ("get", reverse("peace:match"), {}),
        ("post", reverse("peace:match"), {"text": media.TEXT_ID}),
    ]


def _writes(bank):
    return [
        ("post", reverse("peace:banks"), {"name": "NEW_BANK"}),
        ("post", reverse("peace:bank-action", args=[bank.name, "enable"]), {"enabled": "0"}),
        ("post", reverse("peace:bank-action", args=[bank.name, "add"]), {"text": media.TEXT_VI}),
        ("post", reverse("peace:bank-action", args=[bank.name, "import"]), {}),
    ]


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_users_without_a_peace_role_are_refused_everywhere(actors, bank, entry, who):
    client = signed_in_client(actors[who])
    for method, url, data in _reads(bank, entry) + _writes(bank):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (who, url)
    assert list(Bank.objects.values_list("name", "enabled")) == [("DEMO_BANK", True)]
    assert BankEntry.objects.count() == 1


def test_a_reviewer_reads_and_matches_but_does_not_manage(reviewer, bank, entry):
    client = signed_in_client(reviewer)
    for method, url, data in _reads(bank, entry):
        assert getattr(client, method)(url, data).status_code == 200, url
    for method, url, data in _writes(bank):
        assert getattr(client, method)(url, data).status_code == 403, url
    assert list(Bank.objects.values_list("name", "enabled")) == [("DEMO_BANK", True)]


def test_a_coordinator_manages(coordinator, bank, entry):
    client = signed_in_client(coordinator)
    for method, url, data in _reads(bank, entry):
        assert getattr(client, method)(url, data).status_code == 200, url
    response = client.post(reverse("peace:banks"), {"name": "NEW_BANK", "tlp": "green"})
    assert response.status_code == 302 and Bank.objects.get(name="NEW_BANK").tlp == "green"
    client.post(reverse("peace:bank-action", args=[bank.name, "enable"]), {"enabled": "0"})
    assert Bank.objects.get(pk=bank.pk).enabled is False
    response = client.post(
        reverse("peace:bank-action", args=[bank.name, "add"]), {"text": media.TEXT_VI, "behaviour": "threat"}
    )
    added = BankEntry.objects.get(content_type="text")
    assert response.status_code == 302 and added.behaviour == "threat"


def test_pages_need_a_login(client, bank, entry):
    for method, url, data in _reads(bank, entry):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_an_unknown_bank_or_entry_is_not_found(coordinator):
    client = signed_in_client(coordinator)
    assert client.get(reverse("peace:bank", args=["NO_SUCH_BANK"])).status_code == 404
    assert client.get(reverse("peace:entry", args=[999])).status_code == 404


def test_a_tlp_red_entry_does_not_exist_for_a_reviewer(coordinator, reviewer, bank):
    red = services.add_content(coordinator, bank, media.image(32), services.Labels(tlp="red"))
    client = signed_in_client(reviewer)
    assert client.get(reverse("peace:entry", args=[red.pk])).status_code == 404
    page = client.get(reverse("peace:bank", args=[bank.name])).content.decode()
    assert reverse("peace:entry", args=[red.pk]) not in page
