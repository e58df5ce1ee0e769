"""`hotline token create USER --collection A --read/--write --expires 30d`: the token is printed once, its
scope and expiry are said, `token list` shows them; bad input is refused with a clear error and stores
nothing."""

import pytest

from tests.live import cli_node, hotline


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    return cli_node(tmp_path_factory.mktemp("tokens") / "bnpt", {"analyst1": "analyst"})


def test_a_scoped_expiring_token_is_printed_once_and_listed_without_its_secret(node):
    done = hotline(
        node, "token", "create", "analyst1", "--name", "misp", "--collection", "intel",
        "--collection", "public", "--write", "--expires", "30d",
    )  # fmt: skip

    raw = done.stdout.strip()
    assert raw.startswith("htl_") and len(raw) > 40
    assert "read+write on intel, public" in done.stderr and "expires" in done.stderr
    listed = hotline(node, "token", "list").stdout
    assert "misp" in listed and "read+write on intel, public" in listed and raw not in listed


def test_by_default_a_token_only_reads(node):
    done = hotline(node, "token", "create", "analyst1", "--name", "reader")

    assert "read on all the user's collections" in done.stderr and "never expires" in done.stderr


@pytest.mark.parametrize(
    ("options", "error"),
    [
        (["--expires", "0d"], "give a positive number and a unit"),
        (["--expires", "30y"], "give a positive number and a unit"),
        (["--collection", "nope"], "no collection 'nope'"),
        (["--no-read"], "reading, writing or both"),
        (["--expires", "1d", "--days", "3"], "not both"),
    ],
)
def test_bad_input_is_refused_and_stores_nothing(node, options, error):
    before = hotline(node, "token", "list").stdout

    done = hotline(node, "token", "create", "analyst1", "--name", "bad", *options, check=False)

    assert done.returncode != 0 and error in done.stderr and done.stdout == ""
    assert hotline(node, "token", "list").stdout == before
