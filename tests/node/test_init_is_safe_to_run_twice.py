import json

from tests.live import hotline


def test_init_creates_a_node_and_a_second_run_keeps_its_key_and_data(tmp_path):
    node = tmp_path / "bnpt"
    hotline(node, "init", "--node", "bnpt", "--title", "BNPT (Indonesia)")
    key = (node / "secret_key").read_text()
    hotline(node, "collection", "add", "extra", "--title", "Extra")

    second = hotline(node, "init", "--node", "bnpt")

    assert second.returncode == 0
    assert (node / "secret_key").read_text() == key
    assert json.loads((node / "node.json").read_text())["title"] == "BNPT (Indonesia)"
    listed = hotline(node, "collection", "list").stdout
    assert "extra" in listed and "intel" in listed and "public" in listed


def test_commands_on_an_uninitialised_directory_say_so(tmp_path):
    result = hotline(tmp_path / "nothing", "user", "add", "x", "--role", "analyst", check=False,
                     env={"HOTLINE_PASSWORD": "a-long-enough-password"})  # fmt: skip

    assert result.returncode != 0
    assert "hotline init" in result.stderr
