"""Bootcamps: place, dates, trainers; participants added by external id (the cohort of those without one);
attendance recorded within the bootcamp's days. Only a coordinator changes them."""

import datetime

import pytest

from hotline.audit.models import Record
from hotline.peace.campaigns import registry
from hotline.peace.campaigns.models import Ambassador, Attendance, Bootcamp
from hotline.peace.errors import NotAllowed, PeaceError

SURABAYA = {
    "code": "2026-surabaya",
    "name": "Bootcamp Surabaya 2026",
    "place": "Surabaya",
    "province": "jatim",
    "starts_on": "2026-02-02",
    "ends_on": "05/02/2026",
    "trainers": "Dian Kusuma\n\n  Yusuf Hakim  \n",
}


def test_a_coordinator_creates_a_bootcamp(coordinator):
    bootcamp = registry.create_bootcamp(coordinator, SURABAYA)

    assert bootcamp.province == "Jawa Timur" and bootcamp.ends_on == datetime.date(2026, 2, 5)
    assert bootcamp.trainers == "Dian Kusuma\nYusuf Hakim" and registry.bootcamp_length(bootcamp) == 4
    assert Record.objects.filter(action="campaigns.bootcamp.create", target="2026-surabaya").exists()
    with pytest.raises(PeaceError, match="exists already"):
        registry.create_bootcamp(coordinator, SURABAYA)


def test_a_bootcamp_with_bad_fields_is_refused(coordinator):
    with pytest.raises(PeaceError) as refused:
        registry.create_bootcamp(
            coordinator, {**SURABAYA, "code": "two words", "ends_on": "2026-01-01", "place": ""}
        )
    message = str(refused.value)
    assert "code: 'two words'" in message and "place: is required" in message
    assert "ends_on: is before starts_on" in message
    assert not Bootcamp.objects.exists()


def test_participants_and_their_attendance(coordinator, bootcamp, ambassador, second_ambassador):
    surabaya = registry.create_bootcamp(coordinator, SURABAYA)
    loner = registry.create_ambassador(
        coordinator, {"external_id": "DD-0009", "name": "Yusuf", "province": "Bali", "languages": "id",
                      "skills": "it"},
    )  # fmt: skip

    assert registry.add_participants(coordinator, surabaya, ["DD-0001", "DD-0009", " "]) == 2
    assert registry.add_participants(coordinator, surabaya, ["DD-0001"]) == 0
    with pytest.raises(PeaceError, match="no ambassador with the external id DD-9999"):
        registry.add_participants(coordinator, surabaya, ["DD-0002", "DD-9999"])
    assert [a.ambassador.external_id for a in registry.participants(coordinator, surabaya)] == [
        "DD-0001", "DD-0009",
    ]  # fmt: skip
    # The cohort of an ambassador who had none; an ambassador's own cohort is kept.
    assert Ambassador.objects.get(pk=loner.pk).cohort == surabaya
    assert Ambassador.objects.get(pk=ambassador.pk).cohort == bootcamp

    rows = {a.ambassador.external_id: a.pk for a in registry.participants(coordinator, surabaya)}
    assert (
        registry.record_attendance(
            coordinator, surabaya, {rows["DD-0001"]: (4, True), rows["DD-0009"]: (2, False)}
        )
        == 2
    )
    assert registry.attendance_summary(surabaya) == {
        "participants": 2, "completed": 1, "days": 6, "possible_days": 8,
    }  # fmt: skip
    with pytest.raises(PeaceError, match="between 0 and 4"):
        registry.record_attendance(coordinator, surabaya, {rows["DD-0009"]: (5, True)})
    other = Attendance.objects.create(bootcamp=bootcamp, ambassador=second_ambassador)
    with pytest.raises(PeaceError, match="another bootcamp"):
        registry.record_attendance(coordinator, surabaya, {other.pk: (1, True)})
    assert Attendance.objects.get(pk=rows["DD-0009"]).days_attended == 2
    assert Record.objects.get(action="campaigns.bootcamp.attendance").detail == {
        "rows": {"DD-0001": [4, True], "DD-0009": [2, False]}
    }


def test_only_a_coordinator_changes_bootcamps(actors, reviewer, ambassador, bootcamp):
    for user in [*actors.values(), reviewer, ambassador.user]:
        with pytest.raises(NotAllowed):
            registry.create_bootcamp(user, SURABAYA)
        with pytest.raises(NotAllowed):
            registry.add_participants(user, bootcamp, ["DD-0001"])
        with pytest.raises(NotAllowed):
            registry.record_attendance(user, bootcamp, {})
    assert list(Bootcamp.objects.values_list("code", flat=True)) == ["2025-medan"]
    assert not Attendance.objects.exists()
    assert [b.code for b in registry.bootcamps(reviewer)] == ["2025-medan"]
    for user in [*actors.values(), ambassador.user]:
        with pytest.raises(NotAllowed):
            registry.bootcamps(user)
