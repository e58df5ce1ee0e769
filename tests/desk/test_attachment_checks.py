"""Attachments: a size limit, the type read from the content (never the name), a SHA-256, and a refused
file stores nothing at all."""

import hashlib
import zlib

import pytest

from hotline.desk import attachments, services
from hotline.desk.attachments import AttachmentFile
from hotline.desk.errors import AttachmentRejected
from hotline.desk.models import Attachment, Message
from hotline.intel.models import StixObject
from tests.desk.conftest import T0, draft

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56


def test_a_file_is_stored_with_its_checksum_and_detected_type(desk, settings):
    message = services.send(desk.alice, draft(attachments=[AttachmentFile("photo.jpg", PNG)]), now=T0)

    attachment = message.attachments.get()
    assert attachment.mime_type == "image/png"  # from the content; the name says jpg
    assert attachment.sha256 == hashlib.sha256(PNG).hexdigest()
    assert attachment.size == len(PNG) and attachment.name == "photo.jpg"
    stored = settings.MEDIA_ROOT / attachment.file.name
    assert stored.read_bytes() == PNG and stored.name == attachment.sha256


def test_text_is_accepted_as_text(desk):
    text = "Tersangka terlihat di Batam.\nNghi phạm đã được nhìn thấy.\n".encode()

    message = services.send(desk.alice, draft(attachments=[AttachmentFile("note.txt", text)]), now=T0)

    assert message.attachments.get().mime_type == "text/plain"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("report.pdf", EXE, "application/x-msdownload are not accepted"),
        ("notes.txt", ELF, "application/x-executable are not accepted"),
        ("data.bin", bytes(range(256)) * 4, "unknown type of content"),
        ("archive.txt", zlib.compress(b"x" * 1000), "unknown type of content"),
        ("empty.txt", b"", "the file is empty"),
    ],
)
def test_a_disallowed_type_is_refused_whatever_its_name(desk, name, data, reason):
    with pytest.raises(AttachmentRejected, match=reason) as refused:
        services.send(desk.alice, draft(attachments=[AttachmentFile(name, data)]), now=T0)

    assert refused.value.field == "attachments"


def test_the_size_limit(desk, settings):
    settings.HOTLINE_ATTACHMENT_MAX_BYTES = 1000

    services.send(desk.alice, draft(attachments=[AttachmentFile("ok.txt", b"a" * 1000)]), now=T0)
    with pytest.raises(AttachmentRejected, match="1,001 bytes is over the limit of 1,000 bytes"):
        services.send(desk.alice, draft(attachments=[AttachmentFile("big.txt", b"a" * 1001)]), now=T0)


def test_the_limit_is_checked_before_an_upload_or_file_is_read(settings, tmp_path):
    settings.HOTLINE_ATTACHMENT_MAX_BYTES = 10

    class Upload:
        name, size = "big.txt", 11

        def read(self, n=-1):
            raise AssertionError("read although too large")

    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 11)
    with pytest.raises(AttachmentRejected, match="over the limit"):
        attachments.from_upload(Upload())
    with pytest.raises(AttachmentRejected, match="over the limit"):
        attachments.from_path(big)


def test_a_refused_file_among_good_ones_stores_nothing(desk, settings):
    files = [AttachmentFile("a.png", PNG), AttachmentFile("b.exe", EXE)]
    before = StixObject.objects.count()

    with pytest.raises(AttachmentRejected):
        services.send(desk.alice, draft(attachments=files), now=T0)

    assert Message.objects.count() == 0 and Attachment.objects.count() == 0
    assert StixObject.objects.count() == before
    assert not (settings.MEDIA_ROOT / "desk").exists()


def test_the_same_file_twice_is_attached_once(desk):
    message = services.send(
        desk.alice, draft(attachments=[AttachmentFile("a.png", PNG), AttachmentFile("b.png", PNG)]), now=T0
    )

    assert message.attachments.count() == 1
