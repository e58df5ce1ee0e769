"""An overdue law-enforcement cooperation request escalates like the desk's deadlines: at its deadline the
secretariat is told, HOTLINE_SUPERVISOR_AFTER_MINUTES later the supervisors; once each, whatever the number
of runs; an answered request is not escalated. The clock is passed in."""

from datetime import UTC, datetime, timedelta

import pytest

from hotline.access import roles
from hotline.access.services import create_user
from hotline.desk.models import Notification
from hotline.node import schedule
from hotline.programme import escalation, services
from hotline.programme.errors import ProgrammeError
from hotline.programme.models import CooperationRequest, RequestEvent
from tests.actors import PASSWORD

T0 = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def request_due(seeded, secretary):
    return services.create_request(
        secretary, "locate_person", "Locate a suspect who crossed the border", requesting_side="indonesia",
        requested_side="vietnam", deadline=T0 + timedelta(hours=48), now=T0,
    )  # fmt: skip


def test_secretariat_then_supervisors_are_told_once(request_due, secretary, settings):
    settings.HOTLINE_SUPERVISOR_AFTER_MINUTES = 15
    create_user("sup", roles.SUPERVISOR, PASSWORD)
    deadline = request_due.deadline

    assert escalation.check_deadlines(deadline - timedelta(seconds=1)) == {}
    assert escalation.check_deadlines(deadline) == {1: [request_due.pk]}
    assert escalation.check_deadlines(deadline + timedelta(minutes=1)) == {}  # once
    told = Notification.objects.filter(event=escalation.REQUEST_OVERDUE)
    assert [n.recipient for n in told] == [secretary]
    assert "Locate a suspect" in told.get().text
    assert told.get().get_event_display() == "cooperation request overdue"  # the label its e-mail starts with

    assert escalation.check_deadlines(deadline + timedelta(minutes=15)) == {2: [request_due.pk]}
    assert escalation.check_deadlines(deadline + timedelta(hours=5)) == {}
    assert set(told.values_list("recipient__username", flat=True)) == {"dina", "sup"}
    notes = list(
        RequestEvent.objects.filter(request=request_due, by_name="deadline check").values_list("note")
    )
    assert notes == [
        ("deadline passed: told the secretariat (dina)",),
        ("deadline passed: told the supervisors (sup)",),
    ]


def test_an_answered_request_is_not_escalated(request_due, secretary):
    services.set_request_status(secretary, request_due, "answered", now=T0 + timedelta(hours=1))
    assert escalation.check_deadlines(request_due.deadline + timedelta(days=3)) == {}
    assert CooperationRequest.objects.get(pk=request_due.pk).escalation == 0


def test_bad_requests_are_refused_and_store_nothing(seeded, secretary):
    before = CooperationRequest.objects.count()
    with pytest.raises(ProgrammeError, match="must differ"):
        services.create_request(
            secretary, "evidence", "x", requesting_side="vietnam", requested_side="vietnam",
            deadline=T0 + timedelta(days=1), now=T0,
        )  # fmt: skip
    with pytest.raises(ProgrammeError, match="in the future"):
        services.create_request(
            secretary, "evidence", "x", requesting_side="vietnam", requested_side="indonesia",
            deadline=T0, now=T0,
        )  # fmt: skip
    with pytest.raises(ProgrammeError, match="unknown request type"):
        services.create_request(
            secretary, "arrest", "x", requesting_side="vietnam", requested_side="indonesia",
            deadline=T0 + timedelta(days=1), now=T0,
        )  # fmt: skip
    assert CooperationRequest.objects.count() == before


def test_the_worker_schedules_the_check_every_minute(db):
    first = schedule.enqueue_due(T0)
    assert "programme-check-deadlines" in first
    assert "programme-check-deadlines" not in schedule.enqueue_due(T0 + timedelta(seconds=30))
    assert "programme-check-deadlines" in schedule.enqueue_due(T0 + timedelta(minutes=1))
