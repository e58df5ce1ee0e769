"""The entry page: a coordinator edits the labels and revokes the entry (POSTs; bad input is shown and changes
nothing); a reviewer sees neither form and is refused; alice, bob and charlie are refused everything."""

import pytest
from django.urls import reverse

from hotline.peace import services
from hotline.peace.models import BankEntry
from tests.peace import media
from tests.signin import signed_in_client

EDIT = {"organisation": "Other Front", "behaviour": "threat", "tags": "video, re-upload", "tlp": "green",
        "notes": "Seen again"}  # fmt: skip


@pytest.fixture
def entry(coordinator, bank):
    return services.add_text(coordinator, bank, media.TEXT_ID, services.Labels(behaviour="recruitment"))


def _state(entry):
    saved = BankEntry.objects.get(pk=entry.pk)
    return saved.organisation, saved.behaviour, saved.tags, saved.tlp, saved.notes, saved.revoked


def test_a_coordinator_edits_the_labels_from_the_entry_page(coordinator, entry):
    client = signed_in_client(coordinator)
    page = client.get(reverse("peace:entry", args=[entry.pk])).content.decode()
    assert reverse("peace:entry-edit", args=[entry.pk]) in page and 'value="recruitment" selected' in page
    response = client.post(reverse("peace:entry-edit", args=[entry.pk]), EDIT, follow=True)
    assert response.status_code == 200 and "Saved." in response.content.decode()
    assert _state(entry) == ("Other Front", "threat", ["video", "re-upload"], "green", "Seen again", False)


def test_bad_labels_are_shown_and_change_nothing(coordinator, entry):
    response = signed_in_client(coordinator).post(
        reverse("peace:entry-edit", args=[entry.pk]), {**EDIT, "behaviour": "praise"}, follow=True
    )
    assert "behaviour &#x27;praise&#x27; is not one of" in response.content.decode()
    assert _state(entry) == ("", "recruitment", [], "amber", "", False)


def test_a_coordinator_revokes_the_entry_and_the_page_says_so(coordinator, entry):
    client = signed_in_client(coordinator)
    response = client.post(
        reverse("peace:entry-revoke", args=[entry.pk]), {"reason": "duplicate"}, follow=True
    )
    page = response.content.decode()
    assert "Entry revoked" in page and "Revoked on" in page
    assert reverse("peace:entry-edit", args=[entry.pk]) not in page  # no more forms
    assert _state(entry)[-1] is True
    again = client.post(reverse("peace:entry-revoke", args=[entry.pk]), follow=True)
    assert "was revoked" in again.content.decode()
    bank_page = client.get(reverse("peace:bank", args=[entry.bank.name])).content.decode()
    assert 'class="revoked"' in bank_page


def test_editing_and_revoking_are_posts(coordinator, entry):
    client = signed_in_client(coordinator)
    assert client.get(reverse("peace:entry-edit", args=[entry.pk])).status_code == 405
    assert client.get(reverse("peace:entry-revoke", args=[entry.pk])).status_code == 405
    assert _state(entry)[-1] is False


def test_a_reviewer_sees_no_form_and_is_refused(reviewer, entry):
    client = signed_in_client(reviewer)
    page = client.get(reverse("peace:entry", args=[entry.pk])).content.decode()
    assert reverse("peace:entry-edit", args=[entry.pk]) not in page
    assert reverse("peace:entry-revoke", args=[entry.pk]) not in page
    assert client.post(reverse("peace:entry-edit", args=[entry.pk]), EDIT).status_code == 403
    assert client.post(reverse("peace:entry-revoke", args=[entry.pk])).status_code == 403
    assert _state(entry) == ("", "recruitment", [], "amber", "", False)


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_users_without_a_peace_role_are_refused(actors, entry, who):
    client = signed_in_client(actors[who])
    assert client.post(reverse("peace:entry-edit", args=[entry.pk]), EDIT).status_code == 403
    assert client.post(reverse("peace:entry-revoke", args=[entry.pk])).status_code == 403
    assert _state(entry) == ("", "recruitment", [], "amber", "", False)


def test_an_unknown_entry_is_not_found(coordinator, entry):
    client = signed_in_client(coordinator)
    assert client.post(reverse("peace:entry-revoke", args=[entry.pk + 100])).status_code == 404
