"""An upload is typed from its bytes (filetype), hashed with every signal of its type; images whose PDQ
quality is below 50 are refused with a clear message, as is anything that is not an image, video, PDF or
text."""

import pytest

from hotline.peace import services, signals
from hotline.peace.errors import NotAllowed, PeaceError
from hotline.peace.models import BankEntry
from tests.peace import media


def test_an_image_gets_pdq_md5_and_sha256(coordinator, bank):
    data = media.image(1)
    labels = services.Labels(organisation="Synthetic Front", behaviour="glorification", tags=["poster"])
    entry = services.add_content(coordinator, bank, data, labels)
    assert entry.content_type == "image"
    assert entry.pdq == signals.pdq_from_bytes(data).hash and entry.pdq_quality >= 50
    assert (entry.md5, entry.sha256) == (
        signals.file_digests(data)["md5"],
        signals.file_digests(data)["sha256"],
    )
    assert (entry.organisation, entry.behaviour, entry.tags, entry.tlp) == (
        "Synthetic Front", "glorification", ["poster"], "amber",
    )  # fmt: skip
    assert entry.content_file == ""  # not kept unless asked


def test_a_text_file_gets_the_text_signals(coordinator, bank):
    entry = services.add_content(coordinator, bank, media.TEXT_VI.encode(), services.Labels())
    assert entry.content_type == "text"
    assert entry.text_sha256 == signals.text_sha256(media.TEXT_VI)
    assert entry.text_folded_sha256 == signals.text_folded_sha256(media.TEXT_VI)
    assert entry.text == media.TEXT_VI


def test_a_pdf_gets_md5_and_sha256(coordinator, bank):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    entry = services.add_content(coordinator, bank, pdf, services.Labels())
    assert (entry.content_type, entry.pdq, entry.sha256) == ("pdf", "", signals.file_digests(pdf)["sha256"])


def test_a_url_is_banked_as_its_url(coordinator, bank):
    entry = services.add_url(coordinator, bank, "https://example.invalid/post/1", services.Labels())
    assert (entry.content_type, entry.url) == ("url", "https://example.invalid/post/1")


def test_a_plain_image_is_refused_for_its_pdq_quality(coordinator, bank):
    with pytest.raises(PeaceError, match=r"PDQ quality is \d+, below 50"):
        services.add_content(coordinator, bank, media.flat_image(), services.Labels())
    assert not BankEntry.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"PK\x03\x04" + b"\x00" * 40, "not a content type banks hold"),
        (bytes(range(256)) * 4, "unrecognised content"),
    ],
)
def test_other_content_is_refused_and_nothing_is_added(coordinator, bank, data, message):
    with pytest.raises(PeaceError, match=message):
        services.add_content(coordinator, bank, data, services.Labels())
    assert not BankEntry.objects.exists()


def test_bad_labels_are_refused(coordinator, bank):
    with pytest.raises(PeaceError, match="behaviour"):
        services.add_content(coordinator, bank, media.image(2), services.Labels(behaviour="propaganda"))
    with pytest.raises(PeaceError, match="TLP"):
        services.add_content(coordinator, bank, media.image(2), services.Labels(tlp="black"))
    assert not BankEntry.objects.exists()


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "reviewer"])
def test_only_coordinators_add_entries(actors, reviewer, bank, who):
    user = reviewer if who == "reviewer" else actors[who]
    with pytest.raises(NotAllowed):
        services.add_content(user, bank, media.image(3), services.Labels())
    assert not BankEntry.objects.exists()
