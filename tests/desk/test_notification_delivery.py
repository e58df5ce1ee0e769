"""Notifications appear in the app at once; email and the webhook are sent by the worker (deliver_pending),
each notification once, never with the message's body (nor, for TLP:RED, its subject)."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail

from hotline.desk import inbound, notifications
from hotline.desk.models import Notification
from tests.desk.conftest import T0, partner_message


@pytest.fixture
def webhook(settings):
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.HOTLINE_WEBHOOK_URL = f"http://127.0.0.1:{server.server_port}/hook"
    yield received
    server.shutdown()
    server.server_close()


@pytest.fixture
def alice_with_email(desk):
    desk.alice.email = "alice@bnpt.example"
    desk.alice.save()
    return desk


def test_in_app_at_once_and_nothing_sent_until_the_worker_runs(alice_with_email, webhook):
    message = inbound.receive_message(partner_message(), partner=alice_with_email.mps, now=T0)

    assert notifications.unread_count(alice_with_email.alice) == 1
    assert mail.outbox == [] and webhook == []

    assert notifications.deliver_pending(T0 + timedelta(seconds=5)) == 1
    assert notifications.deliver_pending(T0 + timedelta(seconds=10)) == 0  # once

    (email,) = mail.outbox
    assert email.to == ["alice@bnpt.example"]
    assert (
        email.subject
        == "[Hotline] URGENT rfi from Ministry of Public Security (Viet Nam): " + message.subject
    )
    assert message.body not in email.body
    (posted,) = webhook
    assert posted["event"] == "new_message" and posted["recipient"] == "alice"
    assert posted["message"]["id"] == message.stix_id and posted["message"]["priority"] == "urgent"
    sent = Notification.objects.get()
    assert sent.emailed_at and sent.webhook_at and sent.delivery_error == ""


def test_red_messages_are_announced_without_their_subject(alice_with_email, webhook):
    message = inbound.receive_message(partner_message(tlp="red"), partner=alice_with_email.mps, now=T0)

    notifications.deliver_pending(T0)

    assert message.subject not in mail.outbox[0].subject and "(TLP:RED)" in mail.outbox[0].subject
    assert message.subject not in json.dumps(webhook[0])


def test_a_failing_webhook_is_recorded_and_does_not_stop_the_email(alice_with_email, settings):
    settings.HOTLINE_WEBHOOK_URL = "http://127.0.0.1:9/nothing-listens-here"
    inbound.receive_message(partner_message(), partner=alice_with_email.mps, now=T0)

    notifications.deliver_pending(T0)

    notification = Notification.objects.get()
    assert len(mail.outbox) == 1 and notification.webhook_at is None
    assert notification.delivery_error.startswith("webhook:")


def test_marking_read_touches_only_ones_own(desk):
    inbound.receive_message(partner_message(), partner=desk.mps, now=T0 + timedelta(days=3))  # nobody on duty
    assert notifications.unread_count(desk.alice) == notifications.unread_count(desk.sam) == 1

    notifications.mark_read(desk.alice, now=T0)

    assert notifications.unread_count(desk.alice) == 0 and notifications.unread_count(desk.sam) == 1


def test_delivery_is_queued_for_the_worker_after_commit(desk, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        inbound.receive_message(partner_message(), partner=desk.mps, now=T0)

    assert DBTaskResult.objects.filter(task_path="hotline.desk.tasks.deliver_notifications").exists()
    assert mail.outbox == []  # queued, not sent inside the caller
