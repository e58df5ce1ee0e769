"""The secretariat changes a point's status and adds evidence from its page; the timeline shows history,
evidence and activities; refused input is shown and changes nothing."""

from hotline.programme.models import AgreedPoint, Evidence
from tests.signin import signed_in_client


def test_status_and_evidence_through_the_page(seeded, secretary):
    point = AgreedPoint.objects.get(number=2)
    client = signed_in_client(secretary)
    response = client.post(f"/programme/points/{point.pk}/", {"status": "done", "note": "Workshop held"})
    assert response.status_code == 302
    client.post(
        f"/programme/points/{point.pk}/",
        {"action": "evidence", "kind": "link", "title": "Thread with MPS", "reference": "/desk/inbox/"},
    )
    page = client.get(f"/programme/points/{point.pk}/").content.decode()
    assert AgreedPoint.objects.get(pk=point.pk).status == "done"
    assert "Workshop held" in page and "Thread with MPS" in page
    assert "Workshop: Use of AI by terrorist networks" in page  # the activity in the timeline


def test_a_refused_step_is_shown_and_changes_nothing(seeded, secretary):
    point = AgreedPoint.objects.get(number=4)  # agreed: cannot jump to done
    client = signed_in_client(secretary)
    response = client.post(f"/programme/points/{point.pk}/", {"status": "done"}, follow=True)
    assert "cannot become done" in response.content.decode()
    assert AgreedPoint.objects.get(pk=point.pk).status == "agreed"
    response = client.post(
        f"/programme/points/{point.pk}/",
        {"action": "evidence", "kind": "link", "title": "x", "reference": "javascript:alert(1)"},
        follow=True,
    )
    assert "is a path in Hotline" in response.content.decode()
    assert not Evidence.objects.filter(point=point).exists()
