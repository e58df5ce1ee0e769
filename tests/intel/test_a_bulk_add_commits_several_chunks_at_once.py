"""A bulk add (`hotline import`) commits several chunks at once (`chunks_per_transaction`): the outcome is the
same as one chunk a transaction, and a failure inside a group of chunks undoes that group whole while the
groups committed before it stay."""

import pytest

from hotline.intel import services
from hotline.intel.models import CollectionEntry, StixObject
from tests.factories import mixed_submission, sdo


@pytest.mark.parametrize("parallel", [False, True], ids=["in-process", "forked-preparation"])
def test_grouped_chunks_give_the_outcome_of_one_chunk_a_transaction(db, parallel):
    objects, first = mixed_submission()
    expected = [services._prepare_chunk(objects[start : start + 10]) for start in range(0, len(objects), 10)]

    # Two chunks a commit: the later version of the first object (third chunk) is in the second group.
    result = services.add_objects(
        services.create_collection("c", "C"),
        objects,
        chunk_size=10,
        parallel=parallel,
        chunks_per_transaction=2,
    )

    assert [(o.id, o.message) for o in result.failures] == [
        (o.id, o.message) for chunk in expected for o in chunk.failures
    ]
    assert [o.id for o in result.successes] == [key[0] for chunk in expected for key in chunk.order]
    assert len(result.failures) == 7 and len(result.successes) == 35
    entries = CollectionEntry.objects.filter(collection__alias="c")
    assert entries.count() == 35 and StixObject.objects.count() == 35
    latest = entries.get(stix_id=first["id"], is_latest=True)
    assert "second version" in StixObject.objects.get(pk=latest.obj_id).body
    assert entries.get(stix_id=first["id"], is_first=True).version < latest.version


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
