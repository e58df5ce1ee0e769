"""Showing the content of an entry or a triage submission (image, text or other file) is one mechanism: the
page holds only a blurred preview (an image) or the masked shape (a text) until a reviewer POSTs "Show the
original"; every reveal writes a `peace.reveal` audit record naming who saw what; refusals write none."""

import base64

import pytest
from django.urls import reverse

from hotline.audit.models import Record
from hotline.peace import services, triage
from tests.peace import media
from tests.signin import signed_in_client


def _reveals():
    return list(Record.objects.filter(action="peace.reveal").values_list("actor", "target", "detail"))


def test_a_submitted_text_is_masked_until_revealed_and_the_reveal_is_audited(reviewer):
    submission = triage.submit(reviewer, triage.Post(text=media.TEXT_ID, platform="x"))
    client = signed_in_client(reviewer)
    page = client.get(reverse("peace:triage-item", args=[submission.pk])).content.decode()
    assert "Bergabunglah" not in page and "perjuangan" not in page  # not even hidden in the page
    assert "filter: blur" in page and reverse("peace:triage-reveal", args=[submission.pk]) in page
    assert _reveals() == []

    response = client.post(reverse("peace:triage-reveal", args=[submission.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert media.TEXT_ID[:60] in response.content.decode()
    [(actor, target, detail)] = _reveals()
    assert (actor, target) == ("reviewer", f"submission/{submission.pk}")
    assert detail == {"content_type": "text", "shown": ["text"], "submission": submission.pk}


def test_a_submitted_image_with_its_post_text_is_revealed_together(reviewer):
    data = media.image(161)
    submission = triage.submit(reviewer, triage.Post(data=data, text="synthetic caption of a poster"))
    client = signed_in_client(reviewer)
    page = client.get(reverse("peace:triage-item", args=[submission.pk])).content.decode()
    assert "synthetic caption" not in page and base64.b64encode(data).decode()[:100] not in page
    shown = client.post(reverse("peace:triage-reveal", args=[submission.pk])).content.decode()
    assert "synthetic caption of a poster" in shown and base64.b64encode(data).decode() in shown
    assert [d["shown"] for _, _, d in _reveals()] == [["text", "file"]]


def test_revealing_a_bank_entry_is_audited_too(coordinator, reviewer, bank):
    image = services.add_content(coordinator, bank, media.image(162), services.Labels(), keep_content=True)
    text = services.add_text(coordinator, bank, media.TEXT_VI, services.Labels(), keep_content=False)
    client = signed_in_client(reviewer)
    page = client.get(reverse("peace:entry", args=[text.pk])).content.decode()
    assert "tranh" not in page  # the text entry's words are not in the page before the reveal
    assert media.TEXT_VI[:40] in client.post(reverse("peace:entry-reveal", args=[text.pk])).content.decode()
    client.post(reverse("peace:entry-reveal", args=[image.pk]))
    assert [(a, t, d["content_type"], d["shown"]) for a, t, d in _reveals()] == [
        ("reviewer", text.stix_id, "text", ["text"]),
        ("reviewer", image.stix_id, "image", ["file"]),
    ]


def test_revealing_is_a_post(reviewer):
    submission = triage.submit(reviewer, triage.Post(text=media.TEXT_ID))
    assert (
        signed_in_client(reviewer).get(reverse("peace:triage-reveal", args=[submission.pk])).status_code
        == 405
    )
    assert _reveals() == []


def test_an_image_entry_kept_without_its_original_says_so_and_records_nothing(coordinator, reviewer, bank):
    entry = services.add_content(coordinator, bank, media.image(163), services.Labels())
    response = signed_in_client(reviewer).post(reverse("peace:entry-reveal", args=[entry.pk]), follow=True)
    assert "not kept" in response.content.decode()
    assert _reveals() == []


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_others_are_refused_and_nothing_is_recorded(actors, coordinator, reviewer, bank, who):
    entry = services.add_text(coordinator, bank, media.TEXT_ID, services.Labels(), keep_content=True)
    submission = triage.submit(reviewer, triage.Post(text=media.TEXT_VI))
    client = signed_in_client(actors[who])
    assert client.post(reverse("peace:entry-reveal", args=[entry.pk])).status_code == 403
    assert client.post(reverse("peace:triage-reveal", args=[submission.pk])).status_code == 403
    assert _reveals() == []


def test_a_reviewer_cannot_reveal_a_tlp_red_entry(coordinator, reviewer, bank):
    entry = services.add_text(coordinator, bank, media.TEXT_ID, services.Labels(tlp="red"), keep_content=True)
    assert signed_in_client(reviewer).post(reverse("peace:entry-reveal", args=[entry.pk])).status_code == 404
    assert _reveals() == []
    assert (
        signed_in_client(coordinator).post(reverse("peace:entry-reveal", args=[entry.pk])).status_code == 200
    )
    assert [a for a, _, _ in _reveals()] == ["coordinator"]
