"""Verified HTTP Basic credentials are remembered for a minute, so the password hash is not recomputed per
request; a changed password, a deactivated user or a failed attempt never authenticates from the cache."""

import base64

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.cache import caches
from django.test import RequestFactory

from hotline.access import credential_cache
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
def alice(actors):
    user = actors["alice"]
    user.set_password(PASSWORD)
    user.save()
    return user


def test_the_second_request_does_not_check_the_password_again(alice):
    assert _auth("alice", PASSWORD) == alice and CountingHasher.checks == 1

    assert _auth("alice", PASSWORD) == alice and CountingHasher.checks == 1


def test_a_failed_attempt_is_never_cached(alice):
    assert _auth("alice", "wrong") is None
    assert _auth("alice", "wrong") is None

    assert CountingHasher.checks == 2
    assert caches[credential_cache.CACHE].get(credential_cache._key("alice", "wrong")) is None


def test_a_changed_password_is_not_served_from_the_cache(alice):
    _auth("alice", PASSWORD)
    alice.set_password("a-new-long-passphrase-77")
    alice.save()

    assert _auth("alice", PASSWORD) is None
    assert _auth("alice", "a-new-long-passphrase-77") == alice


def test_a_deactivated_user_is_not_served_from_the_cache(alice):
    _auth("alice", PASSWORD)
    alice.is_active = False
    alice.save()

    assert _auth("alice", PASSWORD) is None


def test_the_cache_key_is_keyed_and_holds_no_password(alice):
    _auth("alice", PASSWORD)
    key = credential_cache._key("alice", PASSWORD)

    assert PASSWORD not in key and "alice" not in key
    assert caches[credential_cache.CACHE].get(key) == (alice.pk, alice.password)


def test_a_zero_lifetime_turns_the_cache_off(alice, settings):
    settings.HOTLINE_BASIC_CACHE_SECONDS = 0
    _auth("alice", PASSWORD)
    _auth("alice", PASSWORD)

    assert CountingHasher.checks == 2
