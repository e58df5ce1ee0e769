"""Matching: exact signals by the database, PDQ within the distance threshold (31 by default, configurable)
and texts at the Jaccard threshold by the index the worker built; only enabled banks match."""

import pytest

from hotline.peace import indexing, matching, services, signals
from hotline.peace.errors import NotAllowed
from tests.peace import media


def _flip(pdq: str, bits: int) -> str:
    value = int(pdq, 16) ^ ((1 << bits) - 1)
    return f"{value:064x}"


@pytest.fixture
def image_entry(coordinator, bank):
    return services.add_content(coordinator, bank, media.image(21), services.Labels(organisation="Synthetic"))


def test_a_reencoded_copy_matches_by_pdq(coordinator, image_entry):
    indexing.rebuild()
    copy = media.reencoded(media.image(21), quality=30)
    report = matching.match_content(coordinator, copy)
    assert [(m.entry.pk, m.signal) for m in report.matches] == [(image_entry.pk, "pdq")]
    assert 0 <= report.matches[0].distance <= 31


def test_the_same_file_matches_exactly(reviewer, image_entry):
    indexing.rebuild()
    report = matching.match_content(reviewer, media.image(21))
    assert report.matches[0].entry == image_entry and report.matches[0].distance == 0


def test_the_pdq_threshold_is_the_largest_distance_that_matches(reviewer, image_entry, settings):
    indexing.rebuild()
    assert matching.match_signal(reviewer, "pdq", _flip(image_entry.pdq, 31)).matches
    assert not matching.match_signal(reviewer, "pdq", _flip(image_entry.pdq, 32)).matches
    settings.PEACE_PDQ_THRESHOLD = 10
    assert not matching.match_signal(reviewer, "pdq", _flip(image_entry.pdq, 11)).matches
    assert matching.match_signal(reviewer, "pdq", _flip(image_entry.pdq, 10)).matches


def test_unrelated_images_do_not_match(reviewer, image_entry):
    indexing.rebuild()
    assert not matching.match_content(reviewer, media.image(99)).matches


def test_a_disabled_bank_does_not_match(coordinator, bank, image_entry):
    services.set_bank_enabled(coordinator, bank, False)
    indexing.rebuild()
    assert not matching.match_content(coordinator, media.image(21)).matches
    # Even before the worker rebuilds, a disabled bank's entries are not reported.
    services.set_bank_enabled(coordinator, bank, True)
    indexing.rebuild()
    services.set_bank_enabled(coordinator, bank, False)
    assert not matching.match_content(coordinator, media.image(21)).matches


def test_a_reposted_text_matches_and_so_does_it_without_diacritics(coordinator, bank):
    entry = services.add_text(coordinator, bank, media.TEXT_VI, services.Labels(behaviour="recruitment"))
    indexing.rebuild()
    repost = "RT @someone: " + media.TEXT_VI + " 🔥 https://example.invalid/x"
    exact = matching.match_text(coordinator, repost)
    assert [(m.entry, m.signal) for m in exact.matches] == [(entry, "text_sha256")]
    folded = matching.match_text(coordinator, signals.fold_diacritics(media.TEXT_VI))
    assert [(m.entry, m.signal) for m in folded.matches] == [(entry, "text_folded_sha256")]
    changed = media.TEXT_VI.replace("đất nước này", "quê hương chúng ta")
    near = matching.match_text(coordinator, changed)
    assert [m.entry for m in near.matches] == [entry] and near.matches[0].signal == "text"
    assert near.matches[0].similarity >= indexing.text_threshold()
    assert not matching.match_text(coordinator, media.TEXT_ID).matches


def test_the_text_threshold_is_configurable(coordinator, bank, settings):
    services.add_text(coordinator, bank, media.TEXT_VI, services.Labels())
    changed = media.TEXT_VI.replace("đất nước này", "quê hương chúng ta")
    settings.PEACE_TEXT_THRESHOLD = 0.99
    indexing.rebuild()
    assert not matching.match_text(coordinator, changed).matches


def test_an_exact_md5_or_url_matches(reviewer, coordinator, bank, image_entry):
    url_entry = services.add_url(coordinator, bank, "https://example.invalid/p/1", services.Labels())
    assert [m.entry for m in matching.match_signal(reviewer, "md5", image_entry.md5).matches] == [image_entry]
    report = matching.match_url(reviewer, "https://example.invalid/p/1")
    assert [m.entry for m in report.matches] == [url_entry]


def test_tlp_red_matches_are_hidden_from_reviewers(coordinator, reviewer, bank):
    services.add_content(coordinator, bank, media.image(22), services.Labels(tlp="red"))
    indexing.rebuild()
    assert not matching.match_content(reviewer, media.image(22)).matches
    assert matching.match_content(reviewer, media.image(22)).hidden == 1
    assert matching.match_content(coordinator, media.image(22)).matches


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_only_bank_readers_match(actors, bank, who):
    with pytest.raises(NotAllowed):
        matching.match_content(actors[who], media.image(21))
    with pytest.raises(NotAllowed):
        matching.match_text(actors[who], media.TEXT_ID)
