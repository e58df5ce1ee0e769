"""A desk message in a compartment does not exist outside its case team: not in the inbox, search, the
dashboard or the service-level figures; its page is a 404 (not a 403); nobody outside is notified of it,
and an email not yet sent to someone who has left the team is not sent."""

import pytest
from django.core import mail

from hotline.access import compartments, policy
from hotline.desk import notifications, queries, reports, search
from hotline.desk.models import Notification
from tests.access import matrix
from tests.signin import signed_in_client


@pytest.fixture
def case(world):
    return world.messages["compartment"], world.people


def test_members_see_it_and_nobody_else_does(case):
    message, people = case
    for who, user in people.items():
        member = who in ("supervisor", "alice")
        assert policy.can_see_message(user, message) is member, who
        if policy.can_read_desk(user):
            assert (message in queries.inbox(user)) is member
            assert (message in search.search(user, "matrix subject compartment")) is member


def test_its_page_is_not_found_for_a_desk_reader_outside(case):
    message, people = case

    outside = signed_in_client(people["analyst"]).get(f"/desk/messages/{message.stix_id}/")
    inside = signed_in_client(people["alice"]).get(f"/desk/messages/{message.stix_id}/")

    assert outside.status_code == 404 and "Subject compartment" not in outside.content.decode()
    assert inside.status_code == 200 and "Subject compartment" in inside.content.decode()


def test_service_level_figures_leave_it_out_for_those_outside(case):
    _, people = case

    def total(user):
        return sum(row.messages for row in reports.service_levels(user, now=matrix.T0))

    assert total(people["alice"]) == total(people["analyst"]) + 1


def test_nobody_outside_is_notified(case):
    message, people = case

    made = notifications.notify(list(people.values()), Notification.NEW_MESSAGE, message, "x", now=matrix.T0)

    assert {n.recipient.username for n in made} == {"supervisor", "alice"}


def test_an_email_is_not_sent_after_the_recipient_left_the_team(case, settings):
    message, people = case
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    people["alice"].email = "alice@bnpt.example"
    people["alice"].save()
    notifications.notify([people["alice"]], Notification.NEW_MESSAGE, message, "x", now=matrix.T0)

    compartments.set_member(people["admin"], "case-1", "alice", member=False)
    notifications.deliver_pending(now=matrix.T0)

    assert mail.outbox == []
    assert not notifications.notifications_for(people["alice"]).exists()
