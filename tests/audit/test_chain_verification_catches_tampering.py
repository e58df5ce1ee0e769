"""`hotline audit verify` walks the whole chain: an intact trail exits 0 with its count; a record edited,
removed (in the middle or at the end) or inserted -- with raw SQL after dropping the triggers, as an
attacker holding the database would -- exits non-zero naming the first bad record (SQLite and PostgreSQL)."""

import pytest

from hotline.audit.chain import compute_hash
from tests.live import copy_node, hotline, node_database

RENUMBER = "UPDATE audit_record SET seq = ? WHERE seq = ?"
DROP_TRIGGERS = {
    "sqlite": ("DROP TRIGGER audit_record_no_update", "DROP TRIGGER audit_record_no_delete"),
    "postgresql": ("DROP TRIGGER audit_record_append_only ON audit_record",),
}


@pytest.fixture(scope="module")
def node_with_trail(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("audit-chain") / "node"
    hotline(data_dir, "init", "--node", "bnpt")
    for name in ("ana1", "ana2", "ana3"):
        hotline(
            data_dir,
            "user",
            "add",
            name,
            "--role",
            "analyst",
            env={"HOTLINE_PASSWORD": "a-long-passphrase-9"},
        )
    for n in range(3):
        out = str(data_dir / f"export-{n}.json")
        hotline(data_dir, "export", "--collection", "public", "-o", out, "--as", "ana1")
    return data_dir


@pytest.fixture
def copy(node_with_trail, tmp_path):
    target = tmp_path / "node"
    copy_node(node_with_trail, target)
    return target


def tamper(data_dir, *statements):
    """Run statements (SQL, or (SQL, parameters)) on the database with the triggers dropped."""
    with node_database(data_dir) as database:
        for sql in DROP_TRIGGERS[database.vendor]:
            database.execute(sql)
        for statement in statements:
            sql, params = statement if isinstance(statement, tuple) else (statement, ())
            database.execute(sql, params)


def count(data_dir) -> int:
    with node_database(data_dir) as database:
        return database.execute("SELECT count(*) AS n FROM audit_record")[0]["n"]


def verify(data_dir):
    return hotline(data_dir, "audit", "verify", "--quiet", check=False)


def test_an_intact_trail_passes_with_its_count(copy):
    result = verify(copy)
    assert result.returncode == 0, result.stderr
    assert f"Audit trail intact: {count(copy)} records" in result.stdout
    assert count(copy) >= 15  # grants made by init, three users' roles, three exports


def test_an_edited_record_is_named(copy):
    tamper(copy, "UPDATE audit_record SET target = 'somebody-else' WHERE seq = 12")
    result = verify(copy)
    assert result.returncode == 1
    assert "record #12" in result.stderr and "content does not match its hash" in result.stderr


def test_an_edited_time_is_named(copy):
    tamper(copy, "UPDATE audit_record SET at = '2020-01-01 00:00:00' WHERE seq = 7")
    result = verify(copy)
    assert result.returncode == 1
    assert "record #7" in result.stderr


def test_a_removed_record_is_named(copy):
    tamper(copy, "DELETE FROM audit_record WHERE seq = 9")
    result = verify(copy)
    assert result.returncode == 1
    assert "record #9 is missing" in result.stderr


def test_a_removed_record_with_the_rest_renumbered_is_named(copy):
    last = count(copy)
    statements = ["DELETE FROM audit_record WHERE seq = 9"]
    statements += [(RENUMBER, (n - 1, n)) for n in range(10, last + 1)]
    statements.append(("UPDATE audit_chainhead SET seq = ?", (last - 1,)))
    tamper(copy, *statements)
    result = verify(copy)
    assert result.returncode == 1
    assert "record #9" in result.stderr and "does not link to the record before it" in result.stderr


def test_records_removed_from_the_end_are_noticed(copy):
    last = count(copy)
    tamper(copy, ("DELETE FROM audit_record WHERE seq >= ?", (last - 1,)))
    result = verify(copy)
    assert result.returncode == 1
    assert f"the trail ends at record #{last - 2}" in result.stderr
    assert f"record #{last - 1}" in result.stderr


def _forge_after(data_dir, seq: int) -> dict:
    """A record the attacker makes to follow record `seq`, with a correctly computed hash."""
    with node_database(data_dir) as database:
        (before,) = database.execute("SELECT * FROM audit_record WHERE seq = ?", (seq,))
    from datetime import UTC, datetime

    forged = {
        "seq": seq + 1, "at": datetime(2026, 1, 1, 12, 0, tzinfo=UTC), "actor": "mallory", "actor_id": None,
        "entry_point": "web", "action": "login", "target": "mallory", "ip": "10.6.6.6", "detail": {},
        "prev_hash": before["hash"],
    }  # fmt: skip
    forged["hash"] = compute_hash(**forged)
    return forged


INSERT = (
    "INSERT INTO audit_record (seq, at, actor, actor_id, entry_point, action, target, ip, detail, prev_hash, "
    "hash) VALUES (?, '2026-01-01 12:00:00', ?, NULL, ?, ?, ?, ?, '{}', ?, ?)"
)


def _insert_params(forged: dict) -> tuple:
    return (forged["seq"], forged["actor"], forged["entry_point"], forged["action"], forged["target"],
            forged["ip"], forged["prev_hash"], forged["hash"])  # fmt: skip


def test_a_record_inserted_in_the_middle_is_noticed(copy):
    last = count(copy)
    forged = _forge_after(copy, 10)
    shifts = [(RENUMBER, (n + 1, n)) for n in range(last, 10, -1)]
    tamper(copy, *shifts)
    tamper_insert(copy, forged)
    result = verify(copy)
    assert result.returncode == 1
    # The forged record itself links and hashes correctly; the record after it no longer links.
    assert "record #12" in result.stderr and "does not link to the record before it" in result.stderr


def test_a_record_appended_behind_the_nodes_back_is_noticed(copy):
    last = count(copy)
    tamper_insert(copy, _forge_after(copy, last), drop=True)
    result = verify(copy)
    assert result.returncode == 1
    assert f"the chain head names record #{last}" in result.stderr
    assert f"broken at record #{last + 1}" in result.stderr


def tamper_insert(data_dir, forged: dict, *, drop: bool = False) -> None:
    with node_database(data_dir) as database:
        if drop:
            for sql in DROP_TRIGGERS[database.vendor]:
                database.execute(sql)
        database.execute(INSERT, _insert_params(forged))


def test_a_rebuilt_chain_passes_alone_but_not_against_a_head_noted_earlier(copy):
    noted = verify(copy).stdout.split()[-1]  # "RECORD:HASH", kept off the node
    last = count(copy)
    _rebuild_from(copy, 5, last)

    alone = verify(copy)
    anchored = hotline(copy, "audit", "verify", "--quiet", "--anchor", noted, check=False)

    # An attacker with the file who recomputes every later hash leaves a consistent chain ...
    assert alone.returncode == 0
    # ... whose records no longer have the hashes noted before the attack.
    assert anchored.returncode == 1
    assert f"record #{last}" in anchored.stderr and "not the one noted for it" in anchored.stderr


def test_a_malformed_anchor_is_a_clear_error(copy):
    result = hotline(copy, "audit", "verify", "--anchor", "five:abc", check=False)

    assert result.returncode == 1 and "expected RECORD:HASH" in result.stderr


def _rebuild_from(data_dir, seq: int, last: int) -> None:
    """Alter record `seq` and recompute the hashes of it and every later record, and the chain head."""
    import json
    from datetime import UTC, datetime

    with node_database(data_dir) as database:
        for sql in DROP_TRIGGERS[database.vendor]:
            database.execute(sql)
        prev = database.execute("SELECT hash FROM audit_record WHERE seq = ?", (seq - 1,))[0]["hash"]
        for n in range(seq, last + 1):
            (row,) = database.execute("SELECT * FROM audit_record WHERE seq = ?", (n,))
            if n == seq:
                row["target"] = "somebody-else"
            fields = {
                k: row[k] for k in ("seq", "actor", "actor_id", "entry_point", "action", "target", "ip")
            }
            at = row["at"] if isinstance(row["at"], datetime) else datetime.fromisoformat(row["at"])
            detail = row["detail"] if isinstance(row["detail"], dict) else json.loads(row["detail"])
            digest = compute_hash(**fields, at=at.replace(tzinfo=UTC), detail=detail, prev_hash=prev)
            database.execute(
                "UPDATE audit_record SET target = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                (row["target"], prev, digest, n),
            )
            prev = digest
        database.execute("UPDATE audit_chainhead SET hash = ?", (prev,))
