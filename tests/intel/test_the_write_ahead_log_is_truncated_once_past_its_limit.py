"""On a live SQLite node, a store of objects that finds the write-ahead log past HOTLINE_SQLITE_LOG_LIMIT
writes it back and truncates it. While another connection holds an old snapshot (the log cannot be truncated
then), each POST gives up on the truncation after a moment and is still stored; the next POST after that
connection lets go truncates the log. Nothing is lost either way."""

import sqlite3
import uuid

import pytest
import requests
from django.db import connection

from tests.live import TAXII, make_node

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write-ahead log")

LIMIT = 256 * 1024
CREATED = "2024-01-01T00:00:00.000Z"


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    started = make_node(tmp_path_factory.mktemp("log") / "bnpt", env={"HOTLINE_SQLITE_LOG_LIMIT": str(LIMIT)})
    yield started
    started.stop()


def _indicators(count: int) -> list[dict]:
    return [
        {
            "type": "indicator",
            "spec_version": "2.1",
            "id": f"indicator--{uuid.uuid4()}",
            "created": CREATED,
            "modified": CREATED,
            "name": f"Channel {n}",
            "valid_from": CREATED,
            "pattern": f"[url:value = 'https://example.org/{n}']",
            "pattern_type": "stix",
        }
        for n in range(count)
    ]


def _post(node, objects: list[dict]) -> dict:
    response = requests.post(
        node.api_root + "collections/intel/objects/", json={"objects": objects}, timeout=60,
        headers={"Accept": TAXII, "Content-Type": TAXII, **node.auth("alice")},
    )  # fmt: skip
    assert response.status_code == 202, response.text
    return response.json()


def _log_size(node) -> int:
    log = node.data_dir / "hotline.sqlite3-wal"
    return log.stat().st_size if log.exists() else 0


def _stored(node, objects: list[dict]) -> int:
    database = sqlite3.connect(node.data_dir / "hotline.sqlite3")
    try:
        ids = [obj["id"] for obj in objects]
        marks = ",".join("?" * len(ids))
        sql = f"SELECT count(*) FROM intel_collectionentry WHERE stix_id IN ({marks})"  # noqa: S608
        return database.execute(sql, ids).fetchone()[0]
    finally:
        database.close()


def test_the_log_is_truncated_once_no_connection_holds_an_old_snapshot(node):
    sent = []
    reader = sqlite3.connect(node.data_dir / "hotline.sqlite3", isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM intel_stixobject").fetchone()  # an old snapshot, held
        for _ in range(50):
            if _log_size(node) > LIMIT:
                break
            batch = _indicators(200)
            assert _post(node, batch)["success_count"] == 200
            sent += batch
        assert _log_size(node) > LIMIT
        assert _stored(node, sent) == len(sent)
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    grown = _log_size(node)

    last = _indicators(20)
    assert _post(node, last)["success_count"] == 20

    assert _log_size(node) < min(grown, LIMIT)
    assert _stored(node, sent + last) == len(sent) + len(last)
