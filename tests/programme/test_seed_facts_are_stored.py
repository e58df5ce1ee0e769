"""The demo's programme holds the seed's facts: the MoU (December 2022), JWG-1 (Hanoi, December 2023), JWG-2
(BNPT, Jakarta, 18 June 2025) with both delegation heads, the five agreed points in three languages, and
activities under them; seeding twice stores nothing new."""

from datetime import date

from hotline.programme import seed
from hotline.programme.models import Activity, AgreedPoint, Framework, Meeting


def test_the_seed_facts(seeded):
    assert Framework.objects.get().signed_text == "December 2022"
    jwg1 = Meeting.objects.get(code="JWG-1")
    assert (jwg1.place, jwg1.date_text) == ("Hanoi", "December 2023")
    jwg2 = Meeting.objects.get(code="JWG-2")
    assert (jwg2.place, jwg2.date) == ("BNPT, Jakarta", date(2025, 6, 18))
    heads = dict(jwg2.delegations.values_list("side", "head"))
    assert "Andhika Chrisnayudhanto" in heads["indonesia"]
    assert "Pham The Tung" in heads["vietnam"]
    points = list(AgreedPoint.objects.filter(meeting=jwg2).order_by("number"))
    assert [p.number for p in points] == [1, 2, 3, 4, 5]
    assert "Hotline" in points[0].text("en") and "Hotline" in points[0].text("id")
    assert "AI" in points[1].text("vi") and "SOMTC" in points[3].text("id")
    workshop = Activity.objects.get(kind="workshop")
    assert workshop.theme == "Use of AI by terrorist networks" and workshop.point == points[1]
    assert Activity.objects.get(kind="forum").get_forum_display() == "SOMTC"


def test_seeding_twice_stores_nothing_new(seeded):
    counts = (AgreedPoint.objects.count(), Activity.objects.count(), Meeting.objects.count())
    seed.seed()
    assert (AgreedPoint.objects.count(), Activity.objects.count(), Meeting.objects.count()) == counts
