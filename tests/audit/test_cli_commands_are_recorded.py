"""`hotline import`, `hotline export` and `hotline retention renew` are recorded with the entry point `cli`
and the operating-system user; `hotline retention list` shows what expires; bad input changes nothing."""

import json
import uuid

import pytest

from tests.live import hotline, node_database

PERSON = {
    "type": "identity", "spec_version": "2.1", "id": f"identity--{uuid.uuid4()}",
    "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z", "name": "Budi Santoso",
    "identity_class": "individual",
}  # fmt: skip
PASSWORD_ENV = {"HOTLINE_PASSWORD": "a-long-passphrase-9"}


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("audit-cli") / "node"
    hotline(data_dir, "init", "--node", "bnpt")
    hotline(data_dir, "user", "add", "olga", "--role", "officer", env=PASSWORD_ENV)
    hotline(data_dir, "user", "add", "carl", "--role", "ambassador", env=PASSWORD_ENV)
    bundle = data_dir / "in.json"
    bundle.write_text(json.dumps({"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": [PERSON]}))
    hotline(data_dir, "import", str(bundle), "--collection", "intel", "--quiet")
    hotline(data_dir, "export", "--collection", "intel", "-o", str(data_dir / "out.json"), "--as", "olga")
    return data_dir


def trail(data_dir, action: str) -> list[dict]:
    with node_database(data_dir) as database:
        rows = database.execute("SELECT * FROM audit_record WHERE action = ? ORDER BY seq", (action,))
    return [
        {**r, "detail": r["detail"] if isinstance(r["detail"], dict) else json.loads(r["detail"])}
        for r in rows
    ]


def test_import_and_export_are_recorded(node):
    (imported,) = trail(node, "import")
    (exported,) = trail(node, "export")

    assert (imported["entry_point"], imported["target"], imported["detail"]["stored"]) == ("cli", "intel", 1)
    assert (exported["entry_point"], exported["target"], exported["detail"]["objects"]) == ("cli", "intel", 1)
    assert exported["detail"]["os_user"] and exported["detail"]["file"].endswith("out.json")


def test_retention_list_shows_the_person_within_a_year(node):
    soon = hotline(node, "retention", "list", "--days", "400", "--json")
    not_yet = hotline(node, "retention", "list", "--days", "30")

    assert [(e["id"], e["rule"]) for e in json.loads(soon.stdout)] == [(PERSON["id"], "individuals")]
    assert "Nothing expires within 30 days." in not_yet.stdout


def test_an_officer_renews_through_the_cli_and_it_is_recorded(node):
    result = hotline(node, "retention", "renew", PERSON["id"], "--as", "olga", "--note", "open case")

    assert f"{PERSON['id']} renewed by olga" in result.stdout
    (renewal,) = trail(node, "retention.renew")
    assert (renewal["actor"], renewal["entry_point"], renewal["target"]) == ("olga", "cli", PERSON["id"])
    assert hotline(node, "audit", "verify", "--quiet").returncode == 0


def test_a_refused_renewal_is_a_clear_error_and_changes_nothing(node):
    before = len(trail(node, "retention.renew"))
    refused = hotline(node, "retention", "renew", PERSON["id"], "--as", "carl", check=False)

    assert refused.returncode == 1
    assert "only officers, supervisors and node admins may renew" in refused.stderr
    assert len(trail(node, "retention.renew")) == before
