"""Who may do what over TAXII: read needs can_read (403 otherwise), write needs can_write, delete needs both;
a status belongs to the user who posted."""

import pytest
import requests

from tests.taxii.support import assert_taxii_error, delete, envelope, get, indicator, post


def test_bob_cannot_read_what_he_may_only_write(node, collection_url):
    from_mps = collection_url("from-mps")
    obj = indicator()
    assert post(from_mps + "objects/", envelope(obj), user="bob").status_code == 202
    for path in ("objects/", "manifest/", f"objects/{obj['id']}/", f"objects/{obj['id']}/versions/"):
        assert_taxii_error(get(from_mps + path, user="bob"), 403)


def test_what_bob_writes_alice_reads(node, collection_url, client):
    obj = indicator(name="Laporan dari Hà Nội")
    response = post(collection_url("from-mps") + "objects/", envelope(obj), user="bob")
    assert response.status_code == 202
    assert response.json()["success_count"] == 1
    assert client(node, "alice", "from-mps").get_object(obj["id"])["objects"] == [obj]


def test_bob_cannot_write_what_he_may_only_read(node, collection_url):
    obj = indicator()
    assert_taxii_error(post(collection_url("to-mps") + "objects/", envelope(obj), user="bob"), 403)
    assert_taxii_error(get(collection_url("to-mps") + f"objects/{obj['id']}/"), 404)


def test_charlie_cannot_write_public(node, collection_url):
    obj = indicator()
    assert_taxii_error(post(collection_url("public") + "objects/", envelope(obj), user="charlie"), 403)
    assert_taxii_error(get(collection_url("public") + f"objects/{obj['id']}/", user="charlie"), 404)


def test_charlie_cannot_post_to_a_collection_he_cannot_see(node, collection_url):
    assert_taxii_error(post(collection_url("intel") + "objects/", envelope(indicator()), user="charlie"), 404)


@pytest.mark.parametrize(
    ("writer", "alias", "deleter"),
    [("bob", "from-mps", "bob"), ("bob", "from-mps", "alice"), ("alice", "to-mps", "bob")],
)
def test_delete_needs_read_and_write(node, collection_url, writer, alias, deleter):
    obj = indicator()
    assert post(collection_url(alias) + "objects/", envelope(obj), user=writer).json()["success_count"] == 1
    assert_taxii_error(delete(collection_url(alias) + f"objects/{obj['id']}/", user=deleter), 403)
    assert get(collection_url(alias) + f"objects/{obj['id']}/", user="alice").json()["objects"] == [obj]


def test_delete_by_someone_who_cannot_see_the_collection_is_404(node, collection_url, intel):
    obj = indicator()
    intel.add_objects(envelope(obj))
    assert_taxii_error(delete(collection_url("intel") + f"objects/{obj['id']}/", user="charlie"), 404)
    assert intel.get_object(obj["id"])["objects"] == [obj]


def test_a_status_is_seen_only_by_its_owner(node, collection_url, client):
    status = post(collection_url("from-mps") + "objects/", envelope(indicator()), user="bob").json()
    assert client(node, "bob").get_status(status["id"]).status == "complete"
    for user in ("alice", "charlie"):
        assert_taxii_error(get(node.api_root + f"status/{status['id']}/", user=user), 404)
    with pytest.raises(requests.HTTPError):
        client(node, "alice").get_status(status["id"])
