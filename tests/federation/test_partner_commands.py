"""`hotline partner add` and `partner list`."""

import json

import pytest

from tests.live import cli_node, hotline


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    return cli_node(tmp_path_factory.mktemp("partners") / "bnpt", {"mps-node": "analyst"})


def test_add_and_list(node):
    added = hotline(
        node, "partner", "add", "mps", "--title", "Ministry of Public Security (Viet Nam)",
        "--deadline", "flash=10m/1h", "--account", "mps-node",
    )  # fmt: skip

    assert "outbound-mps" in added.stdout
    (row,) = json.loads(hotline(node, "partner", "list", "--json").stdout)
    assert row["name"] == "mps" and row["outbound"] == "outbound-mps"
    assert row["deadlines"]["flash"] == {"acknowledge": 600, "reply": 3600}
    assert row["deadlines"]["urgent"] == {"acknowledge": 3600, "reply": 8 * 3600}
    listing = hotline(node, "partner", "list").stdout
    assert "flash=10m/1h urgent=1h/8h routine=1d/7d" in listing
    grants = hotline(node, "collection", "list").stdout
    assert "mps-node read outbound-mps" in grants


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["partner", "add", "mps", "--title", "again"], "partner 'mps' already exists"),
        (["partner", "add", "Bad Name", "--title", "x"], "invalid partner name"),
        (["partner", "add", "internal", "--title", "x"], "'internal' is reserved"),
        (
            ["partner", "add", "somtc", "--title", "x", "--deadline", "flash=soon"],
            "expected PRIORITY=ACK/REPLY",
        ),
        (["partner", "add", "somtc", "--title", "x", "--deadline", "flash=2h/1h"], "must not be shorter"),
        (["partner", "add", "somtc", "--title", "x", "--account", "ghost"], "no user 'ghost'"),
    ],
)
def test_bad_input_is_refused(node, args, message):
    result = hotline(node, *args, check=False)

    assert result.returncode == 1 and message in result.stderr
    names = [p["name"] for p in json.loads(hotline(node, "partner", "list", "--json").stdout)]
    assert "somtc" not in names
