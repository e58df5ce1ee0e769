"""A bulk add (`hotline import`) commits several chunks at once (`chunks_per_transaction`): the outcome is the
same as one chunk a transaction, and a failure inside a group of chunks undoes that group whole while the
groups committed before it stay."""

import pytest

from hotline.intel import services
from hotline.intel.models import CollectionEntry, StixObject
from tests.factories import sco, sdo


def _submission(count: int) -> list[dict]:
    """Valid objects with an invalid one and a versionless SCO now and then, and a later version of the first
    object near the end (so that the version flags cross groups)."""
    first = sdo(name="first version")
    objects = [first]
    for i in range(1, count - 1):
        if i % 11 == 5:
            bad = sdo("indicator")
            del bad["pattern"]
            objects.append(bad)
        elif i % 9 == 4:
            objects.append(sco(f"host{i}.example"))
        else:
            objects.append(sdo("campaign"))
    objects.append({**first, "modified": "2025-06-19T09:00:00.000Z", "name": "second version"})
    return objects


def _outcome(result):
    return (
        [(o.id, o.message) for o in result.failures],
        [o.id for o in result.successes],
    )


@pytest.mark.parametrize("parallel", [False, True], ids=["in-process", "forked-preparation"])
def test_grouped_chunks_give_the_outcome_of_one_chunk_a_transaction(db, parallel):
    objects = _submission(70)
    one = services.add_objects(services.create_collection("one", "One"), objects, chunk_size=10)

    grouped = services.add_objects(
        services.create_collection("grouped", "Grouped"),
        objects,
        chunk_size=10,
        parallel=parallel,
        chunks_per_transaction=3,
    )

    assert _outcome(grouped) == _outcome(one)
    assert len(grouped.failures) == 6 and len(grouped.successes) == 64
    entries = CollectionEntry.objects.filter(collection__alias="grouped")
    assert entries.count() == 64
    latest = entries.get(stix_id=objects[0]["id"], is_latest=True)
    assert StixObject.objects.get(pk=latest.obj_id).body.count("second version") == 1


def test_a_failure_inside_a_group_undoes_that_group_and_keeps_the_earlier_ones(db):
    collection = services.create_collection("c", "C")
    objects = [sdo("campaign") for _ in range(70)]
    reported = []

    def progress(done, total):
        reported.append(done)
        if done == 50:  # the second chunk of the second group of three
            raise RuntimeError("the disk is full")

    with pytest.raises(RuntimeError, match="disk is full"):
        services.add_objects(
            collection, objects, chunk_size=10, parallel=False, chunks_per_transaction=3, progress=progress
        )

    assert reported == [10, 20, 30, 40, 50]
    stored = set(CollectionEntry.objects.filter(collection=collection).values_list("stix_id", flat=True))
    assert stored == {o["id"] for o in objects[:30]}
    assert StixObject.objects.filter(stix_id__in=[o["id"] for o in objects[30:]]).count() == 0
    collection.refresh_from_db()
    assert (
        collection.last_date_added
        == CollectionEntry.objects.filter(collection=collection).latest("date_added").date_added
    )
