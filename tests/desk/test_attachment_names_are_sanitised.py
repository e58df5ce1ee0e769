"""An attachment's name is only a name: no directories, no traversal, no control characters; and the file is
stored under its checksum, so no name can choose where it lands."""

import pytest

from hotline.desk import services
from hotline.desk.attachments import AttachmentFile, sanitise_name
from tests.desk.conftest import T0, draft


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system32\\cmd.exe", "cmd.exe"),
        ("/absolute/path/report.pdf", "report.pdf"),
        ("C:\\Users\\x\\report.pdf", "report.pdf"),
        ("..", "attachment"),
        ("...", "attachment"),
        ("", "attachment"),
        (".hidden", "hidden"),
        ("name\x00.txt", "name.txt"),
        ("line\nbreak.txt", "linebreak.txt"),
        ("a..b.txt", "a.b.txt"),
        ("laporan <final>;rm -rf.txt", "laporan _final_rm -rf.txt"),
        ("báo cáo tình hình.txt", "báo cáo tình hình.txt"),
        ("ｆｕｌｌｗｉｄｔｈ.txt", "fullwidth.txt"),
    ],
)
def test_sanitise_name(given, kept):
    assert sanitise_name(given) == kept


def test_a_long_name_keeps_its_extension():
    name = sanitise_name("x" * 400 + ".pdf")

    assert len(name) == 150 and name.endswith("x.pdf")


def test_a_traversal_name_cannot_write_outside_the_media_root(desk, settings, tmp_path):
    message = services.send(
        desk.alice, draft(attachments=[AttachmentFile("../../../../outside.txt", b"hello\n")]), now=T0
    )

    attachment = message.attachments.get()
    stored = (settings.MEDIA_ROOT / attachment.file.name).resolve()
    assert attachment.name == "outside.txt"
    assert stored.is_relative_to(settings.MEDIA_ROOT.resolve())
    assert not (tmp_path.parent / "outside.txt").exists()
