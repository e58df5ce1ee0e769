"""The duty roster page: who is on duty now, the shifts; supervisors add and remove shifts (with a handover
note); officers write the handover note of their own shifts only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hotline.desk import roster
from hotline.desk.models import DutyShift
from tests.desk.conftest import T0
from tests.desk.views_support import client_for


def local(dt) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M")


def added():
    """Shifts other than the one the desk fixture puts around T0."""
    return DutyShift.objects.exclude(starts_at=T0 - timedelta(hours=1))


@pytest.fixture
def now_shift(desk):
    now = timezone.now()
    return roster.add_shift(desk.sam, desk.alice, now - timedelta(hours=2), now + timedelta(hours=6), "Quiet")


def test_who_is_on_duty_and_the_shifts(desk, now_shift):
    page = client_for(desk.ana).get("/desk/roster/").content.decode()

    assert '<p class="on-duty"><strong>alice</strong>' in page
    assert '<tr class="current">' in page and "Quiet" in page
    assert 'name="officer"' not in page  # the analyst does not manage the roster


def test_a_supervisor_adds_a_shift_with_a_handover_note(desk):
    start = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)

    response = client_for(desk.sam).post(
        "/desk/roster/",
        {
            "officer": desk.alice.pk,
            "starts_at": local(start),
            "ends_at": local(start + timedelta(hours=8)),
            "handover_note": "Watch the Batam ferry",
        },
        follow=True,
    )

    shift = added().get()
    assert (shift.officer, shift.starts_at, shift.handover_note) == (
        desk.alice,
        start,
        "Watch the Batam ferry",
    )
    assert "The shift has been added." in response.content.decode()


def test_a_shift_must_end_after_it_starts(desk):
    start = timezone.now() + timedelta(days=1)

    response = client_for(desk.sam).post(
        "/desk/roster/", {"officer": desk.alice.pk, "starts_at": local(start), "ends_at": local(start)}
    )

    page = response.content.decode()
    ends = page[page.index('for="id_ends_at"') :][:700]
    assert response.status_code == 400 and "A shift must end after it starts." in ends
    assert not added().exists()


def test_only_officers_and_supervisors_can_be_on_duty(desk):
    start = timezone.now() + timedelta(days=1)

    response = client_for(desk.sam).post(
        "/desk/roster/",
        {"officer": desk.ana.pk, "starts_at": local(start), "ends_at": local(start + timedelta(hours=1))},
    )

    assert response.status_code == 400 and not added().exists()


def test_an_officer_may_not_add_shifts(desk):
    start = timezone.now() + timedelta(days=1)
    client = client_for(desk.alice)

    assert 'name="officer"' not in client.get("/desk/roster/").content.decode()
    response = client.post(
        "/desk/roster/",
        {"officer": desk.alice.pk, "starts_at": local(start), "ends_at": local(start + timedelta(hours=1))},
    )
    assert response.status_code == 403 and not added().exists()


def test_an_officer_writes_the_handover_note_of_an_own_shift(desk, now_shift):
    client_for(desk.alice).post(
        f"/desk/roster/{now_shift.pk}/handover/", {f"shift-{now_shift.pk}-handover_note": "All calm"}
    )

    now_shift.refresh_from_db()
    assert now_shift.handover_note == "All calm"


def test_but_not_of_someone_elses(desk):
    now = timezone.now()
    theirs = roster.add_shift(
        desk.sam, desk.sam, now + timedelta(hours=6), now + timedelta(hours=14), "Sam's"
    )
    client = client_for(desk.alice)

    page = client.get("/desk/roster/").content.decode()
    assert f"/desk/roster/{theirs.pk}/handover/" not in page
    response = client.post(f"/desk/roster/{theirs.pk}/handover/", {f"shift-{theirs.pk}-handover_note": "x"})

    theirs.refresh_from_db()
    assert response.status_code == 403 and theirs.handover_note == "Sam's"


def test_a_supervisor_removes_a_shift_and_an_officer_may_not(desk, now_shift):
    assert client_for(desk.alice).post(f"/desk/roster/{now_shift.pk}/remove/").status_code == 403
    assert DutyShift.objects.filter(pk=now_shift.pk).exists()

    client_for(desk.sam).post(f"/desk/roster/{now_shift.pk}/remove/")

    assert not DutyShift.objects.filter(pk=now_shift.pk).exists()


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_the_partner_account_and_charlie_see_no_roster(desk, now_shift, who):
    client = client_for(getattr(desk, who))

    assert client.get("/desk/roster/").status_code == 403
    assert client.post(f"/desk/roster/{now_shift.pk}/handover/", {}).status_code == 403
