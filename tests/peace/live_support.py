"""A live node with a coordinator and a reviewer, for the HMA API and CLI tests."""

from tests.actors import PASSWORD
from tests.live import hotline, make_node

FAST_INDEX = {"HOTLINE_PEACE_INDEX_INTERVAL": "1"}


def peace_node(data_dir, name: str = "bnpt"):
    node = make_node(data_dir, name, env=FAST_INDEX)
    for user, role in (("coordinator", "coordinator"), ("reviewer", "reviewer")):
        hotline(data_dir, "user", "add", user, "--role", role, env={**node.env, "HOTLINE_PASSWORD": PASSWORD})
    return node
