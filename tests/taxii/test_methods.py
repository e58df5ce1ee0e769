"""An HTTP method an endpoint does not have is a 405 TAXII error with an Allow header."""

import pytest
import requests

from tests.live import TAXII
from tests.taxii.support import assert_taxii_error, auth_headers

CASES = [
    ("", "POST", "GET"),
    ("collections/", "POST", "GET"),
    ("collections/{intel}/", "DELETE", "GET"),
    ("collections/{intel}/objects/", "PUT", "GET, POST"),
    ("collections/{intel}/objects/", "DELETE", "GET, POST"),
    ("collections/{intel}/manifest/", "POST", "GET"),
    ("collections/{intel}/objects/indicator--00000000-0000-4000-8000-000000000000/", "POST", "GET, DELETE"),
    ("collections/{intel}/objects/indicator--00000000-0000-4000-8000-000000000000/versions/", "PATCH", "GET"),
]


@pytest.mark.parametrize(("path", "method", "allow"), CASES)
def test_method_not_allowed(node, collection_ids, path, method, allow):
    url = node.api_root + path.format(intel=collection_ids["intel"])
    headers = {"Accept": TAXII, "Content-Type": TAXII, **auth_headers(url, "alice")}
    response = requests.request(method, url, headers=headers, data=b"{}", timeout=30)
    assert_taxii_error(response, 405)
    assert response.headers["Allow"] == allow
