"""A partner that answers slowly holds only the federation worker: while our push to it waits for an answer,
a deadline escalation enqueued on the node runs and notifies the officer (federation jobs have their own queue
and worker process). The slow partner is a real HTTP server started here that answers after a delay."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.federation.support import federate, run_python, stop_all, wait_for
from tests.live import free_port

pytestmark = pytest.mark.live
DELAY = 20  # seconds the slow partner takes to answer (below the node's HTTP timeout, set to 40 below)


class SlowServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int):
        self.windows: list[list[float]] = []  # [start, end or None] of each request, wall-clock
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", port), SlowHandler)

    def busy_at(self, moment: float) -> bool:
        with self.lock:
            return any(start <= moment and (end is None or moment <= end) for start, end in self.windows)

    def in_flight(self) -> int:
        with self.lock:
            return sum(1 for _, end in self.windows if end is None)


class SlowHandler(BaseHTTPRequestHandler):
    def _slow(self):
        window = [time.time(), None]
        with self.server.lock:
            self.server.windows.append(window)
        time.sleep(DELAY)
        body = b'{"title": "slow"}'
        self.send_response(503)
        self.send_header("Content-Type", "application/taxii+json;version=2.1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with self.server.lock:
            window[1] = time.time()

    do_GET = do_POST = _slow

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    port = free_port()
    slow = SlowServer(port)
    threading.Thread(target=slow.serve_forever, daemon=True).start()
    nodes = federate(
        tmp_path_factory.mktemp("slow"), env={"HOTLINE_FEDERATION_TIMEOUT": "40"},
        link_extra={"bnpt": {"mps": {"url": f"http://127.0.0.1:{port}/taxii2/"}}}, start=False,
    )  # fmt: skip
    nodes["bnpt"].start()  # mps's node is never started: bnpt's link to "mps" is the slow server
    yield nodes, slow
    stop_all(nodes)
    slow.shutdown()


OVERDUE = """
import json
from datetime import timedelta
from pathlib import Path
from django.utils import timezone
from hotline.desk.models import Message
from hotline.federation import keys, receive
from hotline.federation.services import get_partner
from hotline.stix import signatures
from tests.desk.conftest import partner_message
message = signatures.sign(partner_message(priority="flash"), keys.load_key(Path({mps_dir!r})))
assert not receive.receive(get_partner("mps"), [message], via="push").failures
Message.objects.filter(stix_id=message["id"]).update(ack_due_at=timezone.now() - timedelta(minutes=1))
from hotline.desk.tasks import check_deadlines
check_deadlines.enqueue()
print(json.dumps(message["id"]))
"""

TOLD = """
import json
from hotline.desk.models import Notification
found = Notification.objects.filter(event="ack_overdue", message__stix_id={stix_id!r})
print(json.dumps([n.created_at.timestamp() for n in found]))
"""


def test_escalation_runs_while_a_push_waits_for_the_slow_partner(setup):
    nodes, slow = setup
    bnpt = nodes["bnpt"]
    wait_for(slow.in_flight, timeout=60, what="the federation worker waiting on the slow partner")

    stix_id = run_python(bnpt, OVERDUE.format(mps_dir=str(nodes["mps"].data_dir)))
    told = wait_for(
        lambda: run_python(bnpt, TOLD.format(stix_id=stix_id)), timeout=DELAY, what="the escalation"
    )

    # The officer was told while a request to the slow partner was still waiting for its answer (with one
    # worker for every queue, the escalation would run between two federation jobs, when none is waiting).
    assert slow.busy_at(min(told))
