import re
import shlex

import requests
from taxii2client.common import TokenAuth
from taxii2client.v21 import Server

from tests.factories import sdo
from tests.live import TAXII
from tests.node.conftest import DEMO_PASSWORD

PASSWORD = DEMO_PASSWORD


def _token(demo, url: str) -> str:
    """The analyst's API token on the node at `url`, as the demo prints it (HTTP Basic is refused for an
    analyst: the role requires a second factor)."""
    name = ("bnpt", "mps")[demo.urls.index(url)]
    return re.search(rf"^ +analyst's API token on {name}: (htl_\S+)$", demo.output, re.M).group(1)


def _intel(demo, url: str):
    server = Server(url + "/taxii2/", auth=TokenAuth(_token(demo, url)))
    return next(c for c in server.default.collections if c.alias == "intel")


def test_the_analysts_password_alone_is_refused_and_the_printed_curl_line_works(demo):
    refused = requests.get(
        f"{demo.urls[0]}/taxii2/", auth=("analyst", PASSWORD), headers={"Accept": TAXII}, timeout=10
    )
    assert refused.status_code == 401 and "API token" in refused.json()["description"]
    # The printed curl line: its -H headers and its URL, sent as curl would.
    words = shlex.split(re.search(r"^ +curl (.*)$", demo.output, re.M).group(1))
    headers = dict(words[i + 1].split(": ", 1) for i, word in enumerate(words) if word == "-H")
    done = requests.get(words[-1], headers=headers, timeout=10)
    assert done.status_code == 200
    assert "Badan Nasional Penanggulangan Terorisme (BNPT)" in done.text


def test_both_nodes_serve_the_seed_intelligence_to_the_analyst(demo):
    urls = demo.urls
    for url in urls:
        names = {o.get("name") for o in _intel(demo, url).get_objects()["objects"]}
        assert "Badan Nasional Penanggulangan Terorisme (BNPT)" in names
        assert "JWG on CT, 2nd meeting, BNPT Jakarta, 18 June 2025" in names


def test_the_nodes_are_independent_and_the_analyst_can_write(demo):
    bnpt, mps = demo.urls
    obj = sdo()

    status = _intel(demo, bnpt).add_objects({"objects": [obj]})

    assert status.status == "complete" and status.success_count == 1
    assert _intel(demo, bnpt).get_object(obj["id"])["objects"][0]["id"] == obj["id"]
    assert requests.get(
        f"{mps}/taxii2/api/collections/intel/objects/{obj['id']}/",
        headers={"Authorization": f"Token {_token(demo, mps)}"}, timeout=10,
    ).status_code == 404  # fmt: skip
