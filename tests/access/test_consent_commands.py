"""`hotline consent add/list/withdraw`: an admin records a partner's consent to re-share (who and when are
kept), lists it and withdraws it; an officer may not; bad input records nothing."""

import json

import pytest

from tests.factories import sdo
from tests.live import cli_node, hotline


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    path = cli_node(tmp_path_factory.mktemp("consent") / "bnpt", {"chief": "admin", "duty1": "officer"})
    hotline(path, "partner", "add", "mps", "--title", "MPS")
    hotline(path, "partner", "add", "somtc", "--title", "SOMTC")
    return path


def test_record_list_and_withdraw_a_consent(node, tmp_path):
    obj = sdo("campaign")
    bundle = tmp_path / "in.json"
    bundle.write_text(json.dumps({"type": "bundle", "id": "bundle--6b1f1a0e-33b1-4c59-9b5a-2d4c0a4f6b1e",
                                  "objects": [obj]}))  # fmt: skip
    hotline(node, "import", str(bundle), "--collection", "intel")

    added = hotline(node, "consent", "add", "mps", "--to", "somtc", "--object", obj["id"],
                    "--reference", "MPS letter 2025/17", "--as", "chief").stdout  # fmt: skip
    consent_id = added.split()[1]
    listing = hotline(node, "consent", "list", "--as", "chief").stdout
    hotline(node, "consent", "withdraw", consent_id, "--as", "chief")
    after = hotline(node, "consent", "list", "--as", "chief").stdout

    assert (
        obj["id"] in listing and "in force" in listing and "by chief" in listing and "MPS letter" in listing
    )
    assert "withdrawn" in after


def test_an_officer_may_not_record_consent_and_bad_input_records_nothing(node):
    before = hotline(node, "consent", "list", "--as", "chief").stdout

    officer = hotline(node, "consent", "add", "mps", "--to", "somtc", "--collection", "inbound-mps",
                      "--reference", "x", "--as", "duty1", check=False)  # fmt: skip
    unknown = hotline(node, "consent", "add", "mps", "--to", "nowhere", "--collection", "inbound-mps",
                      "--reference", "x", "--as", "chief", check=False)  # fmt: skip

    assert officer.returncode == 1 and "duty1 may not record consent" in officer.stderr
    assert unknown.returncode == 1 and "no partner 'nowhere'" in unknown.stderr
    assert hotline(node, "consent", "list", "--as", "chief").stdout == before
