"""Visits of a tracked link from many threads at once against a real node (gunicorn, 2 processes × 4
threads) are all counted, none lost; the node's access log records them without the visitor's address."""

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.live import REPOSITORY, SETTINGS, node_database, node_environment

_MAKE_LINK = """
import django; django.setup()
from datetime import date
from hotline.peace.campaigns import links
from hotline.peace.campaigns.models import Ambassador, Campaign
campaign = Campaign.objects.create(
    title="Live", theme="t", starts_on=date(2025, 7, 1), ends_on=date(2025, 8, 1)
)
ayu = Ambassador.objects.create(external_id="LIVE-1", name="Ayu", province="Aceh")
print(links.ensure_link(campaign, ayu, "https://blog.example/live").code)
"""
VISITS = 60


def _make_link(node) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _MAKE_LINK], check=True, capture_output=True, text=True, cwd=REPOSITORY,
        env=node_environment(node.data_dir, {**node.env, "DJANGO_SETTINGS_MODULE": SETTINGS}),
    )  # fmt: skip
    return done.stdout.strip().splitlines()[-1]


def _visit(url: str) -> tuple[int, str, str]:
    agent = {"User-Agent": "reach-test-agent"}
    response = requests.get(url, allow_redirects=False, timeout=60, headers=agent)
    return response.status_code, response.headers.get("Location", ""), response.headers.get("Set-Cookie", "")


def _log_lines_with(node, text: str, expected: int, timeout: float = 20) -> list[str]:
    """The node's log lines that contain `text`, once there are `expected` of them or `timeout` has passed.
    Gunicorn writes an access line after the response has gone, so the last lines may still be on the way."""
    deadline = time.monotonic() + timeout
    while True:
        lines = [line for line in (node.data_dir / "serve.log").read_text().splitlines() if text in line]
        if len(lines) >= expected or time.monotonic() > deadline:
            return lines
        time.sleep(0.1)


def test_concurrent_visits_are_all_counted_and_the_log_keeps_no_address(live_node):
    code = _make_link(live_node)
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(_visit, [f"{live_node.url}/r/{code}"] * VISITS))
    assert {status for status, _, _ in answers} == {302}
    assert {location for _, location, _ in answers} == {"https://blog.example/live"}
    assert not any(cookie for _, _, cookie in answers)
    with node_database(live_node.data_dir) as db:
        total = db.execute("SELECT visits FROM campaigns_trackedlink WHERE code = ?", [code])[0]["visits"]
        days = db.execute(
            "SELECT d.visits FROM campaigns_linkvisits d JOIN campaigns_trackedlink l ON l.id = d.link_id "
            "WHERE l.code = ?",
            [code],
        )
    assert total == VISITS
    assert sum(row["visits"] for row in days) == VISITS
    log_lines = _log_lines_with(live_node, f"/r/{code}", VISITS)
    log = (live_node.data_dir / "serve.log").read_text().splitlines()
    assert any(line.startswith("127.0.0.1 ") and "/healthz" in line for line in log)  # other paths do log it
    assert len(log_lines) == VISITS
    assert not any("127.0.0.1" in line or "reach-test-agent" in line for line in log_lines)
