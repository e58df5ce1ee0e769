"""Verified HTTP Basic credentials are remembered for a minute, so the password hash is not recomputed per
request; a changed password, a deactivated user, a role that now requires a second factor or a failed
attempt never authenticates from the cache. (charlie, an ambassador: HTTP Basic is for roles without one.)"""

import base64

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from hotline.access import credential_cache, roles
from hotline.access.auth import authenticate_request
from tests.actors import PASSWORD


class CountingHasher(MD5PasswordHasher):
    """The test suite's fast hasher, counting how often a password is checked."""

    algorithm = "counting_md5"
    checks = 0

    def verify(self, password, encoded):
        CountingHasher.checks += 1
        return super().verify(password, encoded)


@pytest.fixture(autouse=True)
def _counting(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.test_basic_credential_cache.CountingHasher"]
    CountingHasher.checks = 0
    credential_cache.clear()


def _auth(username: str, password: str):
    header = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
    request = RequestFactory().get("/taxii2/", HTTP_AUTHORIZATION=header)
    return authenticate_request(request)


@pytest.fixture
def charlie(actors):
    user = actors["charlie"]
    user.set_password(PASSWORD)
    user.save()
    return user


def test_the_second_request_does_not_check_the_password_again(charlie):
    assert _auth("charlie", PASSWORD) == charlie and CountingHasher.checks == 1

    assert _auth("charlie", PASSWORD) == charlie and CountingHasher.checks == 1


def test_a_later_request_reuses_the_user_without_reading_it_again(charlie):
    first = _auth("charlie", PASSWORD)

    with CaptureQueriesContext(connection) as queries:
        later = _auth("charlie", PASSWORD)

    # The same object, with the policy's memos on it (roles, rights, prepared pages), as for an API token:
    # only the access generation is read.
    assert later is first
    assert [q["sql"] for q in queries.captured_queries] == [
        "SELECT value FROM access_accessgeneration WHERE id = 1"
    ]


def test_a_failed_attempt_is_never_cached(charlie):
    assert _auth("charlie", "wrong") is None
    assert _auth("charlie", "wrong") is None

    assert CountingHasher.checks == 2
    assert caches[credential_cache.CACHE].get(credential_cache._key("charlie", "wrong")) is None


def test_a_changed_password_is_not_served_from_the_cache(charlie):
    _auth("charlie", PASSWORD)
    charlie.set_password("a-new-long-passphrase-77")
    charlie.save()

    assert _auth("charlie", PASSWORD) is None
    assert _auth("charlie", "a-new-long-passphrase-77") == charlie


def test_a_deactivated_user_is_not_served_from_the_cache(charlie):
    _auth("charlie", PASSWORD)
    charlie.is_active = False
    charlie.save()

    assert _auth("charlie", PASSWORD) is None


def test_a_user_given_a_role_that_requires_a_second_factor_is_refused_from_the_cache(charlie):
    assert _auth("charlie", PASSWORD) == charlie
    charlie.groups.add(Group.objects.get(name=roles.ANALYST))

    assert _auth("charlie", PASSWORD) is None
    assert CountingHasher.checks == 1  # the cached pair was found, and still refused


def test_the_cache_key_is_keyed_and_holds_no_password(charlie):
    _auth("charlie", PASSWORD)
    key = credential_cache._key("charlie", PASSWORD)

    assert PASSWORD not in key and "charlie" not in key
    assert caches[credential_cache.CACHE].get(key)[:2] == (charlie.pk, charlie.password)


def test_a_zero_lifetime_turns_the_cache_off(charlie, settings):
    settings.HOTLINE_BASIC_CACHE_SECONDS = 0
    _auth("charlie", PASSWORD)
    _auth("charlie", PASSWORD)

    assert CountingHasher.checks == 2
