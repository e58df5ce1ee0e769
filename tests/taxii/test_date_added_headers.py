"""X-TAXII-Date-Added-First / -Last (TAXII 2.1 sections 5.3, 5.5, 5.6, 5.8): the date_added of the first and
last record of the page, on every paged endpoint; absent when the page is empty."""

import pytest

from tests.taxii.conftest import A_VERSIONS
from tests.taxii.support import get, when

FIRST, LAST = "X-TAXII-Date-Added-First", "X-TAXII-Date-Added-Last"


def _headers(response):
    assert response.status_code == 200, response.text
    return when(response.headers[FIRST]), when(response.headers[LAST])


def _date_added(corpus, obj) -> object:
    return when(corpus.date_added(obj["id"], obj.get("modified")))


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"match[version]": "all"},
        {"match[version]": "all", "limit": "3"},
        {"match[type]": "indicator,malware"},
    ],
)
def test_objects_page(corpus, params):
    response = get(corpus.url + "objects/", params=params)
    objects = response.json()["objects"]
    assert _headers(response) == (_date_added(corpus, objects[0]), _date_added(corpus, objects[-1]))


def test_objects_second_page(corpus):
    first = get(corpus.url + "objects/", params={"match[version]": "all", "limit": 3})
    response = get(
        corpus.url + "objects/", params={"match[version]": "all", "limit": 3, "next": first.json()["next"]}
    )
    objects = response.json()["objects"]
    assert _headers(response) == (_date_added(corpus, objects[0]), _date_added(corpus, objects[-1]))
    assert _headers(response)[0] > _headers(first)[1]


@pytest.mark.parametrize("params", [{}, {"match[version]": "all"}, {"limit": "2"}])
def test_manifest_page(corpus, params):
    response = get(corpus.url + "manifest/", params=params)
    records = response.json()["objects"]
    assert _headers(response) == (when(records[0]["date_added"]), when(records[-1]["date_added"]))


def test_object(corpus):
    latest = get(corpus.url + f"objects/{corpus.a}/")
    a3 = when(corpus.date_added(corpus.a, A_VERSIONS[2]))
    assert _headers(latest) == (a3, a3)
    every = get(corpus.url + f"objects/{corpus.a}/", params={"match[version]": "all"})
    assert _headers(every) == (when(corpus.date_added(corpus.a, A_VERSIONS[0])), a3)


def test_versions(corpus):
    response = get(corpus.url + f"objects/{corpus.a}/versions/")
    first, last = (when(corpus.date_added(corpus.a, v)) for v in (A_VERSIONS[0], A_VERSIONS[2]))
    assert _headers(response) == (first, last)


@pytest.mark.parametrize("path", ["objects/", "manifest/", "objects/{a}/", "objects/{a}/versions/"])
def test_no_headers_on_an_empty_page(corpus, path):
    response = get(corpus.url + path.format(a=corpus.a), params={"added_after": "2999-01-01T00:00:00Z"})
    assert response.status_code == 200
    assert FIRST not in response.headers and LAST not in response.headers
