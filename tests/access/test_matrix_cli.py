"""The access matrix through the operator's command line, run as real processes on a node data directory:
`hotline inbox --as USER --json` lists exactly the desk messages of the table, and `hotline export --as USER`
writes exactly the objects of the table; a user whose role may not use the entry point is refused with a
clear error (non-zero exit) and nothing is printed or written."""

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
print(json.dumps({"objects": {m: o["id"] for m, o in world.objects.items()},
                  "messages": {m: msg.stix_id for m, msg in world.messages.items()}}))
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
