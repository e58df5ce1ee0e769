"""schemathesis fuzzes a live node's HTTP API from the node's own OpenAPI description (/api/openapi.json),
authenticated as alice with an API token: valid and invalid requests alike; no answer may be a 500, an invalid
request may not be accepted, and every answer must match the description (status code, content type, headers,
body schema). Bounded (a fixed number of examples per operation, derandomised) so the fuzzing itself takes
under a minute."""

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hotline.web import openapi
from tests.factories import sco, sdo
from tests.live import TAXII, hotline, make_node

pytestmark = pytest.mark.live

EXAMPLES_PER_OPERATION = 30
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture(scope="module")
def fuzzed_node(tmp_path_factory):
    """A node of its own (the fuzzer writes and deletes), with some intelligence in `intel`."""
    node = make_node(tmp_path_factory.mktemp("fuzz") / "bnpt")
    token = hotline(node.data_dir, "token", "create", "alice", "--name", "fuzz", "--write").stdout.strip()
    objects = [sdo("threat-actor", name=f"Actor {n}") for n in range(5)] + [
        sco(f"site{n}.example") for n in range(3)
    ]
    answer = requests.post(
        node.collection_url("intel") + "objects/",
        json={"objects": objects},
        headers={"Authorization": f"Token {token}", "Content-Type": TAXII, "Accept": TAXII},
        timeout=30,
    )
    assert answer.status_code == 202 and answer.json()["success_count"] == len(objects)
    yield node, token
    node.stop()


# The description as the node builds it (the live node serves the same: test_the_node_serves_its_description).
schema = schemathesis.openapi.from_dict(openapi.document())


def test_the_node_serves_its_description(fuzzed_node):
    node, _ = fuzzed_node
    served = requests.get(node.url + "/api/openapi.json", timeout=30).json()
    built = openapi.document(node.url)
    assert served["info"]["title"] == "Hotline node bnpt"  # (this process's settings know no node title)
    assert {k: v for k, v in served.items() if k != "info"} == {k: v for k, v in built.items() if k != "info"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_described_and_never_with_a_server_error(case, fuzzed_node):
    node, token = fuzzed_node
    case.call_and_validate(
        base_url=node.url, headers={"Authorization": f"Token {token}"}, checks=CHECKS, timeout=30
    )
