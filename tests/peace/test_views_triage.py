"""The triage pages: ambassadors, reviewers and coordinators submit; reviewers and coordinators see the queue
of each language team, an item with its matches, decide, and read the figures; everyone else gets 403."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hotline.peace import indexing, services, triage
from hotline.peace.models import BankEntry, Submission
from tests.peace import media
from tests.signin import signed_in_client


def test_an_ambassador_submits_one_item_and_a_bulk_export(actors):
    client = signed_in_client(actors["charlie"])
    assert client.get(reverse("peace:triage-submit")).status_code == 200
    response = client.post(reverse("peace:triage-submit"), {"text": media.TEXT_VI, "platform": "tiktok"})
    assert response.status_code == 302
    export = SimpleUploadedFile("posts.csv", b"text,media\nsynthetic post,poster.png\n")
    poster = SimpleUploadedFile("poster.png", media.image(151))
    client.post(reverse("peace:triage-submit"), {"export": export, "media": [poster]})
    assert sorted(Submission.objects.values_list("content_type", "language")) == [
        ("image", "en"), ("text", "vi"),
    ]  # fmt: skip
    # An ambassador submits but does not see the queue.
    assert client.get(reverse("peace:triage")).status_code == 403


def test_a_bad_export_submits_nothing_and_says_why(coordinator):
    export = SimpleUploadedFile("posts.csv", b"text,url\nok,\n,ftp://bad\n")
    response = signed_in_client(coordinator).post(
        reverse("peace:triage-submit"), {"export": export}, follow=True
    )
    assert "row 3" in response.content.decode() and not Submission.objects.exists()


def test_a_reviewer_works_through_the_queue(coordinator, reviewer, bank):
    entry = services.add_content(coordinator, bank, media.image(152), services.Labels(behaviour="threat"))
    indexing.rebuild()
    submission = triage.submit(reviewer, triage.Post(data=media.image(152), text=media.TEXT_ID))
    client = signed_in_client(reviewer)
    queue = client.get(reverse("peace:triage"), {"team": "id"}).content.decode()
    assert reverse("peace:triage-item", args=[submission.pk]) in queue
    page = client.get(reverse("peace:triage-item", args=[submission.pk])).content.decode()
    assert reverse("peace:entry", args=[entry.pk]) in page
    assert client.get(reverse("peace:triage-preview", args=[submission.pk]))["Content-Type"] == "image/png"
    response = client.post(
        reverse("peace:triage-decide", args=[submission.pk]), {"decision": "known", "entry": entry.pk}
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.decision, submission.entry) == ("known", entry)
    figures = client.get(reverse("peace:triage-figures")).content.decode()
    assert "known propaganda" in figures


def test_a_coordinator_banks_new_propaganda_from_the_queue(coordinator, bank):
    submission = triage.submit(coordinator, triage.Post(data=media.image(153)))
    response = signed_in_client(coordinator).post(
        reverse("peace:triage-decide", args=[submission.pk]),
        {"decision": "new", "bank": bank.name, "behaviour": "glorification", "organisation": "Synthetic"},
    )
    assert response.status_code == 302
    assert BankEntry.objects.get().behaviour == "glorification"


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_others_do_not_see_the_queue_items_or_figures(actors, reviewer, who):
    submission = triage.submit(reviewer, triage.Post(text=media.TEXT_ID))
    client = signed_in_client(actors[who])
    for url in (
        reverse("peace:triage"),
        reverse("peace:triage-item", args=[submission.pk]),
        reverse("peace:triage-figures"),
    ):
        assert client.get(url).status_code == 403
    assert (
        client.post(reverse("peace:triage-decide", args=[submission.pk]), {"decision": "not"}).status_code
        == 403
    )
    submission.refresh_from_db()
    assert submission.decision == ""


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_officers_and_partner_accounts_may_not_submit(actors, who):
    client = signed_in_client(actors[who])
    assert client.post(reverse("peace:triage-submit"), {"text": media.TEXT_ID}).status_code == 403
    assert not Submission.objects.exists()
