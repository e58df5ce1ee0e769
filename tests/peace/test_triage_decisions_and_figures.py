"""A reviewer decides: known propaganda (linked to the entry), new propaganda (added to a bank), not
propaganda (recorded: the same item submitted again is decided at once). Figures by decision, language,
label and week."""

from datetime import UTC, datetime

import pytest

from hotline.peace import indexing, services, triage
from hotline.peace.errors import NotAllowed, PeaceError
from hotline.peace.models import BankEntry
from tests.peace import media

T0 = datetime(2026, 1, 5, 8, tzinfo=UTC)  # ISO week 2026-W02


def test_known_propaganda_is_linked_to_its_entry(coordinator, reviewer, bank):
    entry = services.add_text(coordinator, bank, media.TEXT_VI, services.Labels(behaviour="recruitment"))
    indexing.rebuild()
    submission = triage.submit(reviewer, triage.Post(text="RT @x: " + media.TEXT_VI))
    assert submission.matches[0]["entry"] == entry.pk
    decided = triage.decide(reviewer, submission, "known", entry=entry, now=T0)
    assert (decided.decision, decided.entry, decided.decided_by) == ("known", entry, reviewer)
    with pytest.raises(PeaceError, match="already decided"):
        triage.decide(reviewer, submission, "not")


def test_new_propaganda_is_added_to_a_bank_with_its_labels(coordinator, reviewer, bank):
    submission = triage.submit(reviewer, triage.Post(data=media.image(141)))
    labels = services.Labels(organisation="Synthetic Front", behaviour="glorification")
    decided = triage.decide(coordinator, submission, "new", bank=bank, labels=labels, now=T0)
    entry = BankEntry.objects.get()
    assert decided.entry == entry and (entry.bank, entry.behaviour, entry.pdq) == (
        bank, "glorification", submission.signals["pdq"],
    )  # fmt: skip


def test_not_propaganda_is_recorded_and_not_asked_again(reviewer):
    first = triage.submit(reviewer, triage.Post(text=media.TEXT_ID))
    triage.decide(reviewer, first, "not", note="A news report", now=T0)
    again = triage.submit(reviewer, triage.Post(text=media.TEXT_ID + " 🙂"))
    assert again.decision == "not" and f"submission {first.pk}" in again.note
    assert list(triage.queue(reviewer, "id")) == []


def test_bad_decisions_change_nothing(coordinator, reviewer, bank, actors):
    submission = triage.submit(reviewer, triage.Post(text=media.TEXT_ID))
    with pytest.raises(PeaceError, match="one of"):
        triage.decide(reviewer, submission, "maybe")
    with pytest.raises(PeaceError, match="choose the bank entry"):
        triage.decide(reviewer, submission, "known")
    with pytest.raises(PeaceError, match="choose the bank"):
        triage.decide(reviewer, submission, "new")
    with pytest.raises(NotAllowed):  # a reviewer may not add to banks
        triage.decide(reviewer, submission, "new", bank=bank)
    for who in ("alice", "bob", "charlie"):
        with pytest.raises(NotAllowed):
            triage.decide(actors[who], submission, "not")
    submission.refresh_from_db()
    assert submission.decision == "" and not BankEntry.objects.exists()


def test_figures_by_decision_language_label_and_week(coordinator, reviewer, bank):
    entry = services.add_text(coordinator, bank, media.TEXT_VI, services.Labels(behaviour="recruitment"))
    known = triage.submit(reviewer, triage.Post(text=media.TEXT_VI))
    triage.decide(reviewer, known, "known", entry=entry, now=T0)
    not_one = triage.submit(reviewer, triage.Post(text=media.TEXT_ID))
    triage.decide(reviewer, not_one, "not", now=T0)
    new = triage.submit(reviewer, triage.Post(data=media.image(142)))
    triage.decide(coordinator, new, "new", bank=bank, labels=services.Labels(behaviour="threat"), now=T0)
    triage.submit(reviewer, triage.Post(text="Another synthetic post in English about nothing at all"))
    assert triage.figures(reviewer) == {
        "by_decision": {"known": 1, "new": 1, "not": 1},
        "by_language": {"id": 1, "other": 1, "vi": 1},
        "by_label": {"recruitment": 1, "threat": 1},
        "by_week": {"2026-W02": 3},
        "pending": {"en": 1},
    }
