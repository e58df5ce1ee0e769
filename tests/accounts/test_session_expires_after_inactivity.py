"""A web session ends after HOTLINE_SESSION_IDLE_MINUTES (30) without a request; each request pushes the end
back (the session is saved on every request)."""

import os
import subprocess
import sys
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.live import REPOSITORY, SETTINGS
from tests.signin import signed_in_client


def _session(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_the_idle_time_comes_from_the_environment():
    code = "from django.conf import settings as s; print(s.SESSION_COOKIE_AGE, s.SESSION_SAVE_EVERY_REQUEST)"
    printed = [
        subprocess.run(
            [sys.executable, "-c", "import django; django.setup(); " + code], capture_output=True, text=True,
            check=True, cwd=REPOSITORY, env={**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, **env},
        ).stdout.split()
        for env in ({}, {"HOTLINE_SESSION_IDLE_MINUTES": "5"})
    ]  # fmt: skip

    assert printed == [["1800", "True"], ["300", "True"]]


def test_each_request_pushes_the_end_back(actors):
    client = signed_in_client(actors["alice"])
    session = _session(client)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=1))

    assert client.get("/desk/inbox/").status_code == 200

    left = _session(client).expire_date - timezone.now()
    assert (
        timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
        < left
        <= timedelta(seconds=settings.SESSION_COOKIE_AGE)
    )


def test_an_idle_session_has_ended(actors):
    client = signed_in_client(actors["alice"])
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    response = client.get("/desk/inbox/")

    assert response.status_code == 302 and response["Location"].startswith("/login/")
