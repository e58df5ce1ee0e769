"""A job for the scale-out test: it notes which process ran which job, appending one line to a file, then
holds its worker until the test opens the gate, so that every worker has to claim a job of its own."""

import os
import time

from django_tasks import task

GATE_WAIT_SECONDS = 120


@task()
def record_run(n: int, path: str, gate: str) -> None:
    with open(path, "a", encoding="utf-8") as out:  # appends of one short line do not interleave
        out.write(f"{n} {os.getpid()}\n")
    deadline = time.monotonic() + GATE_WAIT_SECONDS
    while not os.path.exists(gate) and time.monotonic() < deadline:
        time.sleep(0.05)
