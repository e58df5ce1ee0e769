"""`hotline backup` of a running node and `hotline restore` into a new directory lose nothing: objects,
messages, attached files, keys and users come back, on whichever database the suite runs (SQLite or
PostgreSQL)."""

import tarfile
import threading

import pytest
import requests

from tests.federation.support import cli, run_python
from tests.live import TAXII, LiveNode, free_port, hotline, make_node

pytestmark = pytest.mark.live

ENVELOPE = "application/taxii+json;version=2.1"
STATE = """
import hashlib, json
from pathlib import Path
from django.conf import settings
from django.contrib.auth.models import User
from hotline.desk.models import Attachment, Message
from hotline.intel.models import CollectionEntry, StixObject
files = sorted(
    (str(p.relative_to(settings.MEDIA_ROOT)), hashlib.sha256(p.read_bytes()).hexdigest())
    for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()
)
print(json.dumps({
    "objects": sorted(StixObject.objects.values_list("stix_id", "modified")),
    "entries": CollectionEntry.objects.count(),
    "messages": sorted(Message.objects.values_list("stix_id", "state")),
    "attachments": Attachment.objects.count(),
    "users": sorted(User.objects.values_list("username", "password")),
    "files": files,
    "secret_key": settings.SECRET_KEY,
}, default=str))
"""


def _indicator(n: int) -> dict:
    return {
        "type": "indicator", "spec_version": "2.1", "id": f"indicator--00000000-0000-4000-8000-{n:012d}",
        "created": "2025-06-18T09:00:00.000Z", "modified": "2025-06-18T09:00:00.000Z",
        "pattern": f"[domain-name:value = 'propaganda-{n}.example']", "pattern_type": "stix",
        "valid_from": "2025-06-18T09:00:00Z",
    }  # fmt: skip


def _post(node: LiveNode, objects: list[dict]) -> None:
    response = requests.post(
        node.collection_url("intel") + "objects/", json={"objects": objects},
        headers={"Accept": TAXII, "Content-Type": ENVELOPE, **node.auth("alice")}, timeout=60,
    )  # fmt: skip
    assert response.status_code == 202, response.text


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    running = make_node(tmp_path_factory.mktemp("backup") / "bnpt")
    _post(running, [_indicator(n) for n in range(50)])
    attachment = running.data_dir.parent / "report.txt"
    attachment.write_text("Laporan awal / Báo cáo ban đầu\n", encoding="utf-8")
    cli_args = ["send", "--to", "internal", "--kind", "notice", "--priority", "routine", "--subject",
                "Backup", "--body", "with a file", "--attach", str(attachment), "--as", "alice"]  # fmt: skip
    hotline(running.data_dir, *cli_args)
    yield running
    running.stop()


def test_a_backup_taken_while_the_node_works_restores_everything(node, tmp_path):
    archive = tmp_path / "bnpt.tar.gz"
    writer = threading.Thread(target=_post, args=(node, [_indicator(n) for n in range(50, 80)]))
    writer.start()  # the node keeps taking writes while the backup runs
    done = cli(node, "backup", "-o", str(archive))
    writer.join()
    assert "Backed up node 'bnpt'" in done.stdout

    restored_dir = tmp_path / "restored"
    done = hotline(restored_dir, "restore", str(archive))
    assert "Restored node 'bnpt'" in done.stdout

    original, restored = run_python(node, STATE), run_python(LiveNode(restored_dir, 0), STATE)
    # Everything in the snapshot is back; writes after it are the only possible difference.
    assert set(map(tuple, restored["objects"])) <= set(map(tuple, original["objects"]))
    assert len(restored["objects"]) >= 50
    for key in ("messages", "attachments", "users", "files", "secret_key"):
        assert restored[key] == original[key], key
    assert restored["files"], "the attached file is in the backup"
    assert (restored_dir / "keys").is_dir()
    assert (restored_dir / "keys" / "signing-key.pem").read_bytes() == (
        node.data_dir / "keys" / "signing-key.pem"
    ).read_bytes()

    # The restored node serves what was backed up.
    revived = LiveNode(data_dir=restored_dir, port=free_port()).start()
    try:
        served = revived.get(revived.collection_url("intel").removeprefix(revived.api_root) + "objects/")
        assert served.status_code == 200
        assert {o["id"] for o in served.json()["objects"]} >= {_indicator(n)["id"] for n in range(50)}
    finally:
        revived.stop()


def test_restore_refuses_a_directory_that_is_not_empty_and_changes_nothing(node, tmp_path):
    archive = tmp_path / "bnpt.tar.gz"
    cli(node, "backup", "-o", str(archive))
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "keep.txt").write_text("mine")

    done = hotline(occupied, "restore", str(archive), check=False)

    assert done.returncode != 0
    assert "not empty" in done.stderr
    assert [p.name for p in occupied.iterdir()] == ["keep.txt"]


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as archive:
        archive.add(__file__, arcname="something.py")

    done = hotline(tmp_path / "new", "restore", str(bogus), check=False)

    assert done.returncode != 0
    assert "is not a Hotline backup" in done.stderr
    assert not (tmp_path / "new").exists()


def test_backup_never_overwrites_a_file(node, tmp_path):
    existing = tmp_path / "taken.tar.gz"
    existing.write_bytes(b"precious")

    done = cli(node, "backup", "-o", str(existing), check=False)

    assert done.returncode != 0
    assert "exists" in done.stderr
    assert existing.read_bytes() == b"precious"
