import pytest

from hotline.access import policy
from hotline.intel.models import Collection

# (collection, actor) -> (can read, can write); a collection with neither is invisible.
EXPECTED = {
    ("intel", "alice"): (True, True),
    ("intel", "bob"): (False, False),
    ("intel", "charlie"): (False, False),
    ("to-mps", "alice"): (True, True),
    ("to-mps", "bob"): (True, False),
    ("to-mps", "charlie"): (False, False),
    ("from-mps", "alice"): (True, False),
    ("from-mps", "bob"): (False, True),
    ("from-mps", "charlie"): (False, False),
    ("public", "alice"): (True, False),
    ("public", "bob"): (False, False),
    ("public", "charlie"): (True, False),
}


@pytest.mark.parametrize(("alias", "actor"), list(EXPECTED))
def test_each_actor_reads_and_writes_exactly_what_was_granted(actors, alias, actor):
    collection = Collection.objects.get(alias=alias)
    user = actors[actor]
    can_read, can_write = EXPECTED[(alias, actor)]

    assert policy.can_read_collection(user, collection) is can_read
    assert policy.can_write_collection(user, collection) is can_write
    assert policy.can_see_collection(user, collection) is (can_read or can_write)
    assert (collection in policy.visible_collections(user)) is (can_read or can_write)


def test_a_disabled_user_sees_nothing(actors):
    alice = actors["alice"]
    alice.is_active = False
    alice.save()

    assert not policy.visible_collections(alice).exists()
    assert not policy.can_read_collection(alice, Collection.objects.get(alias="intel"))


def test_a_status_is_visible_to_its_owner_only(actors):
    assert policy.can_view_status(actors["alice"], actors["alice"].pk)
    assert not policy.can_view_status(actors["bob"], actors["alice"].pk)
