"""Submitting to triage: one item or a bulk export; each gets its language (the team whose queue it
joins) and its matches; coordinators, reviewers and ambassadors submit, only coordinators and reviewers see
the queues."""

import json
from datetime import UTC, datetime

import pytest

from hotline.peace import indexing, services, triage
from hotline.peace.errors import ImportRefused, NotAllowed, PeaceError
from hotline.peace.models import Submission
from tests.peace import media

TEXT_EN = (
    "Join our struggle, brothers, the time has come to rise against the oppressors everywhere in this land "
    "(a synthetic example for testing)"
)


def test_each_item_joins_the_queue_of_its_language(actors, reviewer):
    charlie = actors["charlie"]  # an ambassador
    for text in (
        media.TEXT_ID,
        media.TEXT_VI,
        TEXT_EN,
        "Rejoignez notre lutte, le moment est venu de se lever",
    ):
        triage.submit(charlie, triage.Post(text=text, platform="x"))
    queues = {
        team: [s.text[:12] for s in triage.queue(reviewer, team)] for team in ("id", "vi", "en", "other")
    }
    assert {team: len(items) for team, items in queues.items()} == {"id": 1, "vi": 1, "en": 1, "other": 1}
    assert queues["vi"] == [media.TEXT_VI[:12]]


def test_an_item_is_matched_against_the_banks(coordinator, bank, reviewer):
    entry = services.add_content(coordinator, bank, media.image(131), services.Labels(behaviour="threat"))
    indexing.rebuild()
    submission = triage.submit(reviewer, triage.Post(data=media.reencoded(media.image(131)), platform="t.me"))
    assert submission.content_type == "image" and submission.language == "other"
    assert [(m["entry"], m["signal"]) for m in submission.matches] == [(entry.pk, "pdq")]
    assert submission.content_file  # kept, encrypted, for the reviewer and for banking it


def test_a_bulk_export_with_media(coordinator, bank):
    export = json.dumps([
        {"text": media.TEXT_ID, "url": "https://example.invalid/p/1", "platform": "facebook",
         "time": "2026-01-05T08:00:00Z"},
        {"text": "", "media": "poster.png", "platform": "telegram", "time": "2026-01-05T09:00:00"},
    ])  # fmt: skip
    created = triage.submit_bulk(coordinator, export.encode(), "posts.json", {"poster.png": media.image(132)})
    assert [(s.content_type, s.language, s.platform) for s in created] == [
        ("text", "id", "facebook"), ("image", "other", "telegram"),
    ]  # fmt: skip
    assert created[0].posted_at == datetime(2026, 1, 5, 8, tzinfo=UTC) and created[0].url.endswith("/p/1")


def test_a_bulk_csv_with_bad_rows_submits_nothing(coordinator):
    csv = (
        "text,url,platform,time,media\n"
        f'"{media.TEXT_ID}",,x,2026-01-05T08:00:00Z,\n'
        ",ftp://bad,,,\n"  # row 3: bad URL
        "hello,,,yesterday,\n"  # row 4: bad time
        ",,,,missing.png\n"  # row 5: media not uploaded
        ",,,,\n"  # row 6: nothing
    )
    with pytest.raises(ImportRefused) as refused:
        triage.submit_bulk(coordinator, csv.encode(), "posts.csv", {})
    assert [p.split(":")[0] for p in refused.value.problems] == ["row 3", "row 4", "row 5", "row 6"]
    assert not Submission.objects.exists()


def test_bad_single_items_are_refused(coordinator):
    for post in (triage.Post(), triage.Post(url="javascript:x"), triage.Post(data=b"PK\x03\x04" + b"0" * 30)):
        with pytest.raises(PeaceError):
            triage.submit(coordinator, post)
    assert not Submission.objects.exists()


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_others_may_not_submit(actors, who):
    with pytest.raises(NotAllowed):
        triage.submit(actors[who], triage.Post(text=TEXT_EN))
    with pytest.raises(NotAllowed):
        triage.submit_bulk(actors[who], b"text\nhello\n", "a.csv")
    assert not Submission.objects.exists()


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_only_coordinators_and_reviewers_see_the_queues(actors, who):
    with pytest.raises(NotAllowed):
        triage.queue(actors[who], "id")
    with pytest.raises(NotAllowed):
        triage.figures(actors[who])
