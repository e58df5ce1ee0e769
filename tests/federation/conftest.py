import pytest

from tests.federation.support import federate, stop_all


@pytest.fixture(scope="session")
def linked(tmp_path_factory):
    """bnpt and mps, each the other's partner, pushing and pulling (shared by the tests that only add)."""
    nodes = federate(tmp_path_factory.mktemp("linked"))
    yield nodes
    stop_all(nodes)
