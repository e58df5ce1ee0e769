import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests
from taxii2client.v21 import Server

from tests.factories import sdo

PASSWORD = "demo-password-for-tests"


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
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, "demo exited early"
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                return
        except requests.RequestException:
            pass  # still booting
        time.sleep(0.3)
    raise AssertionError(f"{url} did not come up")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    port = _two_free_ports()
    data_dir = tmp_path_factory.mktemp("demo")
    log = (data_dir / "demo.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "hotline.cli", "demo", "--data-dir", str(data_dir), "--base-port", str(port)],
        env={**os.environ, "HOTLINE_DEMO_PASSWORD": PASSWORD}, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    process.log_path = data_dir / "demo.log"
    urls = [f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port + 1}"]
    try:
        for url in urls:
            _wait_up(url, process)
        yield process, urls
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _intel(url: str):
    server = Server(url + "/taxii2/", user="analyst", password=PASSWORD)
    return next(c for c in server.default.collections if c.alias == "intel")


def test_both_nodes_serve_the_seed_intelligence_to_the_analyst(demo):
    _, urls = demo
    for url in urls:
        names = {o.get("name") for o in _intel(url).get_objects()["objects"]}
        assert "Badan Nasional Penanggulangan Terorisme (BNPT)" in names
        assert "JWG on CT, 2nd meeting, BNPT Jakarta, 18 June 2025" in names


def test_the_nodes_are_independent_and_the_analyst_can_write(demo):
    _, (bnpt, mps) = demo
    obj = sdo()

    status = _intel(bnpt).add_objects({"objects": [obj]})

    assert status.status == "complete" and status.success_count == 1
    assert _intel(bnpt).get_object(obj["id"])["objects"][0]["id"] == obj["id"]
    assert requests.get(
        f"{mps}/taxii2/api/collections/intel/objects/{obj['id']}/",
        auth=("analyst", PASSWORD), timeout=10,
    ).status_code == 404  # fmt: skip


def test_ctrl_c_stops_both_nodes_cleanly(demo):
    process, urls = demo

    process.send_signal(signal.SIGINT)
    process.wait(timeout=60)
    output = process.log_path.read_text()

    assert process.returncode == 0, output[-2000:]
    assert "Hotline demo is running" in output and PASSWORD in output
    for url in urls:
        with pytest.raises(requests.ConnectionError):
            requests.get(url + "/healthz", timeout=2)
