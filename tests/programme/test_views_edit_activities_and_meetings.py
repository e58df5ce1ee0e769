"""Activities and meetings are edited through their forms by the secretariat: the form shows what is held,
a change is saved as a new version in the record's history (who, which node, the note), bad input is shown
and changes nothing; an officer who reads the programme, a partner's account and a user without clearance
may neither open the forms nor post to them. The pages are in three languages."""

import pytest

from hotline.programme import joint, services
from hotline.programme.models import Activity, AgreedPoint, JointVersion, Meeting
from tests.signin import signed_in_client


@pytest.fixture
def workshop(seeded, secretary):
    point = AgreedPoint.objects.get(number=3)
    return services.create_activity(secretary, point, "workshop", "Workshop on AI", theme="Use of AI",
                                    place="Jakarta", participants_indonesia=10)  # fmt: skip


def test_secretariat_edits_an_activity_and_the_history_keeps_it(workshop, secretary):
    client = signed_in_client(secretary)
    form = client.get(f"/programme/activities/{workshop.pk}/edit/").content.decode()
    assert 'value="Workshop on AI"' in form and 'value="Use of AI"' in form and 'value="10"' in form
    response = client.post(
        f"/programme/activities/{workshop.pk}/edit/",
        {"title": "Workshop on AI and extremism", "theme": "Use of AI", "place": "Bandung",
         "participants_indonesia": "14", "participants_vietnam": "9", "date": "2026-05-04",
         "outcomes": "Shared glossary", "note": "after the workshop"},
    )  # fmt: skip
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert (workshop.title, workshop.place, workshop.participants_indonesia, str(workshop.date)) == (
        "Workshop on AI and extremism", "Bandung", 14, "2026-05-04",
    )  # fmt: skip
    newest = joint.history(workshop)[-1]
    assert (newest.by_name, newest.note, newest.body["participants_vietnam"]) == (
        "dina",
        "after the workshop",
        9,
    )
    assert "Workshop on AI and extremism" in client.get("/programme/activities/").content.decode()


def test_bad_activity_edits_change_nothing(workshop, secretary):
    client = signed_in_client(secretary)
    versions = JointVersion.objects.count()
    for data, error in (
        ({"title": " ", "theme": "Use of AI"}, "the title is required"),
        ({"title": "W", "theme": ""}, "needs its theme"),
        ({"title": "W", "theme": "X", "hours": "many"}, "not a whole number"),
        ({"title": "W", "theme": "X", "date": "soon"}, "not a date"),
    ):
        response = client.post(f"/programme/activities/{workshop.pk}/edit/", data)
        assert response.status_code == 200 and error in response.content.decode()
    workshop.refresh_from_db()
    assert (workshop.title, workshop.theme, workshop.hours) == ("Workshop on AI", "Use of AI", None)
    assert JointVersion.objects.count() == versions


def test_secretariat_edits_a_meeting_and_bad_input_changes_nothing(seeded, secretary):
    meeting = Meeting.objects.get(code="JWG-2")
    client = signed_in_client(secretary)
    assert 'value="JWG-2' not in client.get(f"/programme/meetings/{meeting.pk}/edit/").content.decode()
    form = client.get(f"/programme/meetings/{meeting.pk}/edit/").content.decode()
    assert f'value="{meeting.title}"' in form
    bad = client.post(f"/programme/meetings/{meeting.pk}/edit/",
                      {"title": "T", "place": "", "host_side": "indonesia"})  # fmt: skip
    assert bad.status_code == 200 and "the place is required" in bad.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).title == meeting.title
    response = client.post(
        f"/programme/meetings/{meeting.pk}/edit/",
        {"title": meeting.title, "place": "BNPT, Jakarta", "date": "2025-06-18", "host_side": "indonesia",
         "agenda": meeting.agenda, "minutes": "Five points agreed; minutes signed.", "note": "minutes"},
    )  # fmt: skip
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Five points agreed; minutes signed." and meeting.place == "BNPT, Jakarta"
    assert joint.history(meeting)[-1].note == "minutes"
    point = AgreedPoint.objects.filter(meeting=meeting).first()
    page = client.get(f"/programme/points/{point.pk}/").content.decode()
    assert f"/programme/meetings/{meeting.pk}/edit/" in page and "Versions at both nodes" in page


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_others_may_not_edit(workshop, actors, who):
    meeting = workshop.point.meeting
    client = signed_in_client(actors[who])
    for url, data in (
        (f"/programme/activities/{workshop.pk}/edit/", {"title": "Taken over", "theme": "X"}),
        (
            f"/programme/meetings/{meeting.pk}/edit/",
            {"title": "Taken over", "place": "X", "host_side": "vietnam"},
        ),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
    assert Activity.objects.get(pk=workshop.pk).title == "Workshop on AI"
    assert Meeting.objects.get(pk=meeting.pk).title != "Taken over"
    if who == "alice":  # she reads the programme, without the edit links
        assert "/edit/" not in client.get("/programme/activities/").content.decode()


def test_unknown_records_are_not_found(seeded, secretary):
    client = signed_in_client(secretary)
    assert client.get("/programme/activities/99999/edit/").status_code == 404
    assert client.get("/programme/meetings/99999/edit/").status_code == 404


@pytest.mark.parametrize(
    ("language", "activity_heading", "meeting_heading"),
    [("en", "Edit the activity", "Edit the meeting"), ("id", "Ubah kegiatan", "Ubah pertemuan"),
     ("vi", "Sửa hoạt động", "Sửa cuộc họp")],
)  # fmt: skip
def test_edit_pages_in_three_languages(workshop, secretary, language, activity_heading, meeting_heading):
    client = signed_in_client(secretary, language)
    assert activity_heading in client.get(f"/programme/activities/{workshop.pk}/edit/").content.decode()
    meeting = workshop.point.meeting
    assert meeting_heading in client.get(f"/programme/meetings/{meeting.pk}/edit/").content.decode()
