"""Get Objects (TAXII 2.1 section 5.3) with every filter (section 3.4), through taxii2-client, on the corpus
collection: a (3 versions), m (2), SCO s, identity i (version = a's second), relationship r."""

import pytest

from tests.taxii.conftest import A_VERSIONS, M_VERSIONS
from tests.taxii.support import get, when


def _got(envelope) -> list[tuple[str, object]]:
    """(id, version) of each returned object, in the order served; an SCO's version is None."""
    return [(o["id"], when(o["modified"]) if "modified" in o else None) for o in envelope.get("objects", [])]


def _expect(corpus, *names: str) -> list[tuple[str, object]]:
    """'a1' -> (a, A_VERSIONS[0]); 's' -> (s, None) ..."""
    versions = {"a": A_VERSIONS, "m": M_VERSIONS}
    out = []
    for name in names:
        stix_id = getattr(corpus, name[0])
        if name[0] in versions:
            out.append((stix_id, when(versions[name[0]][int(name[1]) - 1])))
        elif name == "s":
            out.append((stix_id, None))
        else:
            out.append((stix_id, when({"i": A_VERSIONS[1], "r": A_VERSIONS[2]}[name])))
    return out


def _in_date_added_order(corpus, pairs):
    def key(pair):
        stix_id, version = pair
        return corpus.date_added(
            stix_id, None if version is None else version.isoformat().replace("+00:00", "Z")
        )

    return sorted(pairs, key=key)


def test_no_filter_gives_the_latest_version_of_each_in_date_added_order(corpus):
    got = corpus.collection.get_objects()
    assert got["more"] is False
    assert _got(got) == _in_date_added_order(corpus, _expect(corpus, "a3", "m2", "s", "i", "r"))


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("last", ["a3", "m2", "s", "i", "r"]),
        ("first", ["a1", "m1", "s", "i", "r"]),
        ("all", ["a1", "a2", "a3", "m1", "m2", "s", "i", "r"]),
        ("first,last", ["a1", "a3", "m1", "m2", "s", "i", "r"]),
        (A_VERSIONS[1], ["a2", "i"]),
        ("2024-02-01T00:00:00Z", ["a2", "i"]),
        ("2024-02-01T00:00:00.000000Z", ["a2", "i"]),
        (f"{A_VERSIONS[0]},{M_VERSIONS[1]}", ["a1", "m2"]),
        (f"{A_VERSIONS[1]},last", ["a2", "a3", "m2", "s", "i", "r"]),
        (f"{A_VERSIONS[0]},first", ["a1", "m1", "s", "i", "r"]),
        ("first,last,all", ["a1", "a2", "a3", "m1", "m2", "s", "i", "r"]),
        ("2030-01-01T00:00:00.000Z", []),
    ],
)
def test_match_version(corpus, version, expected):
    got = corpus.collection.get_objects(version=version)
    assert _got(got) == _in_date_added_order(corpus, _expect(corpus, *expected))


def test_match_version_as_repeated_parameters(corpus):
    response = get(corpus.url + "objects/", params=[("match[version]", "first"), ("match[version]", "last")])
    assert _got(response.json()) == _in_date_added_order(
        corpus, _expect(corpus, "a1", "a3", "m1", "m2", "s", "i", "r")
    )


@pytest.mark.parametrize(
    ("types", "version", "expected"),
    [
        ("indicator", None, ["a3"]),
        ("indicator,malware", None, ["a3", "m2"]),
        ("ipv4-addr", None, ["s"]),
        ("indicator", "all", ["a1", "a2", "a3"]),
        ("indicator", A_VERSIONS[1], ["a2"]),
        ("identity,relationship", "first", ["i", "r"]),
        ("campaign", None, []),
    ],
)
def test_match_type(corpus, types, version, expected):
    got = corpus.collection.get_objects(type=types.split(","), version=version)
    assert _got(got) == _in_date_added_order(corpus, _expect(corpus, *expected))


