"""Paging through everything with taxii2-client's as_pages: every record exactly once, in date_added order,
whatever the page size, on Get Objects and Get Object Manifests (TAXII 2.1 section 3.5)."""

import pytest
from taxii2client.v21 import as_pages

from tests.taxii.support import indicator, ipv4, malware, post_all, versions_of

SIZE = 23


@pytest.fixture(scope="module")
def paged(node, new_collection):
    """A collection of 23 objects, 5 of them with a second version: 28 records in all."""
    collection = new_collection(node)
    objects = (
        [indicator() for _ in range(10)]
        + [malware() for _ in range(8)]
        + [ipv4(f"10.1.0.{n}") for n in range(5)]
    )
    for start in range(0, SIZE, 6):  # several POSTs, so that date_added spans requests
        post_all(collection, *objects[start : start + 6])
    newer = [versions_of(o, "2024-07-01T00:00:00.000Z")[0] for o in objects[:5]]
    post_all(collection, *newer)
    latest = {o["id"]: o for o in objects} | {o["id"]: o for o in newer}
    return collection, objects + newer, latest


def _records(pages) -> list[tuple]:
    return [(o["id"], o.get("modified")) for page in pages for o in page.get("objects", [])]


@pytest.mark.parametrize("per_request", [1, 4, 7, 23, 100])
def test_latest_versions_page_by_page(paged, per_request):
    collection, _, latest = paged
    pages = list(as_pages(collection.get_objects, per_request))
    served = [o for page in pages for o in page.get("objects", [])]
    assert len(served) == len(latest) == SIZE
    assert {o["id"]: o for o in served} == latest
    assert all(page["more"] for page in pages[:-1]) and pages[-1]["more"] is False
    assert all(len(page["objects"]) == per_request for page in pages[:-1])


@pytest.mark.parametrize("per_request", [1, 5, 28])
def test_all_versions_page_by_page(paged, per_request):
    collection, everything, _ = paged
    served = _records(as_pages(collection.get_objects, per_request, version="all"))
    assert len(served) == len(set(served)) == 28
    assert set(served) == {(o["id"], o.get("modified")) for o in everything}


@pytest.mark.parametrize("per_request", [2, 9])
def test_manifest_page_by_page_in_date_added_order(paged, per_request):
    collection, _, _ = paged
    whole = collection.get_manifest(version="all")["objects"]
    served = [
        r for page in as_pages(collection.get_manifest, per_request, version="all") for r in page["objects"]
    ]
    assert served == whole
    assert [r["date_added"] for r in served] == sorted(r["date_added"] for r in served)


def test_filters_hold_across_pages(paged):
    collection, _, latest = paged
    served = [o for page in as_pages(collection.get_objects, 3, type="indicator") for o in page["objects"]]
    assert sorted(o["id"] for o in served) == sorted(i for i, o in latest.items() if o["type"] == "indicator")


def test_an_empty_result_is_one_page(paged):
    collection, _, _ = paged
    pages = list(as_pages(collection.get_objects, 5, type="campaign"))
    assert pages == [{"more": False}]
