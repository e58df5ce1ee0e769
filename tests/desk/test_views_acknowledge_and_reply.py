"""The thread view's Acknowledge and Reply buttons: POST forms with a CSRF token that call the desk's
services; the reply appears in the thread; the analyst sees no buttons and may not press them."""

from django.core.files.uploadedfile import SimpleUploadedFile

from hotline.desk.models import Message
from tests.desk.views_support import client_for, incoming
from tests.signin import signed_in_client


def test_the_thread_offers_acknowledge_and_reply_with_csrf_tokens(desk):
    message = incoming(desk, kind="rfi")

    page = client_for(desk.alice).get(f"/desk/messages/{message.stix_id}/").content.decode()

    assert f'action="/desk/messages/{message.stix_id}/acknowledge/"' in page
    assert f'action="/desk/messages/{message.stix_id}/reply/"' in page
    assert page.count('name="csrfmiddlewaretoken"') >= 3  # acknowledge, reply, language, logout


def test_acknowledge(desk):
    message = incoming(desk)
    client = client_for(desk.alice)

    response = client.post(f"/desk/messages/{message.stix_id}/acknowledge/", follow=True)

    message.refresh_from_db()
    assert message.state == "acknowledged" and message.assigned_to == desk.alice
    assert response.redirect_chain[-1][0] == f"/desk/messages/{message.stix_id}/"
    assert "Acknowledged." in response.content.decode()


def test_reply_with_an_attachment_appears_in_the_thread(desk):
    message = incoming(desk, kind="rfi", subject="Travel history of the suspect")
    client = client_for(desk.alice)

    response = client.post(
        f"/desk/messages/{message.stix_id}/reply/",
        {
            "body": "He flew **Hanoi to Jakarta** on 2 June.",
            "body_format": "markdown",
            "language": "en",
            "attachments": [SimpleUploadedFile("itinerary.txt", b"HAN-CGK 2025-06-02\n")],
        },
        follow=True,
    )

    message.refresh_from_db()
    answer = Message.objects.get(in_reply_to=message)
    assert message.state == "answered"
    assert (answer.kind, answer.direction, answer.partner, answer.body_format) == (
        "reply", "outgoing", desk.mps, "markdown",
    )  # fmt: skip
    assert [a.name for a in answer.attachments.all()] == ["itinerary.txt"]
    page = response.content.decode()
    assert "Your reply has been sent." in page
    assert "<strong>Hanoi to Jakarta</strong>" in page and "itinerary.txt" in page
    thread = client.get(f"/desk/messages/{message.stix_id}/").content.decode()
    assert "Re: Travel history of the suspect" in thread and "<strong>Hanoi to Jakarta</strong>" in thread


def test_a_reply_needs_a_body_shown_next_to_the_field(desk):
    message = incoming(desk, kind="rfi")

    response = client_for(desk.alice).post(
        f"/desk/messages/{message.stix_id}/reply/", {"body": "  ", "body_format": "text"}
    )

    page = response.content.decode()
    assert response.status_code == 400
    field = page[page.index('id="reply_body"') - 400 : page.index('id="reply_body"') + 400]
    assert "This field is required." in page[page.index('for="reply_body"') :][:800]
    assert 'aria-invalid="true"' in field
    assert Message.objects.get(pk=message.pk).state == "received"


def test_a_post_without_the_csrf_token_is_refused(desk):
    message = incoming(desk)
    client = signed_in_client(desk.alice, enforce_csrf_checks=True)

    response = client.post(f"/desk/messages/{message.stix_id}/acknowledge/")

    assert response.status_code == 403
    assert Message.objects.get(pk=message.pk).state == "received"


def test_the_analyst_sees_no_buttons_and_may_not_press_them(desk):
    message = incoming(desk, kind="rfi")
    client = client_for(desk.ana)

    page = client.get(f"/desk/messages/{message.stix_id}/").content.decode()
    assert "/acknowledge/" not in page and "/reply/" not in page

    assert client.post(f"/desk/messages/{message.stix_id}/acknowledge/").status_code == 403
    assert client.post(f"/desk/messages/{message.stix_id}/reply/", {"body": "x"}).status_code == 403
    assert Message.objects.get(pk=message.pk).state == "received"


def test_the_partner_account_and_charlie_may_not_act(desk):
    message = incoming(desk)

    for user in (desk.bob, desk.charlie):
        assert client_for(user).post(f"/desk/messages/{message.stix_id}/acknowledge/").status_code == 403
    assert Message.objects.get(pk=message.pk).state == "received"


def test_start_work_and_close(desk):
    message = incoming(desk, kind="rfi")
    client = client_for(desk.alice)

    for action, state in (("acknowledge", "acknowledged"), ("start", "in_progress"), ("close", "closed")):
        client.post(f"/desk/messages/{message.stix_id}/{action}/")
        message.refresh_from_db()
        assert message.state == state
