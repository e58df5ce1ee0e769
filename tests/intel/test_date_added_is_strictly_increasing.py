from hotline.intel import queries, services
from hotline.intel.models import CollectionEntry
from tests.factories import sco, sdo


def test_every_entry_of_a_collection_has_a_later_date_added_than_the_one_before(db):
    collection = services.create_collection("c", "C")
    for _ in range(3):
        services.add_objects(
            collection, [sdo() for _ in range(50)] + [sco(f"d{i}.example") for i in range(50)]
        )

    added = list(
        CollectionEntry.objects.filter(collection=collection)
        .order_by("pk")
        .values_list("date_added", flat=True)
    )

    assert len(added) == 300
    assert all(a < b for a, b in zip(added, added[1:], strict=False))


def test_paging_by_date_added_sees_every_entry_once_while_entries_are_added(db):
    collection = services.create_collection("c", "C")
    services.add_objects(collection, [sdo() for _ in range(25)])
    seen, after = [], None
    while True:
        page = queries.object_bodies(
            queries.select_entries(collection, queries.EntryFilter(after=after)), limit=10
        )
        seen += [body for _, body in page.rows]
        if not page.more:
            break
        after = page.last_added
        services.add_objects(collection, [sdo()])  # new entries arrive between pages

    assert len(seen) == len(set(seen)) == CollectionEntry.objects.filter(collection=collection).count()


def test_objects_of_one_request_are_added_in_the_order_they_were_sent(db):
    collection = services.create_collection("c", "C")
    sent = [sdo() for _ in range(30)]

    services.add_objects(collection, sent)

    added = CollectionEntry.objects.filter(collection=collection).order_by("date_added")
    assert list(added.values_list("stix_id", flat=True)) == [o["id"] for o in sent]
