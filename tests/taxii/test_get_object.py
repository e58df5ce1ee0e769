"""Get an Object (TAXII 2.1 section 5.5) with taxii2-client: the latest version by default, the version and
spec_version filters, added_after, and paging through the versions of one object."""

import pytest
import requests
from taxii2client.v21 import as_pages

from tests.taxii.conftest import A_VERSIONS
from tests.taxii.support import assert_taxii_error, get, when


def _versions(envelope) -> list:
    return [when(o["modified"]) for o in envelope.get("objects", [])]


def test_the_latest_version_by_default(corpus):
    got = corpus.collection.get_object(corpus.a)
    assert got["more"] is False
    assert [o["id"] for o in got["objects"]] == [corpus.a]
    assert _versions(got) == [when(A_VERSIONS[2])]


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("last", [A_VERSIONS[2]]),
        ("first", [A_VERSIONS[0]]),
        ("all", list(A_VERSIONS)),
        ("first,last", [A_VERSIONS[0], A_VERSIONS[2]]),
        (A_VERSIONS[1], [A_VERSIONS[1]]),
        ("2024-02-01T00:00:00Z", [A_VERSIONS[1]]),
        (f"{A_VERSIONS[0]},{A_VERSIONS[1]}", A_VERSIONS[:2]),
        ("2024-02-02T00:00:00.000Z", []),
    ],
)
def test_match_version(corpus, version, expected):
    assert _versions(corpus.collection.get_object(corpus.a, version=version)) == [when(v) for v in expected]


@pytest.mark.parametrize("version", ["first", "last", "all"])
def test_a_sco_has_one_version(corpus, version):
    got = corpus.collection.get_object(corpus.s, version=version)
    assert [o["id"] for o in got["objects"]] == [corpus.s]


def test_match_spec_version(corpus):
    c = corpus.collection
    assert _versions(c.get_object(corpus.a, spec_version="2.1")) == [when(A_VERSIONS[2])]
    assert _versions(c.get_object(corpus.a, spec_version="2.1", version="all")) == [
        when(v) for v in A_VERSIONS
    ]
    assert c.get_object(corpus.a, spec_version="2.0") == {"more": False}


def test_added_after(corpus):
    c = corpus.collection
    after_a1 = corpus.date_added(corpus.a, A_VERSIONS[0])
    assert _versions(c.get_object(corpus.a, version="all", added_after=after_a1)) == [
        when(v) for v in A_VERSIONS[1:]
    ]
    assert c.get_object(corpus.a, added_after=corpus.date_added(corpus.a, A_VERSIONS[2])) == {"more": False}
    assert _versions(c.get_object(corpus.a, added_after="2000-01-01T00:00:00Z")) == [when(A_VERSIONS[2])]


def test_paging_through_the_versions_of_one_object(corpus):
    pages = list(as_pages(corpus.collection.get_object, 1, corpus.a, version="all"))
    assert [_versions(p) for p in pages] == [[when(v)] for v in A_VERSIONS]
    assert [p["more"] for p in pages] == [True, True, False]


def test_an_unknown_object_is_404(corpus, intel):
    with pytest.raises(requests.HTTPError) as raised:
        corpus.collection.get_object("indicator--00000000-0000-4000-8000-000000000000")
    assert raised.value.response.status_code == 404
    assert_taxii_error(raised.value.response, 404)
    # an object of another collection is not in this one
    assert_taxii_error(get(intel.url + f"objects/{corpus.a}/"), 404)


def test_a_sco_and_added_after(corpus):
    added = corpus.date_added(corpus.s)
    assert [
        o["id"] for o in corpus.collection.get_object(corpus.s, added_after="2000-01-01T00:00:00Z")["objects"]
    ] == [corpus.s]
    assert corpus.collection.get_object(corpus.s, added_after=added) == {"more": False}
    assert [o["id"] for o in corpus.collection.get_object(corpus.s, version=added)["objects"]] == [corpus.s]
