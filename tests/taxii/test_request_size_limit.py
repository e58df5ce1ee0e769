"""max_content_length (TAXII 2.1 section 4.2.1): a POST larger than the API root advertises is a 413 and
stores nothing, whether the body is large or only its declared Content-Length."""

import http.client
import json

from taxii2client.v21 import ApiRoot

from tests.live import TAXII
from tests.taxii.support import assert_taxii_error, auth_headers, envelope, get, indicator, post


def test_the_advertised_limit_is_enforced(small_node, client):
    api: ApiRoot = client(small_node, "alice")
    assert api.max_content_length == 4096
    intel = next(c for c in api.collections if c.alias == "intel")

    objects = [indicator() for _ in range(12)]
    body = json.dumps(envelope(*objects))
    assert len(body) > 4096
    assert_taxii_error(post(intel.url + "objects/", body), 413)
    assert intel.get_objects(id=[o["id"] for o in objects]) == {"more": False}

    fits = json.dumps(envelope(*objects[:2]))
    assert len(fits) <= 4096
    assert post(intel.url + "objects/", fits).status_code == 202


def test_a_declared_content_length_above_the_limit_is_refused(node, collection_url):
    limit = get(node.api_root).json()["max_content_length"]
    url = collection_url("intel") + "objects/"
    connection = http.client.HTTPConnection("127.0.0.1", node.port, timeout=30)
    try:
        connection.putrequest("POST", url.removeprefix(node.url))
        for name, value in {"Accept": TAXII, "Content-Type": TAXII, **auth_headers(url, "alice")}.items():
            connection.putheader(name, value)
        connection.putheader("Content-Length", str(limit + 1))
        connection.endheaders()
        connection.send(b'{"objects": []}')
        response = connection.getresponse()
        body = json.loads(response.read())
    finally:
        connection.close()
    assert response.status == 413
    assert response.getheader("Content-Type") == TAXII
    assert body["http_status"] == "413" and body["title"]
