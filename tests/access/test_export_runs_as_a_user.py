"""`hotline export --as USER` from the command line: it exports only what that user may see, refuses a user
whose role may not export, and refuses (writing nothing) an export holding another agency's object whose
handling code forbids it; our own such objects are exported."""

import json

import pytest

from hotline import stix
from hotline.federation.services import node_identity_id
from tests.desk.conftest import partner_message
from tests.factories import sdo
from tests.live import cli_node, hotline


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    users = {"duty1": "officer", "amb": "ambassador", "ana": "analyst"}
    return cli_node(tmp_path_factory.mktemp("export-as") / "bnpt", users)


def _import(node, tmp_path, objects, collection="intel"):
    bundle = tmp_path / "in.json"
    bundle.write_text(json.dumps({"type": "bundle", "id": "bundle--6b1f1a0e-33b1-4c59-9b5a-2d4c0a4f6b1e",
                                  "objects": objects}))  # fmt: skip
    hotline(node, "import", str(bundle), "--collection", collection)


def _ids(path) -> set[str]:
    return {o["id"] for o in json.loads(path.read_text())["objects"]}


def test_export_needs_a_user(node, tmp_path):
    result = hotline(node, "export", "-o", str(tmp_path / "x.json"), check=False)

    assert result.returncode == 2 and "--as" in result.stderr


def test_only_what_the_user_may_see_is_exported(node, tmp_path):
    green, strict = stix.mark(sdo("campaign"), "green"), stix.mark(sdo("campaign"), "amber+strict")
    _import(node, tmp_path, [green, strict], collection="public")
    out = tmp_path / "out.json"

    hotline(node, "export", "--collection", "public", "-o", str(out), "--as", "ana")
    assert {green["id"], strict["id"]} <= _ids(out)
    refused = hotline(node, "export", "--collection", "public", "-o", str(out), "--as", "amb", check=False)

    assert refused.returncode == 1 and "amb may not export" in refused.stderr


def test_a_handling_code_that_forbids_it_refuses_the_export(node, tmp_path):
    theirs = json.loads(stix.dumps(partner_message(handling_code="H2", tlp="green")))
    ours = json.loads(
        stix.dumps(partner_message(handling_code="H2", tlp="green", created_by_ref=node_identity_id("bnpt")))
    )
    _import(node, tmp_path, [ours])
    out = tmp_path / "ours.json"
    hotline(node, "export", "--collection", "intel", "-o", str(out), "--as", "duty1")
    assert ours["id"] in _ids(out)

    _import(node, tmp_path, [theirs])
    refused_out = tmp_path / "theirs.json"
    result = hotline(
        node, "export", "--collection", "intel", "-o", str(refused_out), "--as", "duty1", check=False
    )

    assert result.returncode == 1
    assert f"{theirs['id']} carries handling code H2" in result.stderr and "nothing written" in result.stderr
    assert not refused_out.exists() and not list(tmp_path.glob("theirs.json*"))
