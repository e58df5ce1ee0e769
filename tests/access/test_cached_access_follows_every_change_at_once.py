"""Each web process caches a token's user and rights and the collections (access/request_cache.py). A change
made elsewhere (another process, the command line) takes effect at the very next request in every process:
a revoked token, a removed grant, a removed role, a disabled user. Two live nodes serve the same data
directory (two gunicorn masters, two workers each), so the change is made outside both."""

import subprocess
import sys

import pytest
import requests

from tests.live import REPOSITORY, SETTINGS, LiveNode, free_port, make_node, node_environment

TAXII = "application/taxii+json;version=2.1"
TRIES = 12  # more requests than the 2 workers x 4 threads of a node: each worker answers some


def _run(node: LiveNode, code: str) -> str:
    """Python with Django set up on the node's data directory, in a process of its own."""
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        capture_output=True, text=True, check=True, cwd=REPOSITORY,
        env=node_environment(node.data_dir, {**node.env, "DJANGO_SETTINGS_MODULE": SETTINGS}),
    )  # fmt: skip
    return done.stdout.strip()


def _token(node: LiveNode, user: str) -> str:
    return _run(
        node,
        "from django.contrib.auth import get_user_model\n"
        "from hotline.access.services import create_token\n"
        f"print(create_token(get_user_model().objects.get(username={user!r}), 'cache-test')[1])",
    )


def _statuses(nodes: list[LiveNode], token: str, alias: str) -> set[int]:
    found = set()
    for node in nodes:
        for _ in range(TRIES):
            answer = requests.get(
                f"{node.api_root}collections/{alias}/objects/?limit=1",
                headers={"Accept": TAXII, "Authorization": f"Token {token}"},
                timeout=30,
            )
            found.add(answer.status_code)
    return found


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    # Every refused token counts towards the lockout (429): these tests are refused on purpose, many times.
    first = make_node(tmp_path_factory.mktemp("cache") / "node", env={"HOTLINE_LOGIN_FAILURE_LIMIT": "10000"})
    second = LiveNode(first.data_dir, free_port(), env=first.env, serve_args=["--web-only"]).start()
    yield [first, second]
    second.stop()
    first.stop()


def test_a_revoked_token_is_refused_at_once_by_every_process(nodes):
    token = _token(nodes[0], "alice")
    assert _statuses(nodes, token, "intel") == {200}

    _run(
        nodes[0],
        "from hotline.access.models import ApiToken\n"
        "from hotline.access.services import revoke_token\n"
        f"revoke_token(ApiToken.objects.get(prefix={token[:10]!r}))",
    )

    assert _statuses(nodes, token, "intel") == {401}


def test_a_removed_grant_hides_the_collection_at_once_in_every_process(nodes):
    token = _token(nodes[0], "bob")
    assert _statuses(nodes, token, "to-mps") == {200}
    assert _statuses(nodes, token, "intel") == {404}  # bob, a partner's account, never reads intel

    _run(
        nodes[0],
        "from hotline.access.models import CollectionGrant\n"
        "CollectionGrant.objects.filter(user__username='bob', collection__alias='to-mps').delete()",
    )

    assert _statuses(nodes, token, "to-mps") == {404}


def test_a_removed_role_and_a_disabled_user_take_effect_at_once_in_every_process(nodes):
    alice, charlie = _token(nodes[0], "alice"), _token(nodes[0], "charlie")
    assert _statuses(nodes, alice, "intel") == {200}
    assert _statuses(nodes, charlie, "intel") == {404}  # no clearance, no grant: intel does not exist
    assert _statuses(nodes, charlie, "public") == {200}

    # A bulk update (no model signal) must count too: the database notices, not Django.
    _run(nodes[0], "from django.contrib.auth import get_user_model\n"
                   "get_user_model().objects.get(username='alice').groups.clear()")  # fmt: skip
    assert _statuses(nodes, alice, "intel") == {404}

    _run(nodes[0], "from django.contrib.auth import get_user_model\n"
                   "get_user_model().objects.filter(username='charlie').update(is_active=False)")  # fmt: skip
    assert _statuses(nodes, charlie, "public") == {401}


def _basic_statuses(nodes: list[LiveNode], username: str, password: str, alias: str) -> set[int]:
    found = set()
    for node in nodes:
        for _ in range(TRIES):
            answer = requests.get(
                f"{node.api_root}collections/{alias}/objects/?limit=1",
                headers={"Accept": TAXII}, auth=(username, password), timeout=30,
            )  # fmt: skip
            found.add(answer.status_code)
    return found


def test_http_basic_credentials_follow_a_removed_grant_a_new_password_and_a_disabled_user_at_once(nodes):
    # An ambassador: HTTP Basic is open only to roles without a second factor.
    old, new = "lantern-harbour-ferry-41", "orbit-monsoon-kettle-73"
    _run(
        nodes[0],
        "from hotline.access.services import create_user, grant\n"
        "from hotline.intel.models import Collection\n"
        f"dewi = create_user('dewi', 'ambassador', {old!r})\n"
        "grant(Collection.objects.get(alias='intel'), user=dewi)",
    )
    assert _basic_statuses(nodes, "dewi", old, "intel") == {200}

    _run(
        nodes[0],
        "from hotline.access.models import CollectionGrant\n"
        "CollectionGrant.objects.filter(user__username='dewi', collection__alias='intel').delete()",
    )
    assert _basic_statuses(nodes, "dewi", old, "intel") == {404}

    _run(
        nodes[0],
        "from django.contrib.auth import get_user_model\n"
        "dewi = get_user_model().objects.get(username='dewi')\n"
        f"dewi.set_password({new!r})\n"
        "dewi.save()",
    )
    assert _basic_statuses(nodes, "dewi", old, "public") == {401}
    assert _basic_statuses(nodes, "dewi", new, "public") == {200}

    _run(nodes[0], "from django.contrib.auth import get_user_model\n"
                   "get_user_model().objects.filter(username='dewi').update(is_active=False)")  # fmt: skip
    assert _basic_statuses(nodes, "dewi", new, "public") == {401}
