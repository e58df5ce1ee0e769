"""On a real node (gunicorn, several processes, the worker): failed HTTP Basic attempts, failed API tokens
and failed web sign-ins lock out, each path with its own clear answer, across the server's processes."""

import re

import pytest
import requests

from tests.actors import PASSWORD
from tests.live import TAXII, hotline, make_node

pytestmark = pytest.mark.live

LIMIT = 3


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    started = make_node(
        tmp_path_factory.mktemp("lockout") / "bnpt", env={"HOTLINE_LOGIN_FAILURE_LIMIT": str(LIMIT)}
    )
    yield started
    started.stop()


def _taxii(node, **kwargs):
    headers = {"Accept": TAXII, **kwargs.pop("headers", {})}
    return requests.get(node.api_root + "collections/", headers=headers, timeout=30, **kwargs)


def _assert_taxii_lockout(response):
    assert response.status_code == 429 and response.headers["Content-Type"] == TAXII
    assert response.headers["Retry-After"] == "900"
    assert response.json()["title"] == "Too many failed attempts"


def test_http_basic(node):
    for _ in range(LIMIT - 1):
        assert _taxii(node, auth=("alice", "wrong")).status_code == 401

    _assert_taxii_lockout(_taxii(node, auth=("alice", "wrong")))
    _assert_taxii_lockout(_taxii(node, auth=("alice", PASSWORD)))
    assert _taxii(node, auth=("charlie", PASSWORD)).status_code == 200


def test_api_tokens(node):
    good = hotline(node.data_dir, "token", "create", "bob", "--name", "partner", env=node.env).stdout.strip()
    assert _taxii(node, headers={"Authorization": f"Token {good}"}).status_code == 200
    for n in range(LIMIT - 1):
        assert _taxii(node, headers={"Authorization": f"Token htl_guess{n}"}).status_code == 401

    _assert_taxii_lockout(_taxii(node, headers={"Authorization": "Token htl_guess-last"}))
    _assert_taxii_lockout(_taxii(node, headers={"Authorization": f"Token {good}"}))


def test_web_login(node):
    session = requests.Session()
    page = session.get(node.url + "/login/", timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def log_in(password):
        form = {"username": "bob", "password": password, "csrfmiddlewaretoken": token}
        return session.post(
            node.url + "/login/", data=form, headers={"Referer": node.url + "/login/"}, timeout=30,
            allow_redirects=False,
        )  # fmt: skip

    for _ in range(LIMIT - 1):
        assert log_in("wrong").status_code == 200
    locked = log_in("wrong")

    assert locked.status_code == 429 and "<h1>Too many failed attempts</h1>" in locked.text
    assert log_in(PASSWORD).status_code == 429


def test_the_operator_lifts_a_lockout(node):
    for _ in range(LIMIT):
        _taxii(node, auth=("charlie", "wrong"))
    assert _taxii(node, auth=("charlie", PASSWORD)).status_code == 429

    done = hotline(node.data_dir, "user", "unlock", "charlie", env=node.env)

    assert "lockout record(s) removed" in done.stdout
    assert _taxii(node, auth=("charlie", PASSWORD)).status_code == 200
