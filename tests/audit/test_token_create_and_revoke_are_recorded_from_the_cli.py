"""`hotline token create` and `token revoke` are recorded in the hash-chained audit trail: which token (id,
name, prefix), whose, its scope and expiry, the entry point `cli` and the operating-system user; never the
token. `token list` shows each token's state, expiry and last use. Revoking a revoked token is refused and
records nothing."""

import json
import subprocess
import sys

import pytest

from tests.live import REPOSITORY, SETTINGS, cli_node, hotline, node_database, node_environment


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    return cli_node(tmp_path_factory.mktemp("token-audit") / "bnpt", {"analyst1": "analyst"})


def _records(node, action: str) -> list[dict]:
    with node_database(node) as db:
        rows = db.execute(
            "SELECT actor, entry_point, target, detail FROM audit_record WHERE action = ? ORDER BY seq",
            (action,),
        )
    # A JSON column: text from SQLite, already decoded by psycopg from PostgreSQL.
    return [{**row, "detail": row["detail"] if isinstance(row["detail"], dict) else json.loads(row["detail"])}
            for row in rows]  # fmt: skip


def _use(node, raw: str) -> None:
    """Authenticate once with the token, as a request would (records its last use)."""
    code = (
        "import django; django.setup()\n"
        f"from hotline.access.services import user_for_token\nassert user_for_token({raw!r})"
    )
    subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=REPOSITORY,
        env=node_environment(node, {"DJANGO_SETTINGS_MODULE": SETTINGS}),
    )  # fmt: skip


def test_create_and_revoke_are_recorded_with_the_token_and_its_scope_never_the_secret(node):
    raw = hotline(
        node, "token", "create", "analyst1", "--name", "misp", "--collection", "intel", "--write",
        "--expires", "30d",
    ).stdout.strip()  # fmt: skip
    prefix = raw[:10]

    (created,) = [r for r in _records(node, "token.create") if r["detail"]["name"] == "misp"]
    assert (created["actor"], created["entry_point"], created["target"]) == ("", "cli", "analyst1")
    detail = created["detail"]
    assert {k: detail[k] for k in ("name", "prefix", "user", "read", "write", "collections")} == {
        "name": "misp", "prefix": prefix, "user": "analyst1", "read": True, "write": True,
        "collections": ["intel"],
    }  # fmt: skip
    assert detail["expires_at"] and isinstance(detail["token_id"], int) and "os_user" in detail

    hotline(node, "token", "revoke", prefix)

    (revoked,) = [r for r in _records(node, "token.revoke") if r["detail"]["name"] == "misp"]
    assert (revoked["entry_point"], revoked["target"], revoked["detail"]["token_id"]) == (
        "cli", "analyst1", detail["token_id"]
    )  # fmt: skip
    with node_database(node) as db:
        everything = json.dumps(db.execute("SELECT * FROM audit_record"), default=str)
    assert raw not in everything
    assert hotline(node, "audit", "verify").returncode == 0


def test_revoking_a_revoked_token_is_refused_and_records_nothing(node):
    raw = hotline(node, "token", "create", "analyst1", "--name", "twice").stdout.strip()
    hotline(node, "token", "revoke", raw[:10])
    before = len(_records(node, "token.revoke"))

    again = hotline(node, "token", "revoke", raw[:10], check=False)

    assert again.returncode != 0 and "already revoked" in again.stderr
    assert len(_records(node, "token.revoke")) == before


def test_the_list_shows_state_expiry_and_last_use(node):
    used = hotline(
        node, "token", "create", "analyst1", "--name", "used-one", "--expires", "2w"
    ).stdout.strip()
    hotline(node, "token", "create", "analyst1", "--name", "idle-one")
    _use(node, used)

    lines = {line.split()[2]: line for line in hotline(node, "token", "list").stdout.splitlines()}

    assert "active" in lines["used-one"] and "last used never" not in lines["used-one"]
    assert "expires never" not in lines["used-one"]
    assert "expires never" in lines["idle-one"] and "last used never" in lines["idle-one"]
