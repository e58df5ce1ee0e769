"""Size limits on every web upload: a request body over HOTLINE_WEB_MAX_REQUEST_BYTES is refused (413) from
its Content-Length before it is read, more files than DATA_UPLOAD_MAX_NUMBER_FILES is a 400, and a single
file over HOTLINE_ATTACHMENT_MAX_BYTES is named next to its field (tests/desk/test_views_compose.py).
Nothing is stored in any case: no message, no attachment, no file. (TAXII's own limit:
tests/taxii/test_request_size_limit.py.)"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hotline.desk.models import Attachment, Message
from tests.desk.test_views_compose import form
from tests.desk.views_support import incoming
from tests.signin import signed_in_client
from tests.web.security_support import desk_fixtures

desk, _files_in_tmp = desk_fixtures.desk, desk_fixtures._files_in_tmp  # the desk's fixtures, used here too

pytestmark = pytest.mark.django_db


def nothing_stored(settings) -> bool:
    files = list((settings.MEDIA_ROOT).rglob("*")) if settings.MEDIA_ROOT.exists() else []
    return not Message.objects.exists() and not Attachment.objects.exists() and not files


def test_a_compose_request_over_the_limit_is_refused_before_it_is_read(desk, settings):
    settings.WEB_MAX_REQUEST_BYTES = 50_000
    response = signed_in_client(desk.alice).post(
        "/desk/compose/", form(attachments=[SimpleUploadedFile("big.txt", b"x" * 60_000)])
    )
    assert response.status_code == 413
    assert "at most 48.8\xa0KB in one request" in response.content.decode()
    assert nothing_stored(settings)


def test_a_reply_over_the_limit_is_refused(desk, settings):
    message = incoming(desk)
    settings.WEB_MAX_REQUEST_BYTES = 50_000
    response = signed_in_client(desk.alice).post(
        f"/desk/messages/{message.stix_id}/reply/",
        {"body": "Received.", "attachments": [SimpleUploadedFile("big.txt", b"x" * 60_000)]},
    )
    assert response.status_code == 413
    assert not Message.objects.exclude(pk=message.pk).exists() and not Attachment.objects.exists()


def test_too_many_files_in_one_request_is_refused(desk, settings):
    files = [SimpleUploadedFile(f"note-{n}.txt", b"Batam 21:00\n") for n in range(21)]
    response = signed_in_client(desk.alice).post("/desk/compose/", form(attachments=files))
    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.content.decode()
    assert nothing_stored(settings)


def test_just_under_the_limit_is_accepted(desk, settings):
    """The limit refuses what is over it, not everything."""
    settings.WEB_MAX_REQUEST_BYTES = 50_000
    response = signed_in_client(desk.alice).post(
        "/desk/compose/", form(attachments=[SimpleUploadedFile("note.txt", b"x" * 40_000)])
    )
    assert response.status_code == 302
    assert Attachment.objects.get().size == 40_000
