"""Objects added while a client pages: nothing is skipped or served twice, the new objects come at the end,
and a `next` token stays valid (it holds a position in date_added order, not server memory that expires)."""

from taxii2client.v21 import as_pages

from tests.taxii.support import indicator, ipv4, post_all, versions_of


def test_objects_added_between_pages_are_served_once_at_the_end(node, new_collection):
    collection = new_collection(node)
    initial = [indicator() for _ in range(10)]
    post_all(collection, *initial)
    added, changed, served = [], None, []
    for number, page in enumerate(as_pages(collection.get_objects, 3)):
        served += [(o["id"], o["modified"]) for o in page.get("objects", [])]
        if number < 3:  # add while paging: two new objects after each of the first three pages
            batch = [indicator(), indicator()]
            post_all(collection, *batch)
            added += batch
        if number == 1:  # ... and a new version of an object already served (in the first page)
            first_served = next(o for o in initial if o["id"] == served[0][0])
            changed = versions_of(first_served, "2024-09-09T00:00:00.000Z")[0]
            post_all(collection, changed)
    assert len(served) == len(set(served))
    expected = [(o["id"], o["modified"]) for o in initial + added + [changed]]
    assert set(served) == set(expected)
    # what was added during the paging comes after everything that was there before
    assert set(served[: len(initial)]) == {(o["id"], o["modified"]) for o in initial}


def test_a_next_token_stays_valid(node, new_collection):
    collection = new_collection(node)
    first_batch = [indicator() for _ in range(4)]
    post_all(collection, *first_batch)
    page = collection.get_objects(limit=2)
    token = page["next"]
    rest = collection.get_objects(limit=10, next=token)
    assert [o["id"] for o in rest["objects"]] == [o["id"] for o in collection.get_objects()["objects"]][2:]

    # Reusable: the same token answers the same page again ...
    assert collection.get_objects(limit=10, next=token) == rest
    # ... after other clients paged with their own tokens, and after more objects were added.
    list(as_pages(collection.get_objects, 1))
    later = [indicator(), ipv4("10.9.9.9")]
    post_all(collection, *later)
    again = collection.get_objects(limit=10, next=token)
    assert [o["id"] for o in again["objects"]] == [o["id"] for o in rest["objects"]] + [
        o["id"] for o in later
    ]
    assert again["more"] is False


def test_a_next_token_survives_the_deletion_of_the_object_it_stopped_at(node, new_collection):
    collection = new_collection(node)
    objects = [indicator() for _ in range(5)]
    post_all(collection, *objects)
    page = collection.get_objects(limit=2)
    collection.delete_object(page["objects"][-1]["id"])
    rest = collection.get_objects(next=page["next"])
    served = [o["id"] for o in page["objects"]] + [o["id"] for o in rest["objects"]]
    assert sorted(served) == sorted(o["id"] for o in objects)
    assert rest["more"] is False
