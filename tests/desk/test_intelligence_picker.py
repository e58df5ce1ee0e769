"""The compose form's picker finds, by the words typed, only intelligence the user may read: in names and
descriptions, by the start of a word, in any case, and without diacritics."""

import pytest

from hotline import stix
from hotline.desk import ui_queries
from hotline.intel.models import Collection
from hotline.intel.services import add_objects
from tests.factories import sdo


@pytest.fixture
def stored(desk):
    actor = stix.mark(
        sdo("threat-actor", name="Cell Batam", description='Seen at the port.\nRecruits "online"'), "amber"
    )
    public = sdo("campaign", name="Cell Batam public campaign")
    place = sdo("location", name="Hà Nội", country="VN")
    add_objects(Collection.objects.get(alias="intel"), [actor, place])
    add_objects(Collection.objects.get(alias="public"), [public])
    return actor, public, place


def found(user, query, kind=""):
    return {obj["id"] for obj in ui_queries.pickable_intel(user, query, kind)}


def test_finds_only_what_the_user_may_read(desk, stored):
    actor, public, _ = stored

    assert found(desk.alice, "batam") == {actor["id"], public["id"]}
    assert found(desk.charlie, "batam") == {public["id"]}
    assert found(desk.bob, "batam") == set()


def test_every_word_must_occur(desk, stored):
    actor, public, _ = stored

    assert found(desk.alice, "BATAM public") == {public["id"]}
    assert found(desk.alice, "batam", kind="threat-actor") == {actor["id"]}
    assert found(desk.alice, "batam nowhere") == set()


def test_words_are_found_by_their_start_after_line_breaks_and_quotes(desk, stored):
    actor, _, _ = stored

    assert found(desk.alice, "recruit") == {actor["id"]}
    assert found(desk.alice, "online") == {actor["id"]}


def test_words_are_found_with_and_without_diacritics(desk, stored):
    _, _, place = stored

    assert found(desk.alice, "Hà Nội") == {place["id"]}
    assert found(desk.alice, "ha noi") == {place["id"]}


def test_a_nul_in_a_name_separates_words_and_a_written_backslash_escape_is_kept(desk):
    cell = sdo("threat-actor", name="Cell\u0000Medan", description=r"Notes at C:\u0000 Ratu")
    add_objects(Collection.objects.get(alias="intel"), [cell])

    assert found(desk.alice, "medan") == {cell["id"]}
    assert found(desk.alice, "ratu") == {cell["id"]}
