"""Every desk permission path with the actors: alice (officer) uses the desk; sam (supervisor) too; ana
(analyst) reads but does not act; bob (the partner node's account) and charlie (no clearance) see nothing."""

import pytest

from hotline.access import policy
from hotline.desk import inbound, queries, reports, search, services
from hotline.desk.errors import NotAllowed, NotFound
from hotline.desk.models import Message
from hotline.intel.models import Collection
from tests.desk.conftest import T0, draft, partner_message


@pytest.fixture
def received(desk):
    return inbound.receive_message(partner_message(), partner=desk.mps, now=T0)


@pytest.mark.parametrize("who", ["alice", "sam"])
def test_officers_and_supervisors_use_the_desk(desk, received, who):
    user = getattr(desk, who)

    assert list(queries.inbox(user)) == [received]
    services.acknowledge(user, received, now=T0)
    sent = services.send(user, draft(), now=T0)

    assert sent.created_by == user and queries.get_message(user, sent.stix_id) == sent


def test_the_node_admin_uses_the_desk(desk, received):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", password="x-very-long-secret-1")

    assert policy.can_use_desk(admin) and list(queries.inbox(admin)) == [received]


def test_an_analyst_reads_but_does_not_act(desk, received):
    assert list(queries.inbox(desk.ana)) == [received]
    assert queries.get_message(desk.ana, received.stix_id) == received
    assert list(search.search(desk.ana, "travel history")) == [received]
    reports.service_levels(desk.ana, now=T0)

    for act in (
        lambda: services.acknowledge(desk.ana, received, now=T0),
        lambda: services.reply(desk.ana, received, body="x", now=T0),
        lambda: services.close(desk.ana, received, now=T0),
        lambda: services.send(desk.ana, draft(), now=T0),
    ):
        with pytest.raises(NotAllowed):
            act()
    assert Message.objects.get(pk=received.pk).state == "received"


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_the_partner_account_and_a_user_without_clearance_see_nothing(desk, received, who):
    user = getattr(desk, who)

    for read in (
        lambda: queries.inbox(user),
        lambda: queries.outbox(user),
        lambda: queries.get_message(user, received.stix_id),
        lambda: queries.dashboard(user, now=T0),
        lambda: reports.service_levels(user, now=T0),
    ):
        with pytest.raises(NotAllowed):
            read()
    assert list(search.search(user, "travel")) == []
    with pytest.raises(NotFound):
        queries.attached_objects(user, received)
    for act in (
        lambda: services.acknowledge(user, received, now=T0),
        lambda: services.send(user, draft(), now=T0),
        lambda: services.assign(desk.alice, received, user, now=T0),
    ):
        with pytest.raises((NotAllowed, services.DeskError)):
            act()
    assert Message.objects.get(pk=received.pk).assigned_to == desk.alice


def test_the_desk_collection_is_not_readable_over_taxii_by_anyone_but_admins(desk, received):
    hotline = Collection.objects.get(alias="hotline")

    for who in ("alice", "bob", "charlie", "sam", "ana"):
        assert not policy.can_see_collection(getattr(desk, who), hotline)


def test_only_the_partner_account_and_no_one_else_reads_its_outbound_collection(desk):
    sent = services.send(desk.alice, draft(), now=T0)
    outbound = Collection.objects.get(alias="outbound-mps")

    assert policy.can_read_collection(desk.bob, outbound)
    assert not policy.can_write_collection(desk.bob, outbound)
    assert not policy.can_see_collection(desk.charlie, outbound)
    assert outbound.entries.filter(stix_id=sent.stix_id).exists()
    with pytest.raises(NotAllowed):
        queries.get_message(desk.bob, sent.stix_id)  # the desk is not his, only what was shared with him
