"""A user's iCalendar feed of the programme: meetings and activities as events, the due dates of open
agreed points and the deadlines of pending law-enforcement requests with reminders (VALARM) before them.
Private by a token in its URL; it holds only what the user may see."""

import secrets
from datetime import UTC, date, datetime, timedelta

import icalendar
from django.conf import settings

from hotline.programme import services
from hotline.programme.models import AgreedPoint, CalendarToken, CooperationRequest, Meeting

POINT_REMINDER = timedelta(days=7)
REQUEST_REMINDER = timedelta(hours=24)


def token_for(user) -> str:
    found = CalendarToken.objects.filter(user=user).first()
    return found.token if found else rotate_token(user)


def rotate_token(user) -> str:
    """A new secret: the old feed URL stops working."""
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.update_or_create(user=user, defaults={"token": token})
    return token


def user_of(token: str):
    found = CalendarToken.objects.select_related("user").filter(token=token).first() if token else None
    return found.user if found and found.user.is_active else None


def _uid(kind: str, key) -> str:
    return f"{kind}-{key}@{settings.NODE_NAME}.hotline"


def _alarm(before: timedelta, text: str) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", -before)
    return alarm


def _day_event(uid: str, day: date, summary: str, description: str = "") -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    return event


def feed(user, language: str = "en") -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Hotline//JWG programme//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"JWG programme ({settings.NODE_NAME})")
    if services.policy.can_read_programme(user):
        for meeting in Meeting.objects.exclude(date=None):
            cal.add_component(
                _day_event(_uid("meeting", meeting.uid), meeting.date, meeting.title, meeting.place)
            )
        for activity in services.visible_activities(user).exclude(date=None):
            summary = f"{activity.get_kind_display()}: {activity.title}"
            cal.add_component(
                _day_event(_uid("activity", activity.uid), activity.date, summary, activity.place)
            )
        points = services.visible_points(user).filter(status__in=AgreedPoint.OPEN).exclude(due_date=None)
        for point in points:
            summary = f"Due: {point.meeting.code} point {point.number}"
            event = _day_event(_uid("point", point.uid), point.due_date, summary, point.text(language))
            event.add_component(_alarm(POINT_REMINDER, summary))
            cal.add_component(event)
        for request in services.visible_requests(user).filter(status__in=CooperationRequest.PENDING):
            event = icalendar.Event()
            event.add("uid", _uid("request", request.uid))
            event.add("dtstamp", datetime.now(UTC))
            event.add("dtstart", request.deadline)
            event.add("dtend", request.deadline + timedelta(minutes=30))
            summary = f"Deadline: law-enforcement request: {request.subject}"
            event.add("summary", summary)
            event.add_component(_alarm(REQUEST_REMINDER, summary))
            cal.add_component(event)
    return cal.to_ical()
