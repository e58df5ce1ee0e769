"""The real worker (`hotline worker`) runs the retention purge on its own: an individual's identity stored
more than a year ago is purged, and the trail records it as the worker's doing."""

import json
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

from tests.live import hotline, node_database, node_environment

PERSON = {
    "type": "identity", "spec_version": "2.1", "id": f"identity--{uuid.uuid4()}", "name": "Budi Santoso",
    "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
    "identity_class": "individual",
}  # fmt: skip


def query(data_dir, sql: str, *params) -> list[tuple]:
    with node_database(data_dir) as database:
        return [tuple(row.values()) for row in database.execute(sql, params)]


def test_the_worker_purges_what_expired_and_records_it(tmp_path):
    data_dir = tmp_path / "node"
    hotline(data_dir, "init", "--node", "bnpt")
    bundle = tmp_path / "person.json"
    bundle.write_text(json.dumps({"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": [PERSON]}))
    hotline(data_dir, "import", str(bundle), "--collection", "intel", "--quiet")
    # Stored 400 days ago (test setup: the store's own column, not the audit trail).
    long_ago = (datetime.now(UTC) - timedelta(days=400)).strftime("%Y-%m-%d %H:%M:%S.%f")  # UTC, as Django
    with node_database(data_dir) as database:
        database.execute(
            "UPDATE intel_stixobject SET stored_at = ? WHERE stix_id = ?", (long_ago, PERSON["id"])
        )

    worker = subprocess.Popen(
        [sys.executable, "-m", "hotline.cli", "worker", "--data-dir", str(data_dir)],
        env=node_environment(data_dir),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not query(
            data_dir, "SELECT 1 FROM audit_record WHERE action = 'retention.purge'"
        ):
            time.sleep(0.5)
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    ((actor, entry_point, detail),) = query(
        data_dir, "SELECT actor, entry_point, detail FROM audit_record WHERE action = 'retention.purge'"
    )
    assert (actor, entry_point) == ("retention", "worker")
    assert (detail if isinstance(detail, dict) else json.loads(detail)) == {
        "objects": [{"id": PERSON["id"], "type": "identity", "rule": "individuals"}]
    }
    assert query(data_dir, "SELECT count(*) FROM intel_stixobject WHERE stix_id = ?", PERSON["id"]) == [(0,)]
    assert hotline(data_dir, "audit", "verify", "--quiet").returncode == 0
