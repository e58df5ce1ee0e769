"""A message to a partner goes into that partner's outbound collection with everything it refers to; an
internal one never leaves the node; everything is also kept in the node's `hotline` collection."""

from datetime import timedelta

from hotline.desk import inbound, services
from hotline.desk.attachments import AttachmentFile
from hotline.desk.stix_types import EXTENSION_IDS
from hotline.federation.services import create_partner, node_identity_id
from hotline.intel.models import Collection
from hotline.intel.services import add_objects
from hotline.stix.extensions import PROJECT_IDENTITY
from tests.desk.conftest import T0, draft, partner_message
from tests.factories import sdo


def _ids(alias: str) -> set[str]:
    return set(Collection.objects.get(alias=alias).entries.values_list("stix_id", flat=True))


def test_to_a_partner_with_its_intelligence_and_files(desk):
    actor = sdo("threat-actor", name="Cell X")
    add_objects(Collection.objects.get(alias="intel"), [actor])
    new_campaign = sdo("campaign", name="Ferry plot")

    message = services.send(
        desk.alice,
        draft(
            intel_refs=[actor["id"]],
            new_intel=[new_campaign],
            attachments=[AttachmentFile("note.txt", b"seen at the terminal\n")],
        ),
        now=T0,
    )

    artifact_id = message.attachments.get().artifact_id
    assert {message.stix_id, actor["id"], new_campaign["id"], artifact_id} <= _ids("outbound-mps")
    assert {message.stix_id, artifact_id} <= _ids("hotline")
    assert new_campaign["id"] in _ids("intel")  # created while composing: kept as intelligence
    assert message.object_refs == [actor["id"], new_campaign["id"]]


def test_the_outbound_collection_starts_with_what_the_partner_needs_to_read_us(desk):
    outbound = _ids("outbound-mps")

    assert {PROJECT_IDENTITY["id"], node_identity_id(), *EXTENSION_IDS.values()} <= outbound
    assert sum(o.startswith("marking-definition--") for o in outbound) == 5


def test_each_partner_gets_only_its_own(desk):
    create_partner("somtc", "SOMTC secretariat")

    to_mps = services.send(desk.alice, draft(to="mps"), now=T0)
    to_somtc = services.send(desk.alice, draft(to="somtc"), now=T0)

    assert to_mps.stix_id in _ids("outbound-mps") and to_mps.stix_id not in _ids("outbound-somtc")
    assert to_somtc.stix_id in _ids("outbound-somtc") and to_somtc.stix_id not in _ids("outbound-mps")


def test_an_internal_message_stays_home(desk):
    message = services.send(desk.alice, draft(to="internal"), now=T0)

    assert message.stix_id in _ids("hotline") and message.stix_id not in _ids("outbound-mps")


def test_receipt_acknowledgement_and_reply_go_back_to_the_sender(desk):
    received = inbound.receive_message(partner_message(), partner=desk.mps, now=T0)
    services.acknowledge(desk.alice, received, now=T0 + timedelta(minutes=1))
    reply = services.reply(desk.alice, received, body="Answer", now=T0 + timedelta(minutes=2))

    back = {i.split("--")[0] for i in _ids("outbound-mps") if i.startswith("hotline-")}
    assert back == {"hotline-receipt", "hotline-acknowledgement", "hotline-message"}
    assert reply.stix_id in _ids("outbound-mps") and received.stix_id not in _ids("outbound-mps")
