"""On a real node (gunicorn, WhiteNoise): pages, static files, TAXII answers and error pages carry the
security headers too, and there is no HSTS on plain HTTP."""

import pytest
import requests

from tests.live import TAXII
from tests.web.test_security_headers_on_every_page import assert_security_headers

pytestmark = pytest.mark.live


def test_live_node_answers_carry_the_security_headers(live_node):
    answers = {
        "login page": requests.get(live_node.url + "/login/", timeout=30),
        "script": requests.get(live_node.url + "/static/web/compose.js", timeout=30),
        "stylesheet": requests.get(live_node.url + "/static/web/hotline.css", timeout=30),
        "missing page": requests.get(live_node.url + "/no/such/page/", timeout=30),
        "TAXII discovery": requests.get(
            live_node.url + "/taxii2/", headers={"Accept": TAXII, **live_node.auth("alice")}, timeout=30
        ),
        "TAXII without credentials": requests.get(live_node.url + "/taxii2/", timeout=30),
        "health": requests.get(live_node.url + "/healthz", timeout=30),
    }
    assert [answers[k].status_code for k in answers] == [200, 200, 200, 404, 200, 401, 200]
    for what, response in answers.items():
        assert_security_headers(response, what)
