"""Each user's iCalendar feed, private by a token in its URL: it parses back with `icalendar`, holds the
meetings, activities, due dates of open points and request deadlines with reminders (VALARM) before them;
a wrong or rotated token gets nothing, and a user without programme.read gets nothing."""

from datetime import timedelta

import icalendar
from django.test import Client
from django.utils import timezone

from hotline.programme import calendar, services
from tests.signin import signed_in_client


def _feed_url(client) -> str:
    page = client.get("/programme/calendar/").content.decode()
    start = page.index("http://testserver/programme/calendar/")
    return page[start : page.index('"', start)].removeprefix("http://testserver")


def test_the_feed_parses_back_with_reminders(seeded, secretary):
    services.create_request(
        secretary, "information", "Travel records", requesting_side="indonesia", requested_side="vietnam",
        deadline=timezone.now() + timedelta(days=3),
    )  # fmt: skip
    url = _feed_url(signed_in_client(secretary))
    response = Client().get(url)  # no session: the token is the key
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")

    parsed = icalendar.Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in parsed.walk("VEVENT")}
    assert "2nd Joint Working Group on Counter Terrorism" in events
    assert str(events["2nd Joint Working Group on Counter Terrorism"]["dtstart"].dt) == "2025-06-18"
    assert "seminar / workshop: Workshop: Use of AI by terrorist networks" in events
    due = events["Due: JWG-2 point 3"]
    (alarm,) = due.walk("VALARM")
    assert alarm["trigger"].dt == -calendar.POINT_REMINDER
    deadline = events["Deadline: law-enforcement request: Travel records"]
    assert deadline.walk("VALARM")[0]["trigger"].dt == -calendar.REQUEST_REMINDER
    assert "Due: JWG-2 point 1" in events  # in progress: still open


def test_wrong_or_rotated_tokens_and_other_users_get_nothing(seeded, secretary, actors):
    client = signed_in_client(secretary)
    old = _feed_url(client)
    assert Client().get("/programme/calendar/not-a-token.ics").status_code == 404
    client.post("/programme/calendar/")
    assert Client().get(old).status_code == 404
    assert Client().get(_feed_url(client)).status_code == 200
    # charlie has no programme.read: a token made for him opens nothing
    token = calendar.token_for(actors["charlie"])
    assert Client().get(f"/programme/calendar/{token}.ics").status_code == 404
