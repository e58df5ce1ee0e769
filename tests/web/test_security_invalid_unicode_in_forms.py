"""Invalid Unicode in the web's forms: a NUL character is refused next to its field (Django's validator) and
nothing is sent; bytes that are not UTF-8 in a form body are read as U+FFFD replacement characters (or, raw,
as ISO-8859-1), never a server error; a file name that is not UTF-8 is kept printable."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hotline.desk.models import Attachment, Message
from tests.desk.test_views_compose import field_html, form
from tests.signin import signed_in_client
from tests.web.security_support import desk_fixtures

desk, _files_in_tmp = desk_fixtures.desk, desk_fixtures._files_in_tmp  # the desk's fixtures, used here too

pytestmark = pytest.mark.django_db


def test_a_nul_character_in_a_field_is_refused_and_nothing_is_sent(desk):
    response = signed_in_client(desk.alice).post("/desk/compose/", form(subject="Ferry\x00terminal"))
    assert response.status_code == 400  # the compose page again, with the error
    assert "Null characters are not allowed." in field_html(response.content.decode(), "subject")
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        (
            b"Ferry%20%FF%FE",
            "Ferry \ufffd\ufffd",
        ),  # percent-encoded, as browsers send: replacement characters
        (b"Ferry \xff\xfe", "Ferry \xff\xfe"),  # raw bytes: Django reads the whole body as ISO-8859-1
    ],
)
def test_bytes_that_are_not_utf8_are_read_without_a_server_error(desk, sent, stored):
    fields = form(subject="PLACEHOLDER")
    body = "&".join(f"{k}={v}" for k, v in fields.items()).encode().replace(b"PLACEHOLDER", sent)
    response = signed_in_client(desk.alice).post(
        "/desk/compose/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    assert Message.objects.get().subject == stored


def test_a_file_name_that_is_not_utf8_is_kept_readable(desk):
    upload = SimpleUploadedFile("note\udcff.txt".encode("utf-8", "surrogateescape").decode("latin-1"), b"x\n")
    response = signed_in_client(desk.alice).post("/desk/compose/", form(attachments=[upload]))
    assert response.status_code == 302
    name = Attachment.objects.get().name
    assert name.endswith(".txt") and name.isprintable()
