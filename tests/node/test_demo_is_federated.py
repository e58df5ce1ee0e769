"""`hotline demo` federates its two nodes, as the README shows: a flash alert sent at bnpt arrives in mps's
inbox, and mps's acknowledgement and reply travel back to bnpt. Every wait is bounded."""

import json
import subprocess
import sys
import time

import pytest

from tests.live import embedded_environment

pytestmark = pytest.mark.live


def _hotline(data_dir, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "hotline.cli", *args, "--data-dir", str(data_dir), "--as", "officer"],
        capture_output=True, text=True, timeout=120,
        env=embedded_environment({"HOTLINE_DATA_DIR": str(data_dir)}),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _inbox(data_dir) -> dict:
    return {row["id"]: row for row in json.loads(_hotline(data_dir, "inbox", "--json", "--all"))}


def _wait(check, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(1)
    raise AssertionError(f"{what} not within {timeout} s")


def test_a_flash_alert_arrives_and_the_acknowledgement_and_reply_travel_back(demo):
    bnpt, mps = demo.data_dir / "bnpt", demo.data_dir / "mps"
    args = ["send", "--to", "mps", "--kind", "alert", "--priority", "flash", "--subject", "Ancaman serangan"]
    stix_id = _hotline(bnpt, *args, "--body", "Uji coba hotline").strip()

    arrived = _wait(lambda: _inbox(mps).get(stix_id), "the alert in mps's inbox")
    assert arrived["state"] == "received" and arrived["partner"] == "bnpt"
    _wait(lambda: _sent_state(bnpt, stix_id) == "delivered", "mps's receipt at bnpt")

    _hotline(mps, "ack", stix_id)
    _wait(lambda: _sent_state(bnpt, stix_id) == "acknowledged", "the acknowledgement at bnpt")
    reply_id = _hotline(mps, "reply", stix_id, "--body", "Đã nhận, đang xác minh").strip()
    _wait(lambda: _sent_state(bnpt, stix_id) == "answered", "the answer at bnpt")
    reply = _wait(lambda: _inbox(bnpt).get(reply_id), "the reply in bnpt's inbox")
    assert reply["partner"] == "mps"


def _sent_state(data_dir, stix_id: str) -> str | None:
    """The state of a message a node sent, read from its database."""
    code = (
        "import django, json; django.setup()\nfrom hotline.desk.models import Message\n"
        f"m = Message.objects.filter(stix_id={stix_id!r}).first()\nprint(json.dumps(m and m.state))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
        env=embedded_environment(
            {"HOTLINE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "hotline.settings"}
        ),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
