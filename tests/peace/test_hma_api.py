"""The HMA-compatible API against a live node, with `requests` as an HMA client would: hashing, banks,
adding content, lookup by signal and by upload; the node's own authentication and the access policy."""

import io
import time

import pytest
import requests

from hotline.peace import signals
from tests.actors import PASSWORD
from tests.peace import media
from tests.peace.live_support import peace_node

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    live = peace_node(tmp_path_factory.mktemp("hma") / "bnpt")
    yield live
    live.stop()


def _call(node, method: str, path: str, user: str = "coordinator", **kwargs) -> requests.Response:
    headers = {**node.auth(user), **kwargs.pop("headers", {})}
    return requests.request(method, f"{node.url}/hma/{path}", headers=headers, timeout=60, **kwargs)


def _photo(data: bytes) -> dict:
    return {"files": {"photo": ("image.png", io.BytesIO(data), "image/png")}}


def _wait_for_lookup(node, pdq: str, bank: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = _call(node, "GET", "m/lookup", user="reviewer", params={"signal_type": "pdq", "signal": pdq})
        assert found.status_code == 200, found.text
        if bank in found.json():
            return found.json()
        time.sleep(0.5)
    raise AssertionError(f"{bank} not matched within {timeout} s")


def test_hashing_a_photo_returns_its_pdq(node):
    data = media.image(61)
    response = _call(node, "POST", "h/hash", user="reviewer", **_photo(data))
    assert response.status_code == 200
    assert response.json() == {"pdq": signals.pdq_from_bytes(data).hash}


def test_banks_are_created_listed_and_filled_then_matched(node):
    created = _call(node, "POST", "c/banks", json={"name": "HMA_TEST_BANK"})
    assert created.status_code == 201 and created.json() == {
        "name": "HMA_TEST_BANK",
        "matching_enabled_ratio": 1.0,
    }
    assert {"name": "HMA_TEST_BANK", "matching_enabled_ratio": 1.0} in _call(node, "GET", "c/banks").json()
    assert _call(node, "POST", "c/banks", json={"name": "HMA_TEST_BANK"}).status_code == 403

    data = media.image(62)
    added = _call(node, "POST", "c/bank/HMA_TEST_BANK/content", **_photo(data))
    assert added.status_code == 200, added.text
    pdq = signals.pdq_from_bytes(data).hash
    assert added.json()["signals"] == {"pdq": pdq} and isinstance(added.json()["id"], int)

    # The worker rebuilds the index within its interval; lookups then find the bank.
    assert _wait_for_lookup(node, pdq, "HMA_TEST_BANK") == ["HMA_TEST_BANK"]
    copy = media.reencoded(data, quality=35)
    by_upload = _call(node, "POST", "m/lookup", user="reviewer", **_photo(copy))
    assert by_upload.status_code == 200 and by_upload.json() == {"pdq": ["HMA_TEST_BANK"]}
    unrelated = _call(node, "POST", "m/lookup", user="reviewer", **_photo(media.image(63)))
    assert unrelated.json() == {"pdq": []}


def test_signals_are_added_by_value(node):
    _call(node, "POST", "c/banks", json={"name": "HMA_SIGNAL_BANK"})
    md5 = "0123456789abcdef0123456789abcdef"
    added = _call(node, "POST", "c/bank/HMA_SIGNAL_BANK/signal", json={"video_md5": md5})
    assert added.status_code == 200 and added.json()["signals"] == {"video_md5": md5}
    found = _call(node, "GET", "m/lookup", params={"signal_type": "video_md5", "signal": md5})
    assert found.json() == ["HMA_SIGNAL_BANK"]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "message"),
    [
        ("POST", "c/banks", {"json": {"name": "lower"}}, 400, "UPPER_WITH_UNDERSCORE"),
        ("POST", "c/banks", {"json": {}}, 400, "name is required"),
        ("POST", "c/bank/NO_SUCH_BANK/content", {}, 404, "bank 'NO_SUCH_BANK' not found"),
        ("GET", "m/lookup", {"params": {"signal_type": "pdq"}}, 400, "signal is required"),
        ("GET", "m/lookup", {"params": {"signal_type": "pdq", "signal": "xyz"}}, 400, "64 hexadecimal"),
        ("GET", "m/lookup", {"params": {"signal_type": "tmk", "signal": "ab"}}, 400, "no such signal type"),
        ("GET", "h/hash", {"params": {"url": "http://example.invalid/a.jpg"}}, 400, "disabled"),
        ("POST", "h/hash", {}, 400, "Missing multipart/form-data file upload"),
        ("POST", "h/hash", {"files": {"audio": ("a", b"x")}}, 400, "no such content_type: 'audio'"),
    ],
)
def test_bad_requests_get_hma_errors(node, method, path, kwargs, status, message):
    response = _call(node, method, path, **kwargs)
    assert response.status_code == status
    assert message in response.json()["message"]


def test_a_plain_image_is_not_banked(node):
    _call(node, "POST", "c/banks", json={"name": "HMA_QUALITY_BANK"})
    response = _call(node, "POST", "c/bank/HMA_QUALITY_BANK/content", **_photo(media.flat_image()))
    assert response.status_code == 400 and "below 50" in response.json()["message"]


def test_a_token_works_as_well_as_a_password(node):
    from tests.live import hotline

    token = hotline(
        node.data_dir, "token", "create", "reviewer", "--name", "hma", env=node.env
    ).stdout.strip()
    response = requests.get(
        f"{node.url}/hma/c/banks", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_users_without_a_peace_role_are_refused(node, who):
    for method, path in (("GET", "c/banks"), ("POST", "h/hash"), ("GET", "m/lookup"), ("POST", "m/lookup")):
        assert _call(node, method, path, user=who).status_code == 403
    assert _call(node, "POST", "c/banks", user=who, json={"name": "NOPE"}).status_code == 403


def test_a_reviewer_may_not_curate(node):
    assert _call(node, "POST", "c/banks", user="reviewer", json={"name": "NOPE"}).status_code == 403
    assert _call(node, "POST", "c/bank/NOPE/content", user="reviewer").status_code == 403


def test_without_credentials_the_answer_is_401(node):
    response = requests.get(f"{node.url}/hma/c/banks", timeout=30)
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Basic")
    wrong = requests.get(f"{node.url}/hma/c/banks", auth=("coordinator", "wrong"), timeout=30)
    assert wrong.status_code == 401


def test_a_coordinators_password_alone_is_refused_saying_to_use_an_api_token(node):
    refused = requests.get(f"{node.url}/hma/c/banks", auth=("coordinator", PASSWORD), timeout=30)

    assert refused.status_code == 401
    assert "two-factor" in refused.json()["message"] and "API token" in refused.json()["message"]
    assert _call(node, "GET", "c/banks").status_code == 200  # the same user with a token
