"""A Django test client signed in as a user: every in-process view test logs in through here, so a change to
what a complete sign-in is (a second factor, say) is made in one place.

A complete sign-in is the password step and the second factor: the user gets a TOTP device (with a key
derived from the user name, see `totp_key`), and the session is marked verified by that device exactly as
django-otp marks it after a real code check (`django_otp.login`). Live-node tests that sign in through the
form compute real codes from the same key (`totp_code`).
"""

import hashlib
import time
from importlib import import_module

from django.conf import settings
from django.http import HttpRequest
from django.test import Client


def totp_key(username: str) -> str:
    """The hex key of a test user's authenticator (tests only: derived from the name, so a test process
    can compute the codes a live node expects)."""
    return hashlib.sha1(f"hotline-test-totp/{username}".encode()).hexdigest()  # noqa: S324 - not a hash of a secret


def give_authenticator(user):
    """A confirmed TOTP device for the user, with `totp_key(username)` (an existing one is kept)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(
        user=user, name="authenticator", key=totp_key(user.get_username()), confirmed=True
    )


_last_step: dict[str, int] = {}


def totp_code(username: str) -> str:
    """The current code of the user's test authenticator. A node refuses a code of a time step it has
    already accepted (replay), so a second sign-in of the same user waits for the next step."""
    from django_otp.oath import TOTP

    totp = TOTP(bytes.fromhex(totp_key(username)))
    while _last_step.get(username) is not None and totp.t() <= _last_step[username]:
        time.sleep(0.5)
        totp = TOTP(bytes.fromhex(totp_key(username)))
    _last_step[username] = totp.t()
    return f"{totp.token():06d}"


def signed_in_client(user, language: str = "en", **client_options) -> Client:
    import django_otp

    client = Client(headers={"accept-language": language}, **client_options)
    client.force_login(user)
    device = give_authenticator(user)
    request = HttpRequest()
    request.session = import_module(settings.SESSION_ENGINE).SessionStore(client.session.session_key)
    request.user = user
    django_otp.login(request, device)
    request.session.save()
    return client
