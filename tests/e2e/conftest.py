"""Browser tests: Playwright (sync API) driving Debian's Chromium against a live node (`hotline serve`).

Never `playwright install`: the browser is /usr/bin/chromium (the Makefile installs it). The node has the
three actors plus a supervisor (sam) and a second officer (dana) who is on duty now. alice, sam and dana have
an authenticator whose codes the tests compute (tests/signin.py), so they sign in with both steps.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.live import REPOSITORY, SETTINGS, LiveNode, free_port, hotline, node_environment

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOTS = Path(os.environ.get("HOTLINE_SCREENSHOTS", "/tmp"))

_SETUP = """
import django; django.setup()
from datetime import timedelta
from django.utils import timezone
from hotline.access import roles
from hotline.access.services import create_user
from hotline.desk import roster
from tests.actors import PASSWORD, create_actors
from tests.signin import give_authenticator
actors = create_actors()
sam = create_user("sam", roles.SUPERVISOR, PASSWORD)
dana = create_user("dana", roles.OFFICER, PASSWORD)
for user in (actors["alice"], sam, dana):
    give_authenticator(user)  # they sign in with a code computed from it (tests/signin.py)
now = timezone.now()
roster.add_shift(sam, dana, now - timedelta(hours=1), now + timedelta(hours=12), "Watch the ferry terminals")
"""


@pytest.fixture(scope="session")
def desk_node(tmp_path_factory):
    # A missing browser is a failed set-up, never a skipped test: `make test` installs it.
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is not installed: run `make system-packages`"
    data_dir = tmp_path_factory.mktemp("e2e") / "bnpt"
    hotline(data_dir, "init", "--node", "bnpt", "--title", "BNPT (Indonesia)")
    subprocess.run(
        [sys.executable, "-c", _SETUP], check=True, capture_output=True, cwd=REPOSITORY,
        env=node_environment(data_dir, {"DJANGO_SETTINGS_MODULE": SETTINGS}),
    )  # fmt: skip
    node = LiveNode(data_dir=data_dir, port=free_port()).start()
    yield node
    node.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
