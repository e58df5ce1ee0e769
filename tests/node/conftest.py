import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.live import embedded_environment

DEMO_PASSWORD = "demo-password-for-tests"


def _two_free_ports() -> int:
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port + 1)) != 0:
                return port
    raise RuntimeError("no two free consecutive ports")


def _wait_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        assert process.poll() is None, "demo exited early"
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                return
        except requests.RequestException:
            pass  # still booting
        time.sleep(0.3)
    raise AssertionError(f"{url} did not come up")


@dataclass
class Demo:
    process: subprocess.Popen
    urls: list[str]
    data_dir: Path

    @property
    def output(self) -> str:
        return (self.data_dir / "demo.log").read_text()


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """One `hotline demo` for the demo tests, started as a newcomer would. The test files run in name order;
    the last one (test_demo_stops_on_ctrl_c) stops it."""
    port = _two_free_ports()
    data_dir = tmp_path_factory.mktemp("demo")
    log = (data_dir / "demo.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "hotline.cli", "demo", "--data-dir", str(data_dir), "--base-port", str(port)],
        env=embedded_environment({"HOTLINE_DEMO_PASSWORD": DEMO_PASSWORD}),
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    urls = [f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port + 1}"]
    try:
        for url in urls:
            _wait_up(url, process)
        yield Demo(process, urls, data_dir)
    finally:
        if process.poll() is None:  # a test failed before the Ctrl-C test: stop it as Ctrl-C would
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()  # the last resort: it may leave its servers behind
                process.wait()
