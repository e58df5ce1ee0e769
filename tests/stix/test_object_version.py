"""object_version: modified, else created, else None (SCOs have no version)."""

from hotline.stix import TLP_MARKINGS, object_version
from tests.stix.objects import domain, threat_actor


def test_modified_wins():
    assert object_version(threat_actor()) == "2024-03-01T12:00:00.123456Z"


def test_created_when_no_modified():
    assert object_version(TLP_MARKINGS["amber"]) == "2022-10-01T00:00:00.000Z"


def test_sco_has_none():
    assert object_version(domain()) is None
