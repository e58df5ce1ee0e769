"""Delete an Object (TAXII 2.1 section 5.7) with taxii2-client: every version by default, or the versions
match[version] / match[spec_version] select; first and last move to what remains; the object is then gone
from every endpoint of this collection (and only of this one)."""

import pytest
import requests

from tests.taxii.support import assert_taxii_error, delete, envelope, get, indicator, versions_of, when

V = (
    "2024-01-01T00:00:00.000Z",
    "2024-02-01T00:00:00.000Z",
    "2024-03-01T00:00:00.000Z",
    "2024-04-01T00:00:00.000Z",
)


@pytest.fixture
def four_versions(intel):
    versions = versions_of(indicator(), *V)
    status = intel.add_objects(envelope(*versions))
    assert status.success_count == 4
    return versions[0]["id"]


def _versions(intel, stix_id) -> list:
    return [when(v) for v in intel.object_versions(stix_id)["versions"]]


def _status(call) -> int:
    with pytest.raises(requests.HTTPError) as raised:
        call()
    return raised.value.response.status_code


def test_delete_removes_every_version(intel, four_versions):
    assert intel.delete_object(four_versions) is None
    assert _status(lambda: intel.get_object(four_versions)) == 404
    assert _status(lambda: intel.object_versions(four_versions)) == 404
    assert intel.get_manifest(id=four_versions, version="all") == {"more": False}
    assert intel.get_objects(id=four_versions, version="all") == {"more": False}
    assert _status(lambda: intel.delete_object(four_versions)) == 404


def test_the_delete_answer(node, intel, four_versions):
    response = delete(intel.url + f"objects/{four_versions}/")
    assert response.status_code == 200


def test_delete_last_moves_last_to_the_previous_version(intel, four_versions):
    intel.delete_object(four_versions, version="last")
    assert _versions(intel, four_versions) == [when(v) for v in V[:3]]
    assert [when(o["modified"]) for o in intel.get_object(four_versions)["objects"]] == [when(V[2])]
    intel.delete_object(four_versions, version="last")
    assert [when(o["modified"]) for o in intel.get_objects(id=four_versions)["objects"]] == [when(V[1])]


def test_delete_first_moves_first_to_the_next_version(intel, four_versions):
    intel.delete_object(four_versions, version="first")
    assert _versions(intel, four_versions) == [when(v) for v in V[1:]]
    first = intel.get_object(four_versions, version="first")["objects"]
    assert [when(o["modified"]) for o in first] == [when(V[1])]
    assert [when(r["version"]) for r in intel.get_manifest(id=four_versions, version="first")["objects"]] == [
        when(V[1])
    ]


def test_delete_one_exact_version(intel, four_versions):
    intel.delete_object(four_versions, version=V[1])
    assert _versions(intel, four_versions) == [when(v) for v in (V[0], V[2], V[3])]
    # first and last are unchanged
    assert [
        when(o["modified"]) for o in intel.get_object(four_versions, version="first,last")["objects"]
    ] == [
        when(V[0]),
        when(V[3]),
    ]


def test_delete_first_and_last_together(intel, four_versions):
    intel.delete_object(four_versions, version="first,last")
    assert _versions(intel, four_versions) == [when(V[1]), when(V[2])]
    assert [when(o["modified"]) for o in intel.get_object(four_versions, version="first")["objects"]] == [
        when(V[1])
    ]


def test_delete_by_spec_version(intel, four_versions):
    assert _status(lambda: intel.delete_object(four_versions, spec_version="2.0")) == 404
    assert len(_versions(intel, four_versions)) == 4
    intel.delete_object(four_versions, spec_version="2.1")
    assert _status(lambda: intel.object_versions(four_versions)) == 404


def test_deleting_a_version_that_is_not_there_is_404_and_changes_nothing(intel, four_versions):
    response = delete(
        intel.url + f"objects/{four_versions}/", params={"match[version]": "2024-01-15T00:00:00Z"}
    )
    assert_taxii_error(response, 404)
    assert _versions(intel, four_versions) == [when(v) for v in V]


def test_delete_unknown_object_is_404(intel):
    assert_taxii_error(delete(intel.url + "objects/indicator--00000000-0000-4000-8000-000000000000/"), 404)


@pytest.mark.parametrize("params", [{"match[type]": "indicator"}, {"match[id]": "x"}, {"limit": "1"}])
def test_delete_takes_only_version_filters(intel, four_versions, params):
    assert_taxii_error(delete(intel.url + f"objects/{four_versions}/", params=params), 400)
    assert len(_versions(intel, four_versions)) == 4


def test_delete_leaves_other_collections_alone(node, client, intel):
    obj = indicator()
    to_mps = client(node, "alice", "to-mps")
    intel.add_objects(envelope(obj))
    to_mps.add_objects(envelope(obj))
    intel.delete_object(obj["id"])
    assert to_mps.get_object(obj["id"])["objects"] == [obj]
    assert get(to_mps.url + f"objects/{obj['id']}/", user="bob").json()["objects"] == [obj]


def test_a_deleted_object_can_be_added_again(intel):
    obj = indicator()
    intel.add_objects(envelope(obj))
    added_before = intel.get_manifest(id=obj["id"])["objects"][0]["date_added"]
    intel.delete_object(obj["id"])
    status = intel.add_objects(envelope(obj))
    assert (status.success_count, status.failure_count) == (1, 0)
    assert intel.get_object(obj["id"])["objects"] == [obj]
    assert when(intel.get_manifest(id=obj["id"])["objects"][0]["date_added"]) > when(added_before)
