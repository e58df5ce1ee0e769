"""Several processes appending at once (gunicorn workers, the worker) never fork the chain: every record
gets its own number and links to the one before it."""

import subprocess
import sys

from tests.live import REPOSITORY, SETTINGS, hotline, node_environment

WRITER = """
import sys, django
django.setup()
from hotline.audit.services import record
for n in range(int(sys.argv[2])):
    record("object.read", actor=sys.argv[1], entry_point="taxii", target=str(n))
"""


def test_four_processes_appending_keep_one_chain(tmp_path):
    data_dir = tmp_path / "node"
    hotline(data_dir, "init", "--node", "bnpt")
    before = int(hotline(data_dir, "audit", "verify", "--quiet").stdout.split()[3])
    env = node_environment(data_dir, {"DJANGO_SETTINGS_MODULE": SETTINGS})
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, f"writer{i}", "40"], cwd=REPOSITORY, env=env)
        for i in range(4)
    ]
    assert [w.wait(timeout=300) for w in writers] == [0, 0, 0, 0]
    result = hotline(data_dir, "audit", "verify", "--quiet", check=False)
    assert result.returncode == 0, result.stderr
    assert f"Audit trail intact: {before + 160} records" in result.stdout
