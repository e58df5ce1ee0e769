from datetime import timedelta

from django.utils import timezone

from hotline.access.models import ApiToken
from hotline.access.services import create_token, revoke_token, user_for_token


def test_a_token_identifies_its_user_and_only_its_digest_is_stored(actors):
    token, raw = create_token(actors["alice"], "script")

    assert user_for_token(raw) == actors["alice"]
    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in (stored.digest, stored.prefix) and raw.startswith(stored.prefix)
    assert stored.last_used_at is not None


def test_a_revoked_token_no_longer_works(actors):
    token, raw = create_token(actors["alice"], "script")
    revoke_token(token)

    assert user_for_token(raw) is None


def test_an_expired_token_no_longer_works(actors):
    _, raw = create_token(actors["alice"], "script", expires_at=timezone.now() - timedelta(seconds=1))

    assert user_for_token(raw) is None


def test_a_token_of_a_disabled_user_no_longer_works(actors):
    _, raw = create_token(actors["bob"], "partner")
    actors["bob"].is_active = False
    actors["bob"].save()

    assert user_for_token(raw) is None


def test_an_unknown_or_malformed_token_is_refused(actors):
    assert user_for_token("htl_not-a-real-token") is None
    assert user_for_token("garbage") is None
