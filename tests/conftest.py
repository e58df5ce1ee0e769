import pytest

from tests.actors import create_actors
from tests.live import make_node


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # In-process tests only: the live nodes keep Django's real (slow, strong) hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def _node_keys_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("node-keys")


@pytest.fixture(autouse=True)
def _node_signing_key(settings, _node_keys_dir):
    # In-process tests sign with a throwaway key, never one in the working directory's data/.
    settings.KEYS_DATA_DIR = _node_keys_dir


@pytest.fixture
def actors(db):
    return create_actors()


@pytest.fixture(scope="session")
def live_node(tmp_path_factory):
    """One real node shared by the conformance tests (each test uses its own collection or ids)."""
    # The conformance tests send wrong credentials on purpose, many times over; lockout is tested on nodes
    # of its own (tests/accounts/), so this shared node does not lock anyone out.
    node = make_node(tmp_path_factory.mktemp("live") / "bnpt", env={"HOTLINE_LOGIN_FAILURE_LIMIT": "1000"})
    yield node
    node.stop()
