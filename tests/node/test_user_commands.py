import json

import pytest

from tests.live import hotline


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    path = tmp_path_factory.mktemp("users") / "mps"
    hotline(path, "init", "--node", "mps")
    return path


def test_user_add_takes_the_password_from_the_environment_and_lists_the_role(node):
    hotline(
        node, "user", "add", "duty1", "--role", "officer", env={"HOTLINE_PASSWORD": "tram-lantern-orbit-9"}
    )

    users = json.loads(hotline(node, "user", "list", "--json").stdout)

    assert {"username": "duty1", "roles": ["officer"], "active": True} in users


def test_user_add_refuses_an_unknown_role_a_weak_password_and_a_duplicate(node):
    env = {"HOTLINE_PASSWORD": "tram-lantern-orbit-9"}
    unknown = hotline(node, "user", "add", "x1", "--role", "wizard", env=env, check=False)
    weak = hotline(
        node, "user", "add", "x2", "--role", "analyst", env={"HOTLINE_PASSWORD": "123"}, check=False
    )
    hotline(node, "user", "add", "x3", "--role", "analyst", env=env)
    duplicate = hotline(node, "user", "add", "x3", "--role", "analyst", env=env, check=False)

    assert unknown.returncode and "unknown role" in unknown.stderr
    assert weak.returncode and "password refused" in weak.stderr
    assert duplicate.returncode and "already exists" in duplicate.stderr
    names = [u["username"] for u in json.loads(hotline(node, "user", "list", "--json").stdout)]
    assert "x1" not in names and "x2" not in names and names.count("x3") == 1


def test_user_add_without_a_terminal_or_password_variable_explains(node):
    result = hotline(node, "user", "add", "x4", "--role", "analyst", check=False, input="")

    assert result.returncode and "HOTLINE_PASSWORD" in result.stderr
