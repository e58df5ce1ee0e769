"""Activities and law-enforcement requests are listed and recorded through their forms; bad input is shown
and stores nothing; an overdue request is marked on the list and the dashboard."""

from datetime import timedelta

from django.utils import timezone

from hotline.programme import services
from hotline.programme.models import Activity, AgreedPoint, CooperationRequest
from tests.signin import signed_in_client


def test_record_an_activity(seeded, secretary):
    point = AgreedPoint.objects.get(number=4)
    client = signed_in_client(secretary)
    response = client.post(
        "/programme/activities/",
        {"point": point.pk, "kind": "forum", "title": "INTERPOL regional conference", "forum": "interpol",
         "forum_meeting": "Asian Regional Conference", "joint_position": "Joint statement",
         "date": "2026-03-03"},
    )  # fmt: skip
    assert response.status_code == 302
    activity = Activity.objects.get(title="INTERPOL regional conference")
    assert (activity.point, activity.forum, str(activity.date)) == (point, "interpol", "2026-03-03")
    assert "INTERPOL regional conference" in client.get("/programme/activities/").content.decode()


def test_bad_activity_input_stores_nothing(seeded, secretary):
    point = AgreedPoint.objects.get(number=3)
    before = Activity.objects.count()
    client = signed_in_client(secretary)
    for data, error in (
        ({"kind": "training", "title": "T"}, "needs its course"),
        ({"kind": "training", "title": "T", "course": "C", "hours": "many"}, "not a whole number"),
        ({"kind": "workshop", "title": "W", "theme": "X", "date": "yesterday"}, "not a date"),
    ):
        response = client.post("/programme/activities/", {"point": point.pk, **data}, follow=True)
        assert error in response.content.decode()
    assert Activity.objects.count() == before


def test_record_and_answer_a_request(seeded, secretary):
    client = signed_in_client(secretary)
    deadline = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/programme/requests/",
        {"request_type": "evidence", "subject": "Seized phone records", "requesting_side": "vietnam",
         "requested_side": "indonesia", "deadline": deadline},
    )  # fmt: skip
    assert response.status_code == 302
    request = CooperationRequest.objects.get(subject="Seized phone records")
    client.post(f"/programme/requests/{request.pk}/status/", {"status": "answered"})
    assert CooperationRequest.objects.get(pk=request.pk).status == "answered"
    response = client.post(
        "/programme/requests/",
        {"request_type": "evidence", "subject": "Past", "requesting_side": "vietnam",
         "requested_side": "indonesia", "deadline": "2020-01-01T10:00"},
        follow=True,
    )  # fmt: skip
    assert "in the future" in response.content.decode()
    assert not CooperationRequest.objects.filter(subject="Past").exists()


def test_overdue_items_on_the_dashboard(seeded, secretary):
    now = timezone.now()
    request = services.create_request(
        secretary, "information", "Travel history of a suspect", requesting_side="indonesia",
        requested_side="vietnam", deadline=now + timedelta(hours=1), now=now - timedelta(days=1),
    )  # fmt: skip
    CooperationRequest.objects.filter(pk=request.pk).update(deadline=now - timedelta(hours=1))
    client = signed_in_client(secretary)
    dashboard = client.get("/programme/").content.decode()
    assert "Travel history of a suspect" in dashboard
    assert "overdue" in client.get("/programme/requests/").content.decode()
