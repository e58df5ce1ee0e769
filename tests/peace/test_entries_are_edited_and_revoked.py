"""A coordinator edits an entry's labels (a newer STIX version of it) and revokes it (a STIX revocation): a
revoked entry stops matching at once, stays as a tombstone, cannot be changed again, and both changes are in
the audit trail. Partners' entries are read-only; nobody but a coordinator (or admin) edits or revokes."""

from datetime import timedelta

import pytest

from hotline.audit.models import Record
from hotline.intel.models import StixObject
from hotline.peace import indexing, matching, services
from hotline.peace.errors import NotAllowed, PeaceError
from hotline.peace.models import BankEntry, IndexState
from tests.peace import media


@pytest.fixture
def entry(coordinator, bank):
    labels = services.Labels(organisation="Synthetic Front", behaviour="recruitment", tags=["poster"])
    return services.add_content(coordinator, bank, media.image(91), labels)


def _versions(entry) -> list[dict]:
    import json

    rows = StixObject.objects.filter(stix_id=entry.stix_id).order_by("modified")
    return [json.loads(body) for body in rows.values_list("body", flat=True)]


def test_editing_the_labels_makes_a_newer_version(coordinator, entry):
    labels = services.Labels(
        organisation="Other Front", behaviour="glorification", tags=["video", "re-upload"], tlp="green",
        notes="Seen again in March",
    )  # fmt: skip
    services.edit_entry(coordinator, entry, labels)
    saved = BankEntry.objects.get(pk=entry.pk)
    assert (saved.organisation, saved.behaviour, saved.tags, saved.tlp, saved.notes) == (
        "Other Front", "glorification", ["video", "re-upload"], "green", "Seen again in March",
    )  # fmt: skip
    assert saved.modified_at > saved.added_at
    versions = _versions(entry)
    assert versions[-1]["organisation"] == "Other Front" and versions[-1]["behaviour"] == "glorification"
    assert versions[-1]["labels"] == ["video", "re-upload"] and versions[-1]["notes"] == "Seen again in March"
    record = Record.objects.get(action="peace.entry.edit")
    assert record.actor == "coordinator" and record.target == entry.stix_id
    assert record.detail["before"]["organisation"] == "Synthetic Front"


def test_two_edits_in_the_same_instant_are_two_versions(coordinator, entry):
    now = entry.modified_at
    services.edit_entry(coordinator, entry, services.Labels(behaviour="threat"), now=now)
    services.edit_entry(coordinator, entry, services.Labels(behaviour="instruction"), now=now)
    saved = BankEntry.objects.get(pk=entry.pk)
    assert saved.behaviour == "instruction" and saved.modified_at == now + timedelta(milliseconds=2)


@pytest.mark.parametrize(
    "labels, message",
    [
        (services.Labels(behaviour="praise"), "behaviour"),
        (services.Labels(tlp="purple"), "TLP"),
        (services.Labels(tags=["x" * 51]), "tags"),
        (services.Labels(organisation="o" * 201), "organisation"),
    ],
)
def test_bad_labels_are_refused_and_change_nothing(coordinator, entry, labels, message):
    with pytest.raises(PeaceError, match=message):
        services.edit_entry(coordinator, entry, labels)
    saved = BankEntry.objects.get(pk=entry.pk)
    assert (saved.organisation, saved.behaviour, saved.modified_at) == (
        "Synthetic Front", "recruitment", entry.added_at,
    )  # fmt: skip
    assert _versions(entry) == []  # no new version stored


def test_a_revoked_entry_stops_matching_at_once_and_after_the_rebuild(coordinator, reviewer, entry):
    indexing.rebuild()
    copy = media.reencoded(media.image(91), quality=30)
    assert [m.entry.pk for m in matching.match_content(reviewer, copy).matches] == [entry.pk]
    assert [m.entry.pk for m in matching.match_signal(reviewer, "md5", entry.md5).matches] == [entry.pk]

    services.revoke_entry(coordinator, entry, "Mislabelled: a news photo")
    # Before the worker rebuilds the index: the index still holds it, matching does not return it.
    assert IndexState.objects.get().requested_at > IndexState.objects.get().built_from
    assert matching.match_content(reviewer, copy).matches == []
    assert matching.match_signal(reviewer, "md5", entry.md5).matches == []
    indexing.rebuild()
    assert matching.match_content(reviewer, copy).matches == []
    assert IndexState.objects.get().pdq_count == 0

    saved = BankEntry.objects.get(pk=entry.pk)
    assert saved.revoked and saved.revoked_by == coordinator and saved.revoked_at == saved.modified_at
    last = _versions(entry)[-1]
    assert last["revoked"] is True and last["modified"] > last["created"]
    record = Record.objects.get(action="peace.entry.revoke")
    assert record.target == entry.stix_id and record.detail["reason"] == "Mislabelled: a news photo"


def test_a_revoked_entry_cannot_be_edited_or_revoked_again(coordinator, entry):
    services.revoke_entry(coordinator, entry)
    with pytest.raises(PeaceError, match="revoked"):
        services.edit_entry(coordinator, entry, services.Labels(behaviour="threat"))
    with pytest.raises(PeaceError, match="revoked"):
        services.revoke_entry(coordinator, entry)
    assert BankEntry.objects.get(pk=entry.pk).behaviour == "recruitment"
    assert [v.get("revoked") for v in _versions(entry)] == [True]  # the revocation only


def test_a_revoked_hash_imported_again_is_a_new_entry(coordinator, bank, entry):
    services.revoke_entry(coordinator, entry)
    result = services.import_hash_list(
        coordinator, bank, f"signal_type,signal\npdq,{entry.pdq}\n".encode(), "list.csv"
    )
    assert result.added == 1 and result.duplicates == 0
    assert bank.entries.filter(revoked_at=None).count() == 1


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "reviewer"])
def test_nobody_but_a_coordinator_edits_or_revokes(actors, reviewer, entry, who):
    user = reviewer if who == "reviewer" else actors[who]
    with pytest.raises(NotAllowed):
        services.edit_entry(user, entry, services.Labels(behaviour="threat"))
    with pytest.raises(NotAllowed):
        services.revoke_entry(user, entry)
    saved = BankEntry.objects.get(pk=entry.pk)
    assert (saved.behaviour, saved.revoked) == ("recruitment", False)
    assert not Record.objects.filter(action__startswith="peace.entry").exists()
