"""A partner's pull reads its outbound collection with its own committed cursor as `added_after`, every
version: that is the partner saying it holds what came before, so our push starts after it. Only the
partner's own account reading every version moves that point, and never backwards; nobody else's read, and
no read of the latest versions alone, does."""

import pytest
from django.test import Client

from hotline import stix
from hotline.access.services import create_token, grant
from hotline.federation import services as federation
from hotline.federation.models import Partner
from hotline.federation.services import Link, create_partner
from tests.factories import sdo

TAXII = "application/taxii+json;version=2.1"
EARLY, LATE = "2026-01-01T00:00:00.000000Z", "2026-03-01T12:30:00.123456Z"


@pytest.fixture
def mps(actors):
    partner = create_partner("mps", "MPS", account=actors["bob"], link=Link(push_enabled=False))
    # alice may read the outbound collection too (an officer checking what is shared): her reads say nothing.
    grant(partner.outbound, user=actors["alice"], read=True, write=False)
    federation.place(partner, [stix.mark(sdo("indicator"), "green")])
    return partner


def read(user, partner, what="manifest", **params):
    token = create_token(user, "read")[1]
    url = f"/taxii2/api/collections/{partner.outbound.id}/{what}/"
    return Client().get(url, params, HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT=TAXII)


def pulled_until(partner):
    value = Partner.objects.get(pk=partner.pk).pulled_until
    return stix.format_timestamp(value) if value else None


def test_the_partners_read_of_every_version_after_its_cursor_moves_the_point(mps, actors):
    assert read(actors["bob"], mps, **{"added_after": LATE, "match[version]": "all"}).status_code == 200
    assert pulled_until(mps) == LATE

    read(actors["bob"], mps, "objects", **{"added_after": EARLY, "match[version]": "all"})
    assert pulled_until(mps) == LATE  # never backwards


def test_objects_read_moves_it_as_the_manifest_does(mps, actors):
    answer = read(actors["bob"], mps, "objects", **{"added_after": EARLY, "match[version]": "all"})
    assert answer.status_code == 200
    assert pulled_until(mps) == EARLY


def test_a_read_of_the_latest_versions_or_without_a_cursor_says_nothing(mps, actors):
    read(actors["bob"], mps, **{"added_after": LATE})
    read(actors["bob"], mps, **{"match[version]": "all"})

    assert pulled_until(mps) is None


@pytest.mark.parametrize("who", ["alice", "charlie"])
def test_nobody_elses_read_moves_it(mps, actors, who):
    answer = read(actors[who], mps, **{"added_after": LATE, "match[version]": "all"})

    assert answer.status_code == (200 if who == "alice" else 404)
    assert pulled_until(mps) is None


def test_the_queue_counts_only_what_the_partner_has_not_had(mps, actors):
    before = federation.queue_length(Partner.objects.get(pk=mps.pk))
    assert before >= 1
    far = "2999-01-01T00:00:00.000000Z"
    read(actors["bob"], mps, **{"added_after": far, "match[version]": "all"})

    assert federation.queue_length(Partner.objects.get(pk=mps.pk)) == 0
