import requests
from taxii2client.v21 import Server

from tests.factories import sdo
from tests.node.conftest import DEMO_PASSWORD

PASSWORD = DEMO_PASSWORD


def _intel(url: str):
    server = Server(url + "/taxii2/", user="analyst", password=PASSWORD)
    return next(c for c in server.default.collections if c.alias == "intel")


def test_both_nodes_serve_the_seed_intelligence_to_the_analyst(demo):
    urls = demo.urls
    for url in urls:
        names = {o.get("name") for o in _intel(url).get_objects()["objects"]}
        assert "Badan Nasional Penanggulangan Terorisme (BNPT)" in names
        assert "JWG on CT, 2nd meeting, BNPT Jakarta, 18 June 2025" in names


def test_the_nodes_are_independent_and_the_analyst_can_write(demo):
    bnpt, mps = demo.urls
    obj = sdo()

    status = _intel(bnpt).add_objects({"objects": [obj]})

    assert status.status == "complete" and status.success_count == 1
    assert _intel(bnpt).get_object(obj["id"])["objects"][0]["id"] == obj["id"]
    assert requests.get(
        f"{mps}/taxii2/api/collections/intel/objects/{obj['id']}/",
        auth=("analyst", PASSWORD), timeout=10,
    ).status_code == 404  # fmt: skip
