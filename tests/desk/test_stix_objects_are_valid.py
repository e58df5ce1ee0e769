"""Messages, receipts, acknowledgements and attached files are valid STIX 2.1 — for our validator (with the
registered extension checks) and for the OASIS stix2-validator."""

import json
from datetime import timedelta

import pytest
from stix2validator import ValidationOptions, validate_instance

from hotline import stix
from hotline.desk import inbound, services, stix_types
from hotline.desk.attachments import AttachmentFile
from hotline.intel import queries
from hotline.intel.models import Collection
from hotline.stix.extensions import PROJECT_EXTENSIONS, PROJECT_IDENTITY
from tests.desk.conftest import T0, draft, partner_message

OPTIONS = ValidationOptions(version="2.1")


def _theirs(obj: dict) -> list[str]:
    result = validate_instance(obj, OPTIONS)
    return [str(e) for e in result.errors]


def _stored(stix_id: str) -> dict:
    return queries.latest_objects([stix_id])[stix_id]


@pytest.fixture
def objects(desk):
    sent = services.send(
        desk.alice,
        draft(
            kind="rfi", tlp="amber+strict", handling_code="H3", handling_text="Not for court without consent",
            source_reliability="B", information_credibility=2, body_format="markdown", body="**Batam** ferry",
            attachments=[AttachmentFile("note.txt", b"Suspect seen at the terminal\n")],
        ),
        now=T0,
    )  # fmt: skip
    received = inbound.receive_message(partner_message(), partner=desk.mps, now=T0)
    services.acknowledge(desk.alice, received, now=T0 + timedelta(minutes=1))
    reply = services.reply(desk.alice, received, body="Answer", now=T0 + timedelta(minutes=2))
    desk_objects = Collection.objects.get(alias="hotline").entries.values_list("stix_id", flat=True)
    return {"sent": sent, "reply": reply, "all": [_stored(i) for i in set(desk_objects)]}


def test_the_three_types_are_declared_by_registered_extension_definitions():
    for name, ext_id in stix_types.EXTENSION_IDS.items():
        definition = PROJECT_EXTENSIONS[ext_id]
        assert definition["name"] == name and definition["extension_types"] == ["new-sdo"]
        assert definition["created_by_ref"] == PROJECT_IDENTITY["id"]
        assert stix.validate_object(definition) == [] and _theirs(definition) == []
    assert _theirs(PROJECT_IDENTITY) == []


def test_every_object_of_the_desk_is_valid_for_both_validators(objects):
    types = {o["type"] for o in objects["all"]}
    assert types == {"hotline-message", "hotline-receipt", "hotline-acknowledgement", "artifact"}
    for obj in objects["all"]:
        assert stix.validate_object(obj) == [], obj["id"]
        assert _theirs(obj) == [], obj["id"]


def test_the_message_carries_every_field(objects):
    obj = _stored(objects["sent"].stix_id)

    assert {k: obj[k] for k in ("kind", "priority", "handling_code", "handling_text", "body_format")} == {
        "kind": "rfi",
        "priority": "flash",
        "handling_code": "H3",
        "handling_text": "Not for court without consent",
        "body_format": "markdown",
    }
    assert (obj["source_reliability"], obj["information_credibility"]) == ("B", 2)
    assert stix.tlp_level(obj) == "amber+strict"
    assert obj["addressee_ref"] == objects["sent"].partner.identity_id
    artifact = _stored(obj["attachment_refs"][0])
    assert artifact["mime_type"] == "text/plain" and obj["attachment_names"] == ["note.txt"]
    assert artifact["hashes"]["SHA-256"] == objects["sent"].attachments.get().sha256


def test_a_reply_refers_to_its_original(objects):
    obj = _stored(objects["reply"].stix_id)

    assert obj["kind"] == "reply" and obj["in_reply_to_ref"] == objects["reply"].in_reply_to.stix_id


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"kind": "gossip"}, "property 'kind' must be one of alert, rfi, reply, notice"),
        ({"priority": "whenever"}, "property 'priority' must be one of flash, urgent, routine"),
        ({"handling_code": "H3"}, "handling code H3 needs property 'handling_text'"),
        ({"handling_text": "x"}, "'handling_text' is only used with handling code H3"),
        (
            {"information_credibility": 7},
            "property 'information_credibility' must be one of 1, 2, 3, 4, 5, 6",
        ),
        ({"source_reliability": "G"}, "property 'source_reliability' must be one of A, B, C, D, E, F"),
        (
            {"addressee_ref": "threat-actor--56f3f0db-b5d5-431c-ae56-c18f02caf500"},
            "must be the id of an identity",
        ),
        ({"kind": "reply"}, "a reply needs property 'in_reply_to_ref'"),
        ({"subject": " "}, "property 'subject' must be a non-empty string"),
        ({"attachment_refs": ["file--56f3f0db-b5d5-431c-ae56-c18f02caf500"]}, "list of artifact ids"),
    ],
)
def test_the_registered_check_refuses_bad_messages(change, problem):
    obj = {**partner_message(), **change}

    assert any(problem in p for p in stix.validate_object(obj)), stix.validate_object(obj)


def test_an_artifact_id_is_the_deterministic_stix2_one():
    import stix2

    artifact = stix_types.artifact_object(
        b"abc",
        mime_type="text/plain",
        sha256="ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        tlp="green",
    )  # noqa: E501
    reference = stix2.v21.Artifact(payload_bin=artifact["payload_bin"], hashes=artifact["hashes"])

    assert artifact["id"] == reference.id
    assert json.loads(json.dumps(artifact))["payload_bin"] == "YWJj"
