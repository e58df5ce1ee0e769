"""Bad input to send() gets a clear error naming the field, and nothing is stored."""

import re

import pytest

from hotline.desk import services
from hotline.desk.errors import DeskError, NotAllowed
from hotline.desk.models import Attachment, Message, MessageEvent, Notification
from hotline.intel.models import CollectionEntry, StixObject
from hotline.intel.services import add_objects
from tests.desk.conftest import T0, draft
from tests.factories import sdo


def _counts():
    return tuple(
        m.objects.count()
        for m in (Message, MessageEvent, Attachment, Notification, StixObject, CollectionEntry)
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"to": "nowhere"}, "to", "no partner 'nowhere' (partners: mps)"),
        ({"kind": "reply"}, "kind", "kind must be one of alert, rfi, notice"),
        ({"priority": "asap"}, "priority", "priority must be one of flash, urgent, routine"),
        ({"tlp": "purple"}, "tlp", "tlp must be one of clear, green, amber, amber+strict, red"),
        ({"subject": "  "}, "subject", "a message needs a subject"),
        ({"subject": "x" * 301}, "subject", "longer than 300"),
        ({"handling_code": "H3"}, "handling_text", "H3 needs the restriction"),
        ({"handling_code": "H9"}, "handling_code", "handling_code must be one of"),
        ({"source_reliability": "Z"}, "source_reliability", "source_reliability must be one of"),
        ({"information_credibility": 0}, "information_credibility", "must be one of 1, 2, 3, 4, 5, 6"),
        ({"body_format": "html"}, "body_format", "body_format must be one of text, markdown"),
        (
            {"intel_refs": ["threat-actor--56f3f0db-b5d5-431c-ae56-c18f02caf500"]},
            "intel_refs",
            "no such intel",
        ),
        ({"new_intel": [{"type": "threat-actor", "id": "threat-actor--1"}]}, "new_intel", "threat-actor"),
    ],
)
def test_refused_with_the_field_and_nothing_stored(desk, changes, field, message):
    before = _counts()

    with pytest.raises(DeskError, match=re.escape(message)) as refused:
        services.send(desk.alice, draft(**changes), now=T0)

    assert refused.value.field == field
    assert _counts() == before


def test_intelligence_the_sender_may_not_read_cannot_be_attached(desk):
    secret = sdo("threat-actor", name="Source")
    add_objects(services.desk_collection(), [secret])  # no role may read it

    with pytest.raises(DeskError, match="no such intelligence you may read"):
        services.send(desk.alice, draft(intel_refs=[secret["id"]]), now=T0)


def test_creating_intelligence_needs_write_access_to_intel(desk):
    from hotline.access.models import CollectionGrant

    CollectionGrant.objects.filter(collection__alias="intel", group__name="supervisor").update(
        can_write=False
    )
    before = _counts()

    with pytest.raises(NotAllowed, match="may not create intelligence"):
        services.send(desk.sam, draft(new_intel=[sdo("campaign", name="x")]), now=T0)

    assert _counts() == before


def test_a_failure_after_the_files_were_written_removes_them(desk, settings, monkeypatch):
    from hotline.desk.attachments import AttachmentFile

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_deliver_internally", broken)

    with pytest.raises(RuntimeError):
        services.send(
            desk.alice, draft(to="internal", attachments=[AttachmentFile("a.txt", b"hello\n")]), now=T0
        )

    assert Message.objects.count() == 0
    assert [p for p in (settings.MEDIA_ROOT / "desk").rglob("*") if p.is_file()] == []
