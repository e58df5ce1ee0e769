"""TLP:RED messages exist only for the people named on them (404 for others, absent from the lists), and
attachments are downloaded as attachments with their checked type, to those who may see the message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hotline.desk import services
from hotline.desk.attachments import AttachmentFile
from tests.desk.views_support import client_for, sent


@pytest.fixture
def red(desk):
    return sent(
        desk, user=desk.sam, to="internal", tlp="red", subject="Name of our source", recipients=[desk.ana],
        attachments=[AttachmentFile("source.txt", b"The source is ...\n")],
    )  # fmt: skip


def test_named_recipients_see_it(desk, red):
    for user in (desk.sam, desk.ana):
        client = client_for(user)
        assert "Name of our source" in client.get("/desk/inbox/").content.decode()
        page = client.get(f"/desk/messages/{red.stix_id}/").content.decode()
        assert 'class="badge tlp-red">TLP:RED</span>' in page


def test_others_do_not_know_it_exists(desk, red):
    client = client_for(desk.alice)

    assert "Name of our source" not in client.get("/desk/inbox/").content.decode()
    assert "Name of our source" not in client.get("/desk/dashboard/").content.decode()
    response = client.get(f"/desk/messages/{red.stix_id}/")
    assert response.status_code == 404 and "Name of our source" not in response.content.decode()
    assert client.post(f"/desk/messages/{red.stix_id}/acknowledge/").status_code == 404
    attachment = red.attachments.get()
    assert client.get(f"/desk/attachments/{attachment.pk}/").status_code == 404


def test_an_attachment_is_downloaded_safely(desk):
    message = services.send(
        desk.alice,
        services.Draft(
            to="internal", kind="notice", priority="routine", subject="Page",
            attachments=[AttachmentFile("page.html", b"<script>alert(1)</script>\n")],
        ),
    )  # fmt: skip
    attachment = message.attachments.get()

    response = client_for(desk.ana).get(f"/desk/attachments/{attachment.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"] == 'attachment; filename="page.html"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>\n"


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_the_partner_account_and_charlie_may_not_download(desk, who):
    message = services.send(
        desk.alice,
        services.Draft(
            to="internal", kind="notice", priority="routine", subject="File",
            attachments=[AttachmentFile("a.txt", b"a\n")],
        ),
    )  # fmt: skip

    assert (
        client_for(getattr(desk, who)).get(f"/desk/attachments/{message.attachments.get().pk}/").status_code
        == 403
    )


def test_an_unknown_attachment_is_not_found(desk):
    assert client_for(desk.alice).get("/desk/attachments/999/").status_code == 404


def test_a_reply_keeps_the_attachment_name_it_was_given(desk):
    message = sent(desk, to="internal", kind="rfi")

    client_for(desk.alice).post(
        f"/desk/messages/{message.stix_id}/reply/",
        {
            "body": "See file",
            "body_format": "text",
            "attachments": [SimpleUploadedFile("../../etc/x.txt", b"x\n")],
        },
    )

    answer = message.replies.get()
    assert [a.name for a in answer.attachments.all()] == ["x.txt"]
