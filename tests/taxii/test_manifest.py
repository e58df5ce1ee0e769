"""Get Object Manifests (TAXII 2.1 section 5.6) with taxii2-client: one record per stored version with id,
date_added, version and media_type, ordered by date_added, with the same filters as Get Objects."""

from taxii2client.v21 import as_pages

from tests.taxii.conftest import A_VERSIONS
from tests.taxii.support import STIX, when


def test_records_describe_the_latest_versions(corpus):
    got = corpus.collection.get_manifest()
    assert got["more"] is False
    records = got["objects"]
    assert {r["id"] for r in records} == {corpus.a, corpus.m, corpus.s, corpus.i, corpus.r}
    for record in records:
        assert set(record) == {"id", "date_added", "version", "media_type"}
        assert record["media_type"] == STIX
    objects = {o["id"]: o for o in corpus.collection.get_objects()["objects"]}
    for record in records:
        obj = objects[record["id"]]
        expected = obj.get("modified") or record["date_added"]  # an SCO's version is its date_added
        assert when(record["version"]) == when(expected)


def test_all_versions_in_strict_date_added_order(corpus):
    records = corpus.collection.get_manifest(version="all")["objects"]
    assert len(records) == 8
    added = [when(r["date_added"]) for r in records]
    assert added == sorted(added) and len(set(added)) == len(added)
    assert [when(r["version"]) for r in records if r["id"] == corpus.a] == [when(v) for v in A_VERSIONS]


def test_filters(corpus):
    c = corpus.collection
    assert [r["id"] for r in c.get_manifest(id=corpus.a, version="all")["objects"]] == [corpus.a] * 3
    assert {r["id"] for r in c.get_manifest(type=["indicator", "malware"])["objects"]} == {corpus.a, corpus.m}
    first = {r["id"]: when(r["version"]) for r in c.get_manifest(version="first")["objects"]}
    assert first[corpus.a] == when(A_VERSIONS[0])
    assert [when(r["version"]) for r in c.get_manifest(version=A_VERSIONS[1])["objects"]] == [
        when(A_VERSIONS[1])
    ] * 2
    assert len(c.get_manifest(spec_version="2.1")["objects"]) == 5
    assert c.get_manifest(spec_version="2.0") == {"more": False}
    last_added = corpus.manifest[-1]["date_added"]
    assert c.get_manifest(added_after=last_added) == {"more": False}


def test_paging_through_the_manifest(corpus):
    pages = list(as_pages(corpus.collection.get_manifest, 3, version="all"))
    assert [len(p["objects"]) for p in pages] == [3, 3, 2]
    assert [p["more"] for p in pages] == [True, True, False]
    assert [r for p in pages for r in p["objects"]] == corpus.manifest
