"""date_added is strictly increasing within a collection, also when several clients add at once (both web
workers of the node, several threads each): paging by date_added then never skips or repeats a record."""

from concurrent.futures import ThreadPoolExecutor

from taxii2client.v21 import as_pages

from tests.taxii.support import envelope, get, indicator, ipv4, post, when


def test_concurrent_adds_get_distinct_increasing_dates(node, new_collection):
    collection = new_collection(node)
    batches = [[indicator(), indicator(), ipv4(f"10.20.{n}.1")] for n in range(16)]

    def add(batch):
        return post(collection.url + "objects/", envelope(*batch))

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(add, batches))
    assert [r.status_code for r in responses] == [202] * len(batches)
    assert all(r.json()["success_count"] == 3 for r in responses)

    records = [r for page in as_pages(collection.get_manifest, 10) for r in page["objects"]]
    assert len(records) == 48
    added = [when(r["date_added"]) for r in records]
    assert added == sorted(added) and len(set(added)) == len(added)
    assert {r["id"] for r in records} == {o["id"] for batch in batches for o in batch}


def test_a_reader_following_date_added_last_misses_nothing_written_meanwhile(node, new_collection):
    """The sync loop of a partner: ask for what was added after the X-TAXII-Date-Added-Last it saw last."""
    collection = new_collection(node)
    batches = [[indicator() for _ in range(3)] for _ in range(12)]
    seen: list[str] = []
    last_added: list[str] = []

    def read_once() -> None:
        params = {"limit": 4} | ({"added_after": last_added[-1]} if last_added else {})
        response = get(collection.url + "objects/", params=params)
        objects = response.json().get("objects", [])
        seen.extend(o["id"] for o in objects)
        if objects:
            last_added.append(response.headers["X-TAXII-Date-Added-Last"])

    with ThreadPoolExecutor(max_workers=4) as pool:
        writes = [pool.submit(post, collection.url + "objects/", envelope(*b)) for b in batches]
        while not all(w.done() for w in writes):
            read_once()
        assert all(w.result().status_code == 202 for w in writes)
    for _ in range(len(batches) * 3):  # drain what is left, 4 at a time
        read_once()
    assert sorted(seen) == sorted(o["id"] for b in batches for o in b)
