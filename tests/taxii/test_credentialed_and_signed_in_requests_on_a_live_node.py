"""On a real node (gunicorn) a TAXII request with credentials goes through the shorter middleware stack of
hotline/wsgi.py: the same answers and security headers, and nothing of a browser's (no session cookie, no
language negotiation). A signed-in officer browsing the API without an Authorization header still goes
through the full stack and reads with their session."""

import re

import pytest
import requests

from tests.actors import PASSWORD
from tests.live import TAXII
from tests.web.test_security_headers_on_every_page import assert_security_headers

pytestmark = pytest.mark.live


def test_a_credentialed_request_gets_the_api_answer_and_no_browser_state(live_node):
    answer = requests.get(
        live_node.api_root + "collections/", headers={"Accept": TAXII, **live_node.auth("alice")}, timeout=30
    )

    assert answer.status_code == 200 and answer.headers["Content-Type"] == TAXII
    assert "intel" in {c["alias"] for c in answer.json()["collections"]}
    assert_security_headers(answer, "TAXII with a token")
    assert "Set-Cookie" not in answer.headers
    assert "Content-Language" not in answer.headers


def test_a_signed_in_session_reads_the_api_without_credentials(live_node):
    session = requests.Session()
    page = session.get(live_node.url + "/login/", timeout=30).text
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"username": "charlie", "password": PASSWORD, "csrfmiddlewaretoken": csrf}
    signed_in = session.post(
        live_node.url + "/login/", data=form, headers={"Referer": live_node.url + "/login/"}, timeout=30,
        allow_redirects=False,
    )  # fmt: skip
    assert signed_in.status_code == 302

    answer = session.get(live_node.api_root + "collections/", headers={"Accept": TAXII}, timeout=30)

    assert answer.status_code == 200
    readable = {c["alias"] for c in answer.json()["collections"]}
    assert "public" in readable and "intel" not in readable  # charlie's, by his session (not alice's)
    assert_security_headers(answer, "TAXII with a session")
    assert requests.get(
        live_node.api_root + "collections/", headers={"Accept": TAXII}, timeout=30
    ).status_code == (401)


def _policy(answer) -> dict:
    # django-csp writes the directives in an order that may differ between processes: compare them as a map.
    policy = answer.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_a_credentialed_answer_carries_the_policy_of_the_web_pages(live_node):
    page = requests.get(live_node.url + "/login/", timeout=30)
    answers = [
        requests.get(
            live_node.api_root + path, headers={"Accept": TAXII, **live_node.auth("alice")}, timeout=30
        )
        for path in ("collections/", "collections/no-such-collection/")
    ]

    assert [a.status_code for a in answers] == [200, 404]
    for answer in answers:
        assert _policy(answer) == _policy(page)
