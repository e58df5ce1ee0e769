"""`hotline match FILE | --text TEXT --data-dir DIR [--json]` and `hotline bank create|import|list`, run as
the real command on a node's data directory."""

import json

import pytest

from hotline.peace import signals
from tests.actors import PASSWORD
from tests.live import hotline
from tests.peace import media

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "bnpt"
    hotline(path, "init", "--node", "bnpt")
    hotline(path, "user", "add", "coordinator", "--role", "coordinator", env={"HOTLINE_PASSWORD": PASSWORD})
    hotline(path, "bank", "create", "CLI_BANK", "--description", "synthetic", "--tlp", "green")
    return path


def test_an_imported_hash_matches_a_reencoded_copy(data_dir, tmp_path):
    original = media.image(71)
    hash_list = tmp_path / "list.csv"
    hash_list.write_text(
        "signal_type,signal,organisation,behaviour\n"
        f"pdq,{signals.pdq_from_bytes(original).hash},Synthetic Front,glorification\n"
    )
    imported = hotline(data_dir, "bank", "import", "CLI_BANK", str(hash_list))
    assert "1 added" in imported.stdout
    copy = tmp_path / "copy.jpg"
    copy.write_bytes(media.reencoded(original, quality=30))
    done = hotline(data_dir, "match", str(copy), "--json")
    report = json.loads(done.stdout)
    assert report["content_type"] == "image"
    assert [(m["bank"], m["signal"], m["organisation"]) for m in report["matches"]] == [
        ("CLI_BANK", "pdq", "Synthetic Front")
    ]
    assert report["matches"][0]["distance"] <= 31
    human = hotline(data_dir, "match", str(copy)).stdout
    assert "MATCH CLI_BANK" in human and "pdq" in human


def test_a_text_without_match(data_dir):
    done = hotline(data_dir, "match", "--text", media.TEXT_ID, "--exit-status", check=False)
    assert done.returncode == 2 and "no match" in done.stdout


def test_a_bad_hash_list_imports_nothing(data_dir, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("signal_type,signal\npdq,nothex\nmd5,123\n")
    done = hotline(data_dir, "bank", "import", "CLI_BANK", str(bad), check=False)
    assert done.returncode == 1
    assert "row 2:" in done.stderr and "row 3:" in done.stderr and "nothing imported" in done.stderr
    listed = json.loads(hotline(data_dir, "bank", "list", "--json").stdout)
    assert [(b["name"], b["entries"]) for b in listed] == [("CLI_BANK", 1)]


def test_bad_arguments(data_dir, tmp_path):
    assert "FILE or --text" in hotline(data_dir, "match", check=False).stderr
    assert "no such file" in hotline(data_dir, "match", str(tmp_path / "missing.png"), check=False).stderr
    refused = hotline(data_dir, "match", "--text", media.TEXT_ID, "--as", "nobody", check=False)
    assert "no active user 'nobody'" in refused.stderr
