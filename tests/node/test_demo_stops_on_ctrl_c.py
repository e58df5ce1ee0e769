"""Runs last of the demo tests (name order): Ctrl-C stops both nodes of the shared demo cleanly."""

import signal

import pytest
import requests

from tests.node.conftest import DEMO_PASSWORD


def test_ctrl_c_stops_both_nodes_cleanly(demo):
    demo.process.send_signal(signal.SIGINT)
    demo.process.wait(timeout=60)

    assert demo.process.returncode == 0, demo.output[-2000:]
    assert "Hotline demo is running" in demo.output and DEMO_PASSWORD in demo.output
    for url in demo.urls:
        with pytest.raises(requests.ConnectionError):
            requests.get(url + "/healthz", timeout=2)
