"""The original content is kept only when asked, encrypted with the node's key (keys/peace-content.key), shown
blurred first and decrypted only for a reviewer who asks (the audited call)."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from hotline.peace import content, services
from hotline.peace.errors import NotAllowed, PeaceError
from tests.peace import media


def test_the_stored_file_does_not_contain_the_content(coordinator, bank):
    data = media.image(5)
    entry = services.add_content(coordinator, bank, data, services.Labels(), keep_content=True)
    stored = (Path(settings.MEDIA_ROOT) / "peace" / entry.content_file).read_bytes()
    assert data not in stored and data[:64] not in stored
    key = Path(settings.KEYS_DATA_DIR) / "keys" / content.KEY_NAME
    assert key.stat().st_mode & 0o777 == 0o600


def test_a_reviewer_reveals_the_original(coordinator, reviewer, bank):
    data = media.image(6)
    entry = services.add_content(coordinator, bank, data, services.Labels(), keep_content=True)
    assert services.reveal_content(reviewer, entry) == data


def test_the_preview_is_a_small_blurred_picture(coordinator, reviewer, bank):
    data = media.image(7)
    entry = services.add_content(coordinator, bank, data, services.Labels(), keep_content=True)
    preview = services.preview(reviewer, entry)
    with Image.open(io.BytesIO(preview)) as picture:
        assert max(picture.size) <= content.PREVIEW_SIZE
        # Blurred: neighbouring pixels barely differ.
        grey = picture.convert("L")
        row = [grey.getpixel((x, grey.height // 2)) for x in range(grey.width)]
        assert max(abs(a - b) for a, b in zip(row, row[1:], strict=False)) <= 6


def test_nothing_is_kept_unless_asked(coordinator, bank):
    entry = services.add_content(coordinator, bank, media.image(8), services.Labels())
    with pytest.raises(PeaceError, match="not kept"):
        services.reveal_content(coordinator, entry)


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_only_bank_readers_reveal(actors, coordinator, bank, who):
    entry = services.add_content(coordinator, bank, media.image(9), services.Labels(), keep_content=True)
    with pytest.raises(NotAllowed):
        services.reveal_content(actors[who], entry)
    with pytest.raises(NotAllowed):
        services.preview(actors[who], entry)


def test_tlp_red_entries_are_for_coordinators_only(coordinator, reviewer, bank):
    entry = services.add_content(
        coordinator, bank, media.image(10), services.Labels(tlp="red"), keep_content=True
    )
    with pytest.raises(NotAllowed):
        services.reveal_content(reviewer, entry)
    assert services.reveal_content(coordinator, entry)
