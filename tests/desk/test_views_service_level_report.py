"""The service-level report page: by month and priority, the messages acknowledged and answered within
their deadline, late and pending, for received, sent or internal messages (the desk's reports service)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hotline.desk import services
from tests.desk.views_support import client_for, incoming


def rows(page: str) -> list[str]:
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return [" ".join(row.split()) for row in body.split("<tr>")[1:]]


def test_received_messages_by_month_and_priority(desk):
    on_time = incoming(desk, kind="rfi", priority="flash")
    services.acknowledge(desk.alice, on_time)
    late = incoming(desk, kind="alert", priority="urgent", at=timezone.now() - timedelta(hours=2))
    services.acknowledge(desk.alice, late)
    incoming(desk, kind="alert", priority="urgent")

    page = client_for(desk.ana).get("/desk/report/").content.decode()

    month = timezone.now().strftime("%B %Y")
    flash, urgent = rows(page)
    assert month in flash and "flash" in flash and "urgent" in urgent
    # messages, ack in time / late / pending / share, reply in time / late / pending / share
    assert "<td>1</td> <td>1</td><td>0</td><td>0</td> <td>100 %</td> <td>0</td><td>0</td><td>1</td>" in flash
    assert "<td>2</td> <td>0</td><td>1</td><td>1</td> <td>0 %</td>" in urgent


def test_sent_messages_measure_the_partner(desk):
    services.send(desk.alice, services.Draft(to="mps", kind="rfi", priority="routine", subject="Q"))

    page = client_for(desk.alice).get("/desk/report/", {"direction": "outgoing"}).content.decode()

    (routine,) = rows(page)
    assert "routine" in routine and '<option value="outgoing" selected>' in page


def test_no_messages_yet(desk):
    assert "No messages yet." in client_for(desk.alice).get("/desk/report/").content.decode()


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_the_partner_account_and_charlie_may_not_see_it(desk, who):
    assert client_for(getattr(desk, who)).get("/desk/report/").status_code == 403
