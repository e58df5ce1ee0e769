"""A partner that answers with garbage (a local HTTP server returning junk): the error is recorded on the
link, the push and pull are retried with backoff, and the rest of the node carries on."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tests.federation.support import federate, link, send, stop_all, wait_for
from tests.live import free_port

pytestmark = pytest.mark.live


class Junk(BaseHTTPRequestHandler):
    hits = 0

    def _junk(self):
        Junk.hits += 1
        body = b"<html>\x00\xffnot TAXII at all"
        self.send_response(200)
        self.send_header("Content-Type", "application/taxii+json;version=2.1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _junk

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def junk_url():
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Junk)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/taxii2/"
    server.shutdown()


@pytest.fixture(scope="module")
def bnpt(tmp_path_factory, junk_url):
    nodes = federate(
        tmp_path_factory.mktemp("junk"), link_extra={"bnpt": {"mps": {"url": junk_url}}}, start=False
    )
    nodes["bnpt"].start()
    yield nodes["bnpt"]
    stop_all(nodes)


def test_garbage_is_recorded_and_retried(bnpt):
    send(bnpt, "mps", "Into the void")

    status = wait_for(
        lambda: (s := link(bnpt, "mps"))["push"]["failures"] >= 2 and s, timeout=30, what="retries"
    )
    assert "InvalidJSONError" in status["last_error"] or "JSON" in status["last_error"]
    assert status["push"]["last_ok"] is False and status["push"]["queue"] >= 1
    assert Junk.hits >= 2
    assert requests.get(bnpt.url + "/healthz", timeout=5).ok  # the node itself is unaffected
