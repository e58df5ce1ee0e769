"""Path traversal in the file names a partner sends: a message's `attachment_names` such as ../../etc/passwd
or C:\\Windows\\x.dll are reduced to a plain file name, and the file is stored under MEDIA_ROOT by its SHA-256
whatever the name, so no name chooses where a file lands. (Names from the web: tests/desk/
test_attachment_names_are_sanitised.py and test_views_tlp_red_and_attachments.py.)"""

import hashlib

import pytest

from hotline.desk import stix_types
from hotline.desk.models import Message
from hotline.federation.signals import objects_received
from tests.desk.conftest import T0, partner_message
from tests.web.security_support import desk_fixtures

desk, _files_in_tmp = desk_fixtures.desk, desk_fixtures._files_in_tmp  # the desk's fixtures, used here too

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("sent_name", "kept"),
    [
        ("../../../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\System32\\evil.dll", "evil.dll"),
        ("/var/lib/hotline/files/desk/00/x.txt", "x.txt"),
        ("..", "attachment"),
        ("a\x00b/../c.txt", "c.txt"),
    ],
)
def test_a_partners_file_name_cannot_choose_where_the_file_lands(desk, settings, sent_name, kept):
    data = b"Danh sach hanh khach\n"
    digest = hashlib.sha256(data).hexdigest()
    artifact = stix_types.artifact_object(data, mime_type="text/plain", sha256=digest, tlp="amber")
    message = partner_message(attachment_refs=[artifact["id"]], attachment_names=[sent_name])

    objects_received.send(sender=desk.mps, objects=[artifact, message], now=T0)

    attachment = Message.objects.get(stix_id=message["id"]).attachments.get()
    assert attachment.name == kept
    stored = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert stored == [settings.MEDIA_ROOT / "desk" / digest[:2] / digest]
