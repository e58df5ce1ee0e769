"""An agreed point moves along its pipeline; each change is a history row (who, when, note) and an audit
record; a step the pipeline does not allow is refused and changes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hotline.audit.models import Record
from hotline.programme import services
from hotline.programme.errors import ProgrammeError
from hotline.programme.models import AgreedPoint, PointStatusChange


def test_status_changes_are_kept_with_who_when_and_why(seeded, secretary):
    point = AgreedPoint.objects.get(meeting__code="JWG-2", number=3)
    t1 = timezone.now() + timedelta(days=1)
    t2 = t1 + timedelta(days=30)
    services.set_point_status(secretary, point, "in_progress", note="Course designed", now=t1)
    services.set_point_status(secretary, point, "done", note="Delivered", now=t2)

    point.refresh_from_db()
    assert point.status == "done"
    history = list(point.history.values_list("old_status", "new_status", "by_name", "at", "note"))
    assert history[0][:3] == ("", "agreed", "demo")
    assert history[1:] == [
        ("agreed", "in_progress", "dina", t1, "Course designed"),
        ("in_progress", "done", "dina", t2, "Delivered"),
    ]
    assert point.history.last().by == secretary
    assert Record.objects.filter(action="programme.point.status", actor="dina").count() == 2


def test_a_step_outside_the_pipeline_is_refused_and_changes_nothing(seeded, secretary):
    point = AgreedPoint.objects.get(meeting__code="JWG-2", number=4)
    before = PointStatusChange.objects.count()
    with pytest.raises(ProgrammeError, match="cannot become done"):
        services.set_point_status(secretary, point, "done")
    with pytest.raises(ProgrammeError, match="unknown status"):
        services.set_point_status(secretary, point, "finished")
    services.set_point_status(secretary, point, "cancelled")
    with pytest.raises(ProgrammeError, match="allowed: none"):
        services.set_point_status(secretary, point, "in_progress")
    point.refresh_from_db()
    assert point.status == "cancelled"
    assert PointStatusChange.objects.count() == before + 1


def test_a_done_point_can_be_reopened(seeded, secretary):
    point = AgreedPoint.objects.get(meeting__code="JWG-2", number=1)  # in progress in the demo
    services.set_point_status(secretary, point, "done")
    services.set_point_status(secretary, point, "in_progress", note="reopened")
    assert AgreedPoint.objects.get(pk=point.pk).status == "in_progress"
