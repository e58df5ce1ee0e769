"""Helpers of the desk's view tests: messages made through the desk's services at the real time (the pages
count down from now), and a logged-in client per actor."""

from django.test import Client
from django.utils import timezone

from hotline.desk import inbound, services
from tests.desk.conftest import draft, partner_message
from tests.signin import signed_in_client


def client_for(user, language: str = "en") -> Client:
    return signed_in_client(user, language)


def incoming(desk, at=None, **changes):
    """A message from partner mps, received now (or `at`)."""
    now = at or timezone.now()
    return inbound.receive_message(partner_message(created=now, **changes), partner=desk.mps, now=now)


def sent(desk, user=None, **changes):
    """A message this node sent (to mps unless `to` says otherwise)."""
    return services.send(user or desk.alice, draft(**changes))
