"""Get Object Versions (TAXII 2.1 section 5.8) with taxii2-client: every version, oldest added first, with
spec_version, added_after and paging."""

import pytest
import requests

from tests.taxii.conftest import A_VERSIONS, M_VERSIONS
from tests.taxii.support import assert_taxii_error, get, when


def _versions(resource) -> list:
    return [when(v) for v in resource.get("versions", [])]


def test_every_version_is_listed(corpus):
    got = corpus.collection.object_versions(corpus.a)
    assert got["more"] is False
    assert _versions(got) == [when(v) for v in A_VERSIONS]
    assert _versions(corpus.collection.object_versions(corpus.m)) == [when(v) for v in M_VERSIONS]


def test_a_sco_has_its_date_added_as_only_version(corpus):
    got = corpus.collection.object_versions(corpus.s)
    assert _versions(got) == [when(corpus.date_added(corpus.s))]


def test_match_spec_version(corpus):
    c = corpus.collection
    assert _versions(c.object_versions(corpus.a, spec_version="2.1")) == [when(v) for v in A_VERSIONS]
    assert _versions(c.object_versions(corpus.a, spec_version="2.0,2.1")) == [when(v) for v in A_VERSIONS]
    # the object exists, no version matches: an empty answer, not a 404
    assert c.object_versions(corpus.a, spec_version="2.0") == {"more": False}


def test_added_after(corpus):
    c = corpus.collection
    after_a1 = corpus.date_added(corpus.a, A_VERSIONS[0])
    assert _versions(c.object_versions(corpus.a, added_after=after_a1)) == [when(v) for v in A_VERSIONS[1:]]
    assert c.object_versions(corpus.a, added_after=corpus.date_added(corpus.a, A_VERSIONS[2])) == {
        "more": False
    }


def test_paging_with_limit_and_next(corpus):
    url = corpus.url + f"objects/{corpus.a}/versions/"
    seen, params = [], {"limit": 1}
    while True:
        response = get(url, params=params)
        body = response.json()
        assert len(body["versions"]) == 1
        assert response.headers["X-TAXII-Date-Added-First"] == response.headers["X-TAXII-Date-Added-Last"]
        assert when(response.headers["X-TAXII-Date-Added-First"]) == when(
            corpus.date_added(corpus.a, body["versions"][0])
        )
        seen += body["versions"]
        if not body["more"]:
            break
        params = {"limit": 1, "next": body["next"]}
    assert [when(v) for v in seen] == [when(v) for v in A_VERSIONS]


def test_an_unknown_object_is_404(corpus):
    with pytest.raises(requests.HTTPError) as raised:
        corpus.collection.object_versions("indicator--00000000-0000-4000-8000-000000000000")
    assert_taxii_error(raised.value.response, 404)
    assert_taxii_error(
        get(
            corpus.url + "objects/indicator--00000000-0000-4000-8000-000000000000/versions/",
            params={"added_after": "2000-01-01T00:00:00Z"},
        ),
        404,
    )


@pytest.mark.parametrize("param", ["match[type]", "match[id]", "match[version]"])
def test_filters_the_endpoint_does_not_take_are_400(corpus, param):
    assert_taxii_error(get(corpus.url + f"objects/{corpus.a}/versions/", params={param: "first"}), 400)
