"""Each web process remembers that a client (user name, address) was not locked out, until axes' attempts
table changes (access/request_cache.py, migration access/0006). Failures counted by one process lock the
client out at the very next request in every process, good token or not. Two live nodes serve the same
data directory (two gunicorn masters, two workers each), so the failures are counted outside most of them."""

import requests

from tests.access.test_cached_access_follows_every_change_at_once import TAXII, TRIES, _token
from tests.live import LiveNode, free_port, make_node

LIMIT = 5


def _statuses(nodes: list[LiveNode], authorization: str) -> set[int]:
    found = set()
    for node in nodes:
        for _ in range(TRIES):
            answer = requests.get(
                f"{node.api_root}collections/intel/objects/?limit=1",
                headers={"Accept": TAXII, "Authorization": authorization},
                timeout=30,
            )
            found.add(answer.status_code)
    return found


def test_failures_counted_by_one_process_lock_the_client_out_in_every_process(tmp_path):
    first = make_node(tmp_path / "node", env={"HOTLINE_LOGIN_FAILURE_LIMIT": str(LIMIT)})
    second = LiveNode(first.data_dir, free_port(), env=first.env, serve_args=["--web-only"]).start()
    try:
        nodes = [first, second]
        good = _token(first, "alice")
        assert _statuses(nodes, f"Token {good}") == {200}  # every worker now remembers "not locked out"

        for n in range(LIMIT):
            refused = requests.get(
                f"{second.api_root}collections/intel/objects/?limit=1",
                headers={"Accept": TAXII, "Authorization": f"Token htl_guess{n}"},
                timeout=30,
            )
            assert refused.status_code in (401, 429)

        assert _statuses(nodes, f"Token {good}") == {429}
    finally:
        second.stop()
        first.stop()