def test_match_id(corpus):
    c = corpus.collection
    assert _got(c.get_objects(id=corpus.a)) == _expect(corpus, "a3")
    assert _got(c.get_objects(id=[corpus.a, corpus.s])) == _in_date_added_order(
        corpus, _expect(corpus, "a3", "s")
    )
    assert _got(c.get_objects(id=corpus.a, version="all")) == _expect(corpus, "a1", "a2", "a3")
    assert _got(c.get_objects(id=corpus.m, version="first")) == _expect(corpus, "m1")
    assert _got(c.get_objects(id="indicator--00000000-0000-4000-8000-000000000000")) == []
    # id and type are ANDed
    assert _got(c.get_objects(id=[corpus.a, corpus.m], type="malware")) == _expect(corpus, "m2")


@pytest.mark.parametrize(
    ("spec_versions", "expected"),
    [("2.1", ["a3", "m2", "s", "i", "r"]), ("2.0,2.1", ["a3", "m2", "s", "i", "r"]), ("2.0", [])],
)
def test_match_spec_version(corpus, spec_versions, expected):
    got = corpus.collection.get_objects(spec_version=spec_versions.split(","))
    assert _got(got) == _in_date_added_order(corpus, _expect(corpus, *expected))
    assert all(o["spec_version"] == "2.1" for o in got.get("objects", []))


def test_match_type_and_spec_version(corpus):
    got = corpus.collection.get_objects(type="indicator", spec_version="2.1", version="all")
    assert _got(got) == _expect(corpus, "a1", "a2", "a3")
    assert corpus.collection.get_objects(type="indicator", spec_version="2.0") == {"more": False}


ALL = ["a1", "a2", "a3", "m1", "m2", "s", "i", "r"]


def test_added_after(corpus):
    c = corpus.collection
    ordered = lambda *names: _in_date_added_order(corpus, _expect(corpus, *names))  # noqa: E731
    first_post = [(corpus.a, A_VERSIONS[0]), (corpus.m, M_VERSIONS[0]), (corpus.s, None), (corpus.i, None)]
    after_first_post = max((corpus.date_added(*entry) for entry in first_post), key=when)
    assert _got(c.get_objects(added_after=after_first_post)) == ordered("m2", "r", "a3")
    assert _got(c.get_objects(added_after=after_first_post, version="all")) == ordered("a2", "m2", "r", "a3")
    assert _got(c.get_objects(added_after=after_first_post, type="indicator", version="all")) == ordered(
        "a2", "a3"
    )
    # strictly after: the entry added at that very instant is not included
    assert _got(c.get_objects(added_after=corpus.date_added(corpus.a, A_VERSIONS[2]))) == []
    assert c.get_objects(added_after="2999-01-01T00:00:00Z") == {"more": False}
    assert _got(c.get_objects(added_after="2000-01-01T00:00:00Z", version="all")) == ordered(*ALL)


def test_limit(corpus):
    c = corpus.collection
    everything = _in_date_added_order(corpus, _expect(corpus, *ALL))
    page = c.get_objects(limit=2, version="all")
    assert page["more"] is True and page["next"]
    assert _got(page) == everything[:2]
    rest = c.get_objects(limit=10, version="all", next=page["next"])
    assert rest["more"] is False and "next" not in rest
    assert _got(rest) == everything[2:]
    exact = c.get_objects(limit=5)
    assert exact["more"] is False and len(exact["objects"]) == 5
    one_short = c.get_objects(limit=4)
    assert one_short["more"] is True and len(one_short["objects"]) == 4


def test_limit_with_filters(corpus):
    c = corpus.collection
    page = c.get_objects(type="indicator", version="all", limit=2)
    assert (_got(page), page["more"]) == (_expect(corpus, "a1", "a2"), True)
    page = c.get_objects(type="indicator", version="all", limit=2, next=page["next"])
    assert (_got(page), page["more"]) == (_expect(corpus, "a3"), False)
