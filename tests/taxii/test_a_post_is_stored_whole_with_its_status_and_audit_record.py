"""A POST's objects, its status and its audit record are committed together, in one transaction: if the
audit record cannot be written, the client is told (a TAXII error) and nothing of that POST stays, while what
earlier POSTs stored is kept. The same holds for an envelope left to the worker (a pending status)."""

import json
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.test import Client

from hotline.access.services import create_token
from hotline.audit import services as audit
from hotline.audit.models import Record
from hotline.intel.models import CollectionEntry, StixObject
from hotline.taxii.models import Status

TAXII = "application/taxii+json;version=2.1"
OBJECTS = "/taxii2/api/collections/intel/objects/"
CREATED = "2024-01-01T00:00:00.000Z"


def indicator() -> dict:
    return {
        "type": "indicator", "spec_version": "2.1", "id": f"indicator--{uuid.uuid4()}", "created": CREATED,
        "modified": CREATED, "name": "Channel", "pattern": "[url:value = 'https://example.org/c']",
        "pattern_type": "stix", "valid_from": CREATED,
    }  # fmt: skip


@pytest.fixture
def post(actors):
    client = Client()  # in process (this package's `client` fixture is taxii2-client's, for live nodes)
    token = create_token(get_user_model().objects.get(username="alice"), "post-test")[1]

    def send(*objects: dict):
        return client.generic(
            "POST", OBJECTS, json.dumps({"objects": list(objects)}), content_type=TAXII,
            HTTP_ACCEPT=TAXII, HTTP_AUTHORIZATION=f"Token {token}",
        )  # fmt: skip

    return send


def _unwritable_audit_trail(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise DatabaseError("the audit trail cannot be written")

    monkeypatch.setattr(audit, "record", refuse)


def _stored(stix_id: str) -> bool:
    return StixObject.objects.filter(stix_id=stix_id).exists()


def test_the_objects_their_status_and_the_audit_record_are_written_together(post):
    sent = [indicator(), indicator()]
    response = post(*sent)
    assert response.status_code == 202
    status = Status.objects.get(pk=response.json()["id"])
    assert (status.status, len(status.successes)) == (Status.COMPLETE, 2)
    (write,) = Record.objects.filter(action="object.write")
    assert write.detail == {"status": str(status.pk), "total": 2, "stored": 2, "refused": 0, "pending": False}
    assert all(_stored(obj["id"]) for obj in sent)


def test_nothing_of_a_post_stays_when_its_audit_record_cannot_be_written(post, monkeypatch):
    kept = indicator()
    assert post(kept).status_code == 202
    _unwritable_audit_trail(monkeypatch)

    lost = indicator()
    response = post(lost)

    assert response.status_code == 500
    assert response.json()["title"] == "Internal error"
    assert not _stored(lost["id"])
    assert not CollectionEntry.objects.filter(stix_id=lost["id"]).exists()
    assert Status.objects.count() == 1
    assert _stored(kept["id"]) and CollectionEntry.objects.filter(stix_id=kept["id"]).exists()


def test_a_pending_status_is_not_left_without_its_audit_record(post, monkeypatch, settings):
    settings.TAXII_INLINE_OBJECTS = 1
    assert post(indicator(), indicator()).json()["status"] == "pending"
    (write,) = Record.objects.filter(action="object.write")
    assert write.detail["pending"] is True
    _unwritable_audit_trail(monkeypatch)

    response = post(indicator(), indicator())

    assert response.status_code == 500
    assert Status.objects.count() == 1
