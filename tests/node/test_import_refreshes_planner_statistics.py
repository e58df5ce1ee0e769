"""After `hotline import` the query planner has statistics of the grown store (so that no filter is planned
as a walk through the whole collection)."""

import json

from tests.factories import sdo
from tests.live import hotline, node_database


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

    with node_database(node) as db:
        entries = db.execute("SELECT count(*) AS n FROM intel_collectionentry")[0]["n"]
        if db.vendor == "sqlite":
            rows = db.execute("SELECT stat FROM sqlite_stat1 WHERE idx = 'intel_entry_type'")[0]["stat"]
        else:  # ANALYZE sets the table's row estimate
            rows = db.execute("SELECT reltuples FROM pg_class WHERE relname = 'intel_collectionentry'")[0]
            rows = str(int(rows["reltuples"]))
    assert entries >= 25
    assert rows.split()[0] == str(entries)
