"""A worker that holds a partner's pull lease keeps every other worker from pulling that partner; a lease
left behind by a worker that died holding it expires (sync.LEASE) and the next worker takes over; a worker
whose pull fails releases its lease at once. The partner here is a real closed port on loopback, so an
attempt is visible as a recorded connection error."""

import socket
from datetime import timedelta

import pytest
from django.utils import timezone

from hotline.federation import sync
from hotline.federation.models import Partner
from hotline.federation.services import Link, create_partner


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def mps(actors):
    url = f"http://127.0.0.1:{_closed_port()}/taxii2/"
    return create_partner("mps", "MPS", account=actors["bob"], link=Link(url=url, push_enabled=False))


def test_a_lease_held_by_another_worker_keeps_this_worker_from_pulling(mps):
    held_until = timezone.now() + timedelta(minutes=1)
    Partner.objects.filter(pk=mps.pk).update(pull_lease_until=held_until)

    assert sync.pull(Partner.objects.get(pk=mps.pk)) == 0

    mps.refresh_from_db()
    assert mps.last_error == ""  # no attempt was made
    assert mps.pull_failures == 0
    assert mps.pull_lease_until == held_until  # the other worker's lease is untouched


def test_a_lease_left_by_a_dead_worker_expires_and_the_next_worker_pulls(mps):
    Partner.objects.filter(pk=mps.pk).update(pull_lease_until=timezone.now() - timedelta(seconds=1))

    sync.pull(Partner.objects.get(pk=mps.pk))

    mps.refresh_from_db()
    assert mps.last_error.startswith("pull from mps failed: cannot connect")
    assert mps.pull_failures == 1


def test_a_worker_whose_pull_fails_releases_its_lease(mps):
    sync.pull(Partner.objects.get(pk=mps.pk))

    mps.refresh_from_db()
    assert mps.pull_failures == 1
    assert mps.pull_lease_until is None
    assert sync._lease(mps, "pull", timezone.now())  # another worker can take it straight away
