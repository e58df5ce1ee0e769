"""The access matrix through the operator's command line, run as real processes on a node data directory:
`hotline inbox --as USER --json` lists exactly the desk messages of the table, `hotline export --as USER`
writes exactly the objects of the table, `hotline match --as USER` finds and `hotline bank list --as USER`
counts exactly the Peace Media Center's bank entries of the table, and `hotline programme report --as USER`
and `hotline ambassadors list --as USER` read the programme and the registry for exactly the roles of the
table. A user whose role may not use the entry point is refused with a clear error (non-zero exit) and
nothing is printed or written."""

import json
import subprocess
import sys

import pytest

from tests.access import matrix
from tests.live import REPOSITORY, SETTINGS, hotline, node_environment

_BUILD = """
import json, django; django.setup()
from tests.access import matrix
world = matrix.build()
entries = matrix.build_peace(world)
print(json.dumps({"objects": {m: o["id"] for m, o in world.objects.items()},
                  "messages": {m: msg.stix_id for m, msg in world.messages.items()},
                  "entries": entries}))
"""


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("matrix-cli") / "bnpt"
    hotline(data_dir, "init", "--node", "bnpt", "--title", "BNPT (Indonesia)")
    built = subprocess.run(
        [sys.executable, "-c", _BUILD], check=True, capture_output=True, text=True, cwd=REPOSITORY,
        env=node_environment(data_dir, {"DJANGO_SETTINGS_MODULE": SETTINGS}),
    )  # fmt: skip
    ids = json.loads(built.stdout.strip().splitlines()[-1])
    return data_dir, ids


def _markings(ids: dict, kind: str, found) -> set[str]:
    by_id = {stix_id: marking for marking, stix_id in ids[kind].items()}
    return {by_id[i] for i in found if i in by_id}


@pytest.mark.parametrize("who", matrix.EVERYONE)
def test_inbox_lists_exactly_the_messages_of_the_table(node, who):
    data_dir, ids = node

    done = hotline(data_dir, "inbox", "--as", who, "--json", check=False)

    if who not in matrix.ENTRY_POINTS["web-desk"]:  # desk.read: the same right as the web desk
        assert done.returncode != 0 and "may not read the hotline desk" in done.stderr
        assert done.stdout == ""
        return
    assert done.returncode == 0, done.stderr
    listed = [row["id"] for row in json.loads(done.stdout)]
    assert _markings(ids, "messages", listed) == matrix.expected("web-desk", who)
    assert len(listed) == len(matrix.expected("web-desk", who))  # nothing else slips in


@pytest.mark.parametrize("who", matrix.EVERYONE)
def test_export_writes_exactly_the_objects_of_the_table(node, who, tmp_path):
    data_dir, ids = node
    out = tmp_path / "bundle.json"

    done = hotline(
        data_dir, "export", "--collection", "matrix", "--output", str(out), "--as", who, check=False
    )

    if who not in matrix.ENTRY_POINTS["export"]:
        assert done.returncode != 0 and "may not export" in done.stderr
        assert not out.exists()
        return
    assert done.returncode == 0, done.stderr
    exported = [o["id"] for o in json.loads(out.read_text())["objects"]]
    assert _markings(ids, "objects", exported) == matrix.expected("export", who)


def _refused(done, says: str) -> None:
    assert done.returncode != 0 and says in done.stderr, done.stderr
    assert done.stdout.strip() == ""


@pytest.mark.parametrize("who", matrix.EVERYONE)
def test_match_finds_exactly_the_bank_entries_of_the_table(node, who):
    data_dir, ids = node

    done = hotline(data_dir, "match", "--text", matrix.BANK_TEXT, "--json", "--as", who, check=False)

    if who not in matrix.ENTRY_POINTS["banks"]:
        return _refused(done, "may not match content against the banks")
    assert done.returncode == 0, done.stderr
    found = {m["stix_id"] for m in json.loads(done.stdout)["matches"]}
    assert _markings(ids, "entries", found) == matrix.expected_bank_entries(who)
    assert len(found) == len(matrix.expected_bank_entries(who))


@pytest.mark.parametrize("who", matrix.EVERYONE)
def test_bank_list_counts_exactly_the_entries_of_the_table(node, who):
    data_dir, _ids = node

    done = hotline(data_dir, "bank", "list", "--json", "--as", who, check=False)

    assert done.returncode == 0, done.stderr
    counts = {row["name"]: row["entries"] for row in json.loads(done.stdout)}
    if who not in matrix.ENTRY_POINTS["banks"]:
        assert counts == {}  # the banks do not exist for them
        return
    seen = {m for m in matrix.BANK_MARKINGS if counts[matrix.bank_name(m)] == 1}
    assert seen == matrix.expected_bank_entries(who)
    assert all(counts[matrix.bank_name(m)] == 0 for m in set(matrix.BANK_MARKINGS) - seen)


@pytest.mark.parametrize("who", matrix.EVERYONE)
def test_programme_report_is_for_exactly_the_roles_of_the_table(node, who, tmp_path):
    data_dir, _ids = node
    out = tmp_path / "report.csv"

    done = hotline(
        data_dir, "programme", "report", "--format", "csv", "-o", str(out), "--as", who, check=False
    )

    if who not in matrix.ENTRY_POINTS["programme"]:
        assert not out.exists()
        return _refused(done, "you may not read the programme")
    assert done.returncode == 0, done.stderr
    assert "JWG-2" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("who", matrix.EVERYONE)
def test_ambassadors_list_is_for_exactly_the_roles_of_the_table(node, who):
    data_dir, _ids = node

    done = hotline(data_dir, "ambassadors", "list", "--json", "--as", who, check=False)

    if who not in matrix.ENTRY_POINTS["ambassadors"]:
        return _refused(done, "needs the campaigns.read right")
    assert done.returncode == 0, done.stderr
    assert [row["external_id"] for row in json.loads(done.stdout)] == ["MX-1"]
