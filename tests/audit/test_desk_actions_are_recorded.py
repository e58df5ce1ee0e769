"""The desk's verbs are recorded: send, acknowledge, reply, close and assign, by whom; opening a marked
message and downloading an attachment too. A refused action records nothing."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from hotline.access import roles
from hotline.access.services import create_user
from hotline.desk import attachments, roster, services
from hotline.desk.errors import NotAllowed
from hotline.desk.models import Attachment
from hotline.federation.services import create_partner
from tests.actors import PASSWORD
from tests.audit.conftest import records
from tests.signin import signed_in_client

NOW = datetime.now(UTC)


@pytest.fixture
def desk(actors, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    sam = create_user("sam", roles.SUPERVISOR, PASSWORD)
    roster.add_shift(sam, sam, NOW - timedelta(hours=1), NOW + timedelta(hours=8))
    create_partner("mps", "Ministry of Public Security (Viet Nam)", account=actors["bob"])
    return {**actors, "sam": sam}


def internal(subject="Ferry terminal", tlp="amber", files=()):
    return services.Draft(
        to="internal", kind="alert", priority="flash", subject=subject, body="A cell is preparing.", tlp=tlp,
        attachments=list(files),
    )  # fmt: skip


def test_send_acknowledge_reply_and_close_are_recorded(desk):
    alice, sam = desk["alice"], desk["sam"]
    message = services.send(alice, internal())
    services.acknowledge(sam, message)
    answer = services.reply(sam, message, body="On it.")
    services.close(sam, message)

    trail = [(r.action, r.actor, r.target) for r in records("desk.send") + records("desk.acknowledge")
             + records("desk.reply") + records("desk.close")]  # fmt: skip
    assert trail == [
        ("desk.send", "alice", message.stix_id),
        ("desk.acknowledge", "sam", message.stix_id),
        ("desk.reply", "sam", answer.stix_id),
        ("desk.close", "sam", message.stix_id),
    ]
    assert records("desk.send")[0].detail == {"to": "internal", "tlp": "amber", "kind": "alert"}


def test_sending_to_a_partner_records_the_share(desk):
    to_mps = services.Draft(to="mps", kind="alert", priority="flash", subject="Ferry", body="Cell.")
    message = services.send(desk["alice"], to_mps)

    # Outside a request the share names no user; the send recorded with it (same transaction) does.
    shares = [r for r in records("federation.share") if message.stix_id in r.detail["objects"]]
    assert [r.target for r in shares] == ["mps"]
    (send,) = records("desk.send")
    assert (send.actor, send.detail["to"], send.seq) == ("alice", "mps", shares[0].seq + 1)


def test_a_refused_action_records_nothing(desk):
    message = services.send(desk["alice"], internal())
    with pytest.raises(NotAllowed):
        services.close(desk["charlie"], message)

    assert records("desk.close") == []


def test_opening_a_marked_message_and_its_attachment_is_recorded(desk):
    upload = attachments.AttachmentFile(name="note.txt", data=b"Ferry terminal, Batam.\n")
    message = services.send(desk["alice"], internal(files=[upload]))
    attachment = Attachment.objects.get(message=message)
    browser = signed_in_client(desk["sam"])

    assert browser.get(f"/desk/messages/{message.stix_id}/").status_code == 200
    assert browser.get(f"/desk/attachments/{attachment.pk}/").status_code == 200

    (read,) = records("desk.read")
    assert (read.actor, read.entry_point, read.target, read.ip) == (
        "sam",
        "web",
        message.stix_id,
        "127.0.0.1",
    )
    (download,) = records("desk.attachment")
    assert (download.actor, download.target) == ("sam", attachment.artifact_id)


def test_opening_a_clear_message_is_not_a_read_of_marked_intelligence(desk):
    message = services.send(desk["alice"], internal(tlp="clear"))

    signed_in_client(desk["sam"]).get(f"/desk/messages/{message.stix_id}/")

    assert records("desk.read") == []


def test_marked_intelligence_shown_by_the_picker_is_recorded(desk):
    from hotline import stix
    from hotline.intel import services as intel
    from hotline.intel.models import Collection

    def actor(name, tlp=None):
        when = "2024-01-01T00:00:00.000Z"
        obj = {"type": "threat-actor", "spec_version": "2.1", "id": f"threat-actor--{uuid.uuid4()}",
               "name": name, "created": when, "modified": when}  # fmt: skip
        return stix.mark(obj, tlp) if tlp else obj

    marked, plain = actor("Jamaah cell Batam", "amber"), actor("Jamaah cell Medan")
    intel.add_objects(Collection.objects.get(alias="intel"), [marked, plain])

    results = signed_in_client(desk["alice"]).get("/desk/compose/intelligence/", {"q": "jamaah"}).json()

    assert {r["id"] for r in results["results"]} == {marked["id"], plain["id"]}
    (read,) = records("object.read")
    assert (read.actor, read.entry_point, read.target) == ("alice", "web", "intelligence picker")
    assert read.detail == {"objects": [marked["id"]]}
