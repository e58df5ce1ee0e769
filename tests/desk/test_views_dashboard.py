"""The dashboard: incoming messages waiting for acknowledgement with live countdowns (data-deadline), requests
waiting for our reply, sent messages waiting for the partner, who is on duty, the partner links (with
their link status: last push and pull, queue, last error) and the user's notifications."""

import re
from datetime import timedelta

from django.utils import timezone

from hotline.desk import roster, services
from hotline.desk.models import Notification
from hotline.federation import services as federation_services
from hotline.federation.models import Partner
from tests.desk.views_support import client_for, incoming, sent


def section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    end = page.find("</section>", start)
    return page[start:end]


def test_an_incoming_flash_alert_is_counted_down(desk):
    alert = incoming(desk, kind="alert", priority="flash", subject="Bomb threat at the ferry terminal")

    page = client_for(desk.alice).get("/desk/dashboard/").content.decode()
    waiting = section(page, "awaiting-ack")

    assert "Bomb threat at the ferry terminal" in waiting
    deadline = alert.ack_due_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert f'data-deadline="{deadline}"' in waiting
    assert re.search(r'role="timer">0:1[45]:\d\d left</time>', waiting)
    assert 'data-left="%s left"' in waiting and 'data-overdue="overdue by %s"' in waiting
    assert "/static/web/countdown.js" in page


def test_an_overdue_acknowledgement_is_marked(desk):
    incoming(desk, kind="alert", priority="flash", at=timezone.now() - timedelta(minutes=20))

    waiting = section(client_for(desk.alice).get("/desk/dashboard/").content.decode(), "awaiting-ack")

    assert 'class="countdown overdue"' in waiting and "overdue by 0:0" in waiting


def test_requests_waiting_for_our_reply_and_sent_messages_waiting_for_the_partner(desk):
    rfi = incoming(desk, kind="rfi", priority="urgent", subject="Travel history please")
    services.acknowledge(desk.alice, rfi)
    ours = sent(desk, kind="rfi", priority="routine", subject="Our question to MPS")

    page = client_for(desk.alice).get("/desk/dashboard/").content.decode()

    assert "Travel history please" in section(page, "awaiting-reply")
    assert rfi.reply_due_at.strftime("%Y-%m-%dT%H:%M:%SZ") in section(page, "awaiting-reply")
    outgoing = section(page, "sent-open")
    assert "Our question to MPS" in outgoing and "Acknowledge:" in outgoing
    assert ours.ack_due_at.strftime("%Y-%m-%dT%H:%M:%SZ") in outgoing


def test_who_is_on_duty_and_the_next_shift(desk):
    now = timezone.now()
    roster.add_shift(desk.sam, desk.alice, now - timedelta(hours=1), now + timedelta(hours=7), "Watch Batam")
    roster.add_shift(desk.sam, desk.sam, now + timedelta(hours=7), now + timedelta(hours=15))

    duty = section(client_for(desk.ana).get("/desk/dashboard/").content.decode(), "on-duty")

    assert "<strong>alice</strong>" in duty and "Watch Batam" in duty and "Next: sam" in duty


def test_nobody_on_duty_is_said_plainly(desk):
    duty = section(client_for(desk.alice).get("/desk/dashboard/").content.decode(), "on-duty")

    assert "Nobody is on duty" in duty


def test_the_partner_links_with_their_deadlines_and_link_status(desk):
    partners = section(client_for(desk.alice).get("/desk/dashboard/").content.decode(), "partners")

    assert "Ministry of Public Security (Viet Nam)" in partners and "<code>mps</code>" in partners
    assert "flash 15m/2h" in partners and "urgent 1h/8h" in partners and "routine 1d/7d" in partners
    # The test partner has no URL: it was never pushed to or pulled from; what waits for it is counted.
    status = federation_services.link_status(Partner.objects.get(name="mps"))
    assert "Push:" in partners and "Pull:" in partners and partners.count("never") == 2
    assert f"Queued: {status['push']['queue']}" in partners


def test_notifications_are_listed_and_can_be_marked_read(desk):
    now = timezone.now()
    roster.add_shift(desk.sam, desk.alice, now - timedelta(hours=1), now + timedelta(hours=7))
    incoming(desk, subject="Notify me")
    client = client_for(desk.alice)

    assert "Notify me" in section(client.get("/desk/dashboard/").content.decode(), "notes")
    response = client.post("/desk/notifications/read/")

    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=desk.alice, read_at__isnull=True).exists()
    assert "No unread notifications." in client.get("/desk/dashboard/").content.decode()
