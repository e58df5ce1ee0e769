"""`hotline compartment add/member/assign/list/name` from the command line: an admin builds a case team and
its objects vanish for everyone else (here: from an export); someone without the right is refused, and bad
input is explained and changes nothing."""

import json

import pytest

from hotline import stix
from tests.factories import sdo
from tests.live import cli_node, hotline


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    users = {"chief": "admin", "duty1": "officer", "duty2": "officer"}
    path = cli_node(tmp_path_factory.mktemp("compartments") / "bnpt", users)
    hotline(path, "compartment", "add", "case-0", "--as", "chief")
    return path


def _exported_ids(node, tmp_path, who: str) -> set[str]:
    out = tmp_path / f"{who}.json"
    hotline(node, "export", "--collection", "intel", "-o", str(out), "--as", who)
    return {o["id"] for o in json.loads(out.read_text())["objects"]}


def test_a_case_team_alone_sees_its_objects(node, tmp_path):
    secret, red = stix.mark(sdo("threat-actor"), "amber"), stix.mark(sdo("campaign"), "red")
    bundle = tmp_path / "in.json"
    bundle.write_text(json.dumps({"type": "bundle", "id": "bundle--6b1f1a0e-33b1-4c59-9b5a-2d4c0a4f6b1e",
                                  "objects": [secret, red]}))  # fmt: skip
    hotline(node, "import", str(bundle), "--collection", "intel")
    assert secret["id"] in _exported_ids(node, tmp_path, "duty2")

    hotline(node, "compartment", "add", "case-7", "--title", "Batam port plot", "--as", "chief")
    hotline(node, "compartment", "member", "case-7", "duty1", "--as", "chief")
    hotline(node, "compartment", "assign", "case-7", secret["id"], "--as", "chief")
    hotline(node, "compartment", "name", red["id"], "duty1", "--as", "chief")
    listing = hotline(node, "compartment", "list", "--as", "chief").stdout

    assert "case-7" in listing and "chief, duty1" in listing and "objects: 1" in listing
    assert {secret["id"], red["id"]} <= _exported_ids(node, tmp_path, "duty1")
    assert not {secret["id"], red["id"]} & _exported_ids(node, tmp_path, "duty2")


def test_an_officer_may_not_manage_compartments(node):
    result = hotline(node, "compartment", "add", "case-8", "--as", "duty1", check=False)

    assert result.returncode == 1 and "duty1 may not manage compartments" in result.stderr
    assert "case-8" not in hotline(node, "compartment", "list", "--as", "chief").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "Not A Slug"], "a compartment name is a slug"),
        (["member", "no-such-case", "duty1"], "no compartment 'no-such-case'"),
        (["assign", "case-0", "campaign--00000000-0000-4000-8000-000000000000"], "no object"),
    ],
)
def test_bad_input_is_explained_and_changes_nothing(node, args, message):
    before = hotline(node, "compartment", "list", "--as", "chief").stdout

    result = hotline(node, "compartment", *args, "--as", "chief", check=False)

    assert result.returncode == 1 and message in result.stderr
    assert hotline(node, "compartment", "list", "--as", "chief").stdout == before
