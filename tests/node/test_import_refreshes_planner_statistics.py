"""After `hotline import` the query planner has statistics of the grown store (so that no filter is planned
as a walk through the whole collection)."""

import json
import sqlite3

from tests.factories import sdo
from tests.live import hotline


def test_import_leaves_statistics_of_the_collection_entries(tmp_path):
    node = tmp_path / "bnpt"
    hotline(node, "init", "--node", "bnpt")
    objects = [sdo("indicator") for _ in range(25)]
    bundle = tmp_path / "in.json"
    bundle.write_text(
        json.dumps(
            {"type": "bundle", "id": "bundle--6b1f1a0e-33b1-4c59-9b5a-2d4c0a4f6b1e", "objects": objects}
        )
    )

    hotline(node, "import", str(bundle), "--collection", "intel")

    with sqlite3.connect(node / "hotline.sqlite3") as db:
        stats = dict(db.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'intel_collectionentry'"))
        entries = db.execute("SELECT count(*) FROM intel_collectionentry").fetchone()[0]
    assert entries >= 25
    assert stats["intel_entry_type"].split()[0] == str(entries)
