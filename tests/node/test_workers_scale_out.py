"""Several `hotline worker` processes on one database run every job exactly once, and schedule each periodic
job once per period, on whichever database the suite runs (on PostgreSQL jobs are claimed with
SELECT … FOR UPDATE SKIP LOCKED)."""

import json
import subprocess
import sys
import time
from collections import Counter

import pytest

from tests.federation.support import run_python
from tests.live import LiveNode, hotline, node_environment

pytestmark = pytest.mark.live

JOBS = 60
WORKERS = 3


def test_three_workers_run_each_job_once(tmp_path):
    data_dir = tmp_path / "node"
    hotline(data_dir, "init", "--node", "bnpt")
    node = LiveNode(data_dir, 0)
    runs = tmp_path / "runs.txt"
    gate = tmp_path / "gate"
    run_python(
        node,
        "from tests.node.scale_tasks import record_run\n"
        f"for n in range({JOBS}):\n    record_run.enqueue(n, {str(runs)!r}, {str(gate)!r})\n",
    )
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "hotline.cli",
                "worker",
                "--data-dir",
                str(data_dir),
                "--queue",
                "default",
                "--interval",
                "0.05",
            ],
            env=node_environment(data_dir),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(WORKERS)
    ]
    try:
        # Each job holds its worker until the gate opens, so the other workers must claim jobs of their own:
        # wait until every worker holds one (however slowly they start on a loaded machine), then open it.
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and len(_processes(runs)) < WORKERS:
            time.sleep(0.2)
        gate.touch()
        while time.monotonic() < deadline and len(_lines(runs)) < JOBS:
            time.sleep(0.5)
        time.sleep(2)  # a job run twice would show up now
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)

    per_job = Counter(int(line.split()[0]) for line in _lines(runs))
    assert per_job == Counter(range(JOBS)), "every job once, none twice"
    assert len(_processes(runs)) == WORKERS, "each worker claimed jobs while the others held theirs"


def _lines(runs):
    return runs.read_text().splitlines() if runs.exists() else []


def _processes(runs):
    return {line.split()[1] for line in _lines(runs)}


def test_periodic_jobs_are_scheduled_once_however_many_workers_ask(tmp_path):
    data_dir = tmp_path / "node"
    hotline(data_dir, "init", "--node", "bnpt")
    node = LiveNode(data_dir, 0)
    code = (
        "import json, threading\nfrom django.db import close_old_connections\n"
        "from django.utils import timezone\nfrom hotline.node import schedule\n"
        "now = timezone.now(); won = []\n"
        "def ask():\n    won.extend(schedule.enqueue_due(now))\n    close_old_connections()\n"
        "threads = [threading.Thread(target=ask) for _ in range(4)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "print(json.dumps(won))\n"
    )
    asks = [
        subprocess.Popen(
            [sys.executable, "-c", "import django; django.setup()\n" + code],
            stdout=subprocess.PIPE,
            text=True,
            env=node_environment(data_dir, {"DJANGO_SETTINGS_MODULE": "hotline.settings"}),
        )  # fmt: skip
        for _ in range(2)
    ]
    won = []
    for ask in asks:
        out, _ = ask.communicate(timeout=120)
        assert ask.returncode == 0
        won += json.loads(out.strip().splitlines()[-1])

    names = run_python(
        node,
        "import json\nfrom hotline.node.models import PeriodicJob\n"
        "print(json.dumps(list(PeriodicJob.objects.values_list('name', flat=True))))",
    )
    assert sorted(won) == sorted(names), "each periodic job won by exactly one of the eight askers"
