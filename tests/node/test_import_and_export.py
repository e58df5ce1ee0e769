import json

import pytest
from stix2validator import ValidationOptions, validate_instance

from tests.factories import sdo
from tests.live import cli_node, hotline


@pytest.fixture
def node(tmp_path):
    return cli_node(tmp_path / "bnpt", {"chief": "admin"})


def _bundle(tmp_path, objects, name="in.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"type": "bundle", "id": "bundle--6b1f1a0e-33b1-4c59-9b5a-2d4c0a4f6b1e",
                                "objects": objects}))  # fmt: skip
    return path


def _exported(node, tmp_path, *args):
    out = tmp_path / "out.json"
    hotline(node, "export", "-o", str(out), "--as", "chief", *args)
    return json.loads(out.read_text())


def test_import_stores_the_valid_objects_and_names_each_rejected_one(node, tmp_path):
    good = [sdo() for _ in range(3)]
    bad = sdo("indicator", pattern="[this is not a pattern")

    result = hotline(
        node, "import", str(_bundle(tmp_path, [*good, bad])), "--collection", "intel", check=False
    )

    assert result.returncode == 1
    assert f"rejected {bad['id']}" in result.stderr and "pattern" in result.stderr
    assert "Stored 3, rejected 1" in result.stderr
    exported = {o["id"] for o in _exported(node, tmp_path, "--collection", "intel")["objects"]}
    assert {o["id"] for o in good} <= exported and bad["id"] not in exported


def test_a_file_that_is_not_json_imports_nothing_and_says_why(node, tmp_path):
    hotline(node, "import", str(_bundle(tmp_path, [sdo()])), "--collection", "intel")
    before = _exported(node, tmp_path, "--collection", "intel")["objects"]
    broken = tmp_path / "broken.json"
    broken.write_text('{"type": "bundle", "objects": [' + json.dumps(sdo()))

    result = hotline(node, "import", str(broken), "--collection", "intel", check=False)

    assert result.returncode == 2
    assert "nothing imported" in result.stderr and "line 1" in result.stderr
    assert _exported(node, tmp_path, "--collection", "intel")["objects"] == before


def test_import_into_an_unknown_collection_lists_the_collections(node, tmp_path):
    result = hotline(node, "import", str(_bundle(tmp_path, [sdo()])), "--collection", "nope", check=False)

    assert result.returncode == 1 and "intel" in result.stderr


def test_export_writes_a_valid_stix_bundle_with_latest_or_all_versions(node, tmp_path):
    v1 = sdo(modified="2025-06-18T09:00:00.000Z")
    v2 = {**v1, "modified": "2025-06-19T09:00:00.000Z", "name": "renamed"}
    hotline(node, "import", str(_bundle(tmp_path, [v1, v2])), "--collection", "intel")

    latest = _exported(node, tmp_path, "--collection", "intel")
    every = _exported(node, tmp_path, "--collection", "intel", "--all-versions")

    assert validate_instance(latest, ValidationOptions(version="2.1")).is_valid
    assert [o["modified"] for o in latest["objects"] if o["id"] == v1["id"]] == ["2025-06-19T09:00:00.000Z"]
    assert sorted(o["modified"] for o in every["objects"] if o["id"] == v1["id"]) == [
        "2025-06-18T09:00:00.000Z",
        "2025-06-19T09:00:00.000Z",
    ]
