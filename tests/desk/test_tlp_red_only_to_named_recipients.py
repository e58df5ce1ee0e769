"""A TLP:RED message is shown only to its named recipients: author, assignee, users named on it — and a
supervisor once a missed deadline escalates to them."""

from datetime import timedelta

import pytest

from hotline.access import policy
from hotline.desk import inbound, queries, search, services
from hotline.desk.errors import NotAllowed, NotFound
from hotline.desk.escalation import check_deadlines
from tests.desk.conftest import T0, draft, partner_message


@pytest.fixture
def red(desk):
    return inbound.receive_message(
        partner_message(tlp="red", kind="alert", priority="flash"), partner=desk.mps, now=T0
    )


def test_only_the_assigned_officer_sees_an_incoming_red_message(desk, red):
    assert red.assigned_to == desk.alice
    assert list(queries.inbox(desk.alice)) == [red]
    for user in (desk.sam, desk.ana):
        assert list(queries.inbox(user)) == []
        assert list(search.search(user, "travel")) == []
        with pytest.raises(NotFound):
            queries.get_message(user, red.stix_id)
        with pytest.raises(NotAllowed):
            services.acknowledge(user, red, now=T0)


def test_escalation_names_the_supervisor(desk, red):
    check_deadlines(T0 + timedelta(hours=2))

    assert policy.can_act_on_message(desk.sam, red)
    services.acknowledge(desk.sam, red, now=T0 + timedelta(hours=2))


def test_assigning_names_the_new_officer(desk, red):
    services.assign(desk.alice, red, desk.sam, now=T0)

    assert queries.get_message(desk.sam, red.stix_id) == red
    assert not policy.can_see_message(desk.ana, red)


def test_an_internal_red_message_is_seen_by_author_recipients_and_assignee_only(desk):
    message = services.send(desk.sam, draft(to="internal", tlp="red", recipients=[desk.ana]), now=T0)

    assert message.assigned_to == desk.alice  # on duty
    assert {u.username for u in (desk.alice, desk.sam, desk.ana) if policy.can_see_message(u, message)} == {
        "alice",
        "sam",
        "ana",
    }
    other = services.send(desk.sam, draft(to="internal", tlp="red"), now=T0)
    assert not policy.can_see_message(desk.ana, other)
    assert [m.pk for m in queries.inbox(desk.ana)] == [message.pk]


def test_red_notifications_do_not_carry_the_subject(desk, red):
    from hotline.desk.models import Notification

    texts = list(Notification.objects.filter(message=red).values_list("text", flat=True))

    assert texts == ["FLASH alert from Ministry of Public Security (Viet Nam) (TLP:RED)"]
